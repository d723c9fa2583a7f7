"""The installation's tenants and the platform identities that lead to them. These rows
are read before a request's tenant is known, so they are not scoped to one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from store.repos.base import Repository
from store.schema.tenants import Tenant, TenantIdentity


class TenantRepository(Repository):
    def get(self, *, id: str) -> Tenant | None:
        return self.session.get(Tenant, id)

    def all(self) -> Sequence[Tenant]:
        return self.session.exec(select(Tenant).order_by(col(Tenant.id))).all()

    def ids(self) -> list[str]:
        return list(self.session.exec(select(Tenant.id).order_by(col(Tenant.id))).all())

    def add(self, *, id: str, name: str, now: datetime) -> Tenant:
        tenant = Tenant(id=id, name=name, settings={}, created_at=now)
        self.session.add(tenant)
        self.session.flush()
        return tenant

    def set_settings(self, *, id: str, settings: dict[str, Any]) -> None:
        tenant = self.session.get(Tenant, id)
        if tenant is not None:
            tenant.settings = dict(settings)  # a new dict: the JSON column sees the change
            self.session.add(tenant)
            self.session.flush()

    def identities(self, *, tenant: str | None = None) -> Sequence[TenantIdentity]:
        stmt = select(TenantIdentity).order_by(
            col(TenantIdentity.tenant_id), col(TenantIdentity.kind), col(TenantIdentity.external_id)
        )
        if tenant is not None:
            stmt = stmt.where(TenantIdentity.tenant_id == tenant)
        return self.session.exec(stmt).all()

    def identity(self, *, kind: str, external_id: str) -> TenantIdentity | None:
        return self.session.get(TenantIdentity, (kind, external_id))

    def add_identity(self, *, tenant: str, kind: str, external_id: str) -> None:
        self.session.add(TenantIdentity(kind=kind, external_id=external_id, tenant_id=tenant))
        self.session.flush()
