"""The REST API keys' repository (only lookups and hashes are stored, never a key)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import literal
from sqlalchemy import select as core_select
from sqlmodel import col, select

from store.repos.base import Repository
from store.schema.audit import ApiKey
from store.tenancy import ALL_TENANTS


class ApiKeyRepository(Repository):
    def add(self, key: ApiKey) -> ApiKey:
        self.session.add(key)
        self.session.flush()
        return key

    def by_name(self, *, name: str, any_tenant: bool = False) -> ApiKey | None:
        """The key of this name; with `any_tenant` also another tenant's (names are unique
        in the installation: a key's name is how the audit names its client)."""
        stmt = select(ApiKey).where(ApiKey.name == name)
        if any_tenant:
            stmt = stmt.execution_options(**{ALL_TENANTS: True})
        return self.session.exec(stmt).first()

    def by_lookup(self, *, lookup: str) -> ApiKey | None:
        return self.session.exec(select(ApiKey).where(ApiKey.lookup == lookup)).first()

    def all(self) -> Sequence[ApiKey]:
        return self.session.exec(select(ApiKey).order_by(col(ApiKey.name))).all()

    def lookup_row(
        self, *, lookup: str
    ) -> tuple[str | None, str | None, str | None, datetime | None, str | None]:
        """(name, organisation, secret hash, revoked at, tenant) of the key with this lookup
        part, all None when there is none; the key of any tenant (this is how a request's
        tenant is found). Always exactly one row comes back (a constant left-
        joined to the key), so a known and an unknown lookup cost the database, the driver
        and Python the same work."""
        table = ApiKey.__table__  # type: ignore[attr-defined]
        one = select(literal(1).label("one")).subquery()
        stmt = core_select(
            table.c.name,
            table.c.organisation_id,
            table.c.secret_hash,
            table.c.revoked_at,
            table.c.tenant_id,
        ).select_from(one.outerjoin(table, table.c.lookup == lookup))
        row = self.session.execute(stmt).one()
        return row[0], row[1], row[2], row[3], row[4]
