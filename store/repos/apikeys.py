"""The REST API keys' repository (only lookups and hashes are stored, never a key)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import literal
from sqlmodel import col, select

from store.repos.base import Repository
from store.schema.audit import ApiKey


class ApiKeyRepository(Repository):
    def add(self, key: ApiKey) -> ApiKey:
        self.session.add(key)
        self.session.flush()
        return key

    def by_name(self, *, name: str) -> ApiKey | None:
        return self.session.exec(select(ApiKey).where(ApiKey.name == name)).first()

    def by_lookup(self, *, lookup: str) -> ApiKey | None:
        return self.session.exec(select(ApiKey).where(ApiKey.lookup == lookup)).first()

    def all(self) -> Sequence[ApiKey]:
        return self.session.exec(select(ApiKey).order_by(col(ApiKey.name))).all()

    def lookup_row(
        self, *, lookup: str
    ) -> tuple[str | None, str | None, str | None, datetime | None]:
        """(name, organisation, secret hash, revoked at) of the key with this lookup part,
        all None when there is none. Always exactly one row comes back (a constant left-
        joined to the key), so a known and an unknown lookup cost the database, the driver
        and Python the same work."""
        table = ApiKey.__table__  # type: ignore[attr-defined]
        one = select(literal(1).label("one")).subquery()
        stmt = select(
            table.c.name, table.c.organisation_id, table.c.secret_hash, table.c.revoked_at
        ).select_from(one.outerjoin(table, table.c.lookup == lookup))
        row = self.session.execute(stmt).one()
        return row[0], row[1], row[2], row[3]
