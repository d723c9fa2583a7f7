"""Tenants (gemeenten): creating and listing them, and finding a request's tenant from its
credentials: a Slack workspace or a Microsoft 365 tenant. An API key and a link token carry
their tenant themselves (bot/app/apikeys.py, bot/app/links.py).

An identity that no tenant claims belongs to `default` as long as `default` claims none of
that kind: a single municipality never registers anything. Once `default`'s own workspace
(or Microsoft 365 tenant) is registered (`tenant link default --slack T…`), an unknown one
is refused, and the refusal audited by the adapter. An installation of several
municipalities registers every one's, default's too (docs/tenants.md).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.domain import tenant_settings
from bot.domain.errors import TerugkoppelError
from store.tenancy import (
    DEFAULT_TENANT,
    TENANT_ID,
    current_tenant,
    enter_tenant,
    tenant_scope,
)
from store.uow import UnitOfWork

__all__ = [
    "DEFAULT_TENANT",
    "IdentityKinds",
    "TenantFinder",
    "TenantInfo",
    "TenantProblem",
    "create_tenant",
    "current_tenant",
    "enter_tenant",
    "link_identities",
    "list_tenants",
    "set_tenant_settings",
    "tenant_ids",
    "tenant_scope",
    "valid_tenant",
]


class IdentityKinds:
    SLACK = "slack"  # a Slack workspace: its team id (T…)
    TEAMS = "teams"  # a Microsoft 365 tenant: its directory id (a GUID)


class TenantProblem(TerugkoppelError):
    """`key`: tenant.bad_id, tenant.exists, tenant.unknown or tenant.identity_taken."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(**params)
        self.key = key


@dataclass(frozen=True)
class TenantInfo:
    id: str
    name: str
    created_at: datetime
    slack: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)  # its own (tenant set)


def valid_tenant(tenant: str) -> bool:
    return bool(TENANT_ID.fullmatch(tenant))


def create_tenant(
    uow: UnitOfWork,
    *,
    id: str,
    name: str,
    now: datetime,
    slack: tuple[str, ...] = (),
    teams: tuple[str, ...] = (),
) -> TenantInfo:
    """A new tenant, with the Slack workspaces and Microsoft 365 tenants that are its own."""
    if not valid_tenant(id):
        raise TenantProblem("tenant.bad_id", tenant=id)
    with uow:
        if uow.tenants.get(id=id) is not None:
            raise TenantProblem("tenant.exists", tenant=id)
        for kind, ids in ((IdentityKinds.SLACK, slack), (IdentityKinds.TEAMS, teams)):
            for external in ids:
                if uow.tenants.identity(kind=kind, external_id=external) is not None:
                    raise TenantProblem("tenant.identity_taken", identity=external)
        uow.tenants.add(id=id, name=name.strip() or id, now=now)
        for kind, ids in ((IdentityKinds.SLACK, slack), (IdentityKinds.TEAMS, teams)):
            for external in ids:
                uow.tenants.add_identity(tenant=id, kind=kind, external_id=external)
        uow.commit()
    return TenantInfo(id, name.strip() or id, now, slack, teams)


def link_identities(
    uow: UnitOfWork, *, id: str, slack: tuple[str, ...] = (), teams: tuple[str, ...] = ()
) -> None:
    """Registers more Slack workspaces or Microsoft 365 tenants as `id`'s own."""
    with uow:
        if uow.tenants.get(id=id) is None:
            raise TenantProblem("tenant.unknown", tenant=id)
        for kind, ids in ((IdentityKinds.SLACK, slack), (IdentityKinds.TEAMS, teams)):
            for external in ids:
                owner = uow.tenants.identity(kind=kind, external_id=external)
                if owner is not None and owner.tenant_id != id:
                    raise TenantProblem("tenant.identity_taken", identity=external)
                if owner is None:
                    uow.tenants.add_identity(tenant=id, kind=kind, external_id=external)
        uow.commit()


def list_tenants(uow: UnitOfWork) -> list[TenantInfo]:
    with uow:
        identities = uow.tenants.identities()
        return [
            TenantInfo(
                t.id,
                t.name,
                t.created_at,
                tuple(
                    i.external_id for i in identities if i.tenant_id == t.id and i.kind == "slack"
                ),
                tuple(
                    i.external_id for i in identities if i.tenant_id == t.id and i.kind == "teams"
                ),
                dict(t.settings or {}),
            )
            for t in uow.tenants.all()
        ]


def set_tenant_settings(
    uow: UnitOfWork, tenant: str, changes: Mapping[str, object], *, name: str | None = None
) -> Mapping[str, Any]:
    """Sets a municipality's own settings (None removes one: the installation's holds again)
    and, given, its name (what other municipalities read, e.g. as the referrer of a youth who
    moves); TenantProblem for an unknown tenant or a value the setting cannot take."""
    if not valid_tenant(tenant):
        raise TenantProblem("tenant.bad_id", tenant=tenant)
    with uow:
        row = uow.tenants.get(id=tenant)
        if row is None:
            raise TenantProblem("tenant.unknown", tenant=tenant)
        try:
            settings = tenant_settings.merged(row.settings or {}, changes)
        except tenant_settings.BadTenantSetting as bad:
            raise TenantProblem(
                "tenant.bad_setting", setting=bad.key, value=str(bad.value)
            ) from bad
        uow.tenants.set_settings(id=tenant, settings=settings)
        if name is not None and name.strip():
            row.name = name.strip()[:200]
        uow.commit()
    return settings


def tenant_ids(uow: UnitOfWork) -> list[str]:
    """Every tenant's id: the tick and the digests go through them one by one."""
    with uow:
        return uow.tenants.ids()


def require_tenant(uow: UnitOfWork, tenant: str) -> None:
    """TenantProblem unless `tenant` exists (a CLI option names it)."""
    if not valid_tenant(tenant):
        raise TenantProblem("tenant.bad_id", tenant=tenant)
    with uow:
        if uow.tenants.get(id=tenant) is None:
            raise TenantProblem("tenant.unknown", tenant=tenant)


@dataclass
class TenantFinder:
    """The tenant of a platform identity, from a small cache refreshed every `ttl` seconds
    (a chat event must not wait for the database to learn what it learnt a moment ago)."""

    uow: Callable[[], UnitOfWork]
    ttl: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _known: dict[tuple[str, str], str] = field(default_factory=dict)
    _own: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)  # (kind, tenant)
    _default_claims: frozenset[str] = frozenset()  # kinds `default` registered itself
    _read_at: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def find(
        self, kind: str, external_id: str | None, *, registered_only: bool = False
    ) -> str | None:
        """The tenant, or None when this identity belongs to none (refuse the request).
        An unregistered identity is `default`'s while `default` registered none of its kind,
        unless `registered_only` (an identity anyone could hold: a multi-tenant sign-in)."""
        self._refresh()
        if external_id and (kind, external_id) in self._known:
            return self._known[kind, external_id]
        if registered_only or kind in self._default_claims:
            return None
        return DEFAULT_TENANT

    async def find_soon(
        self, kind: str, external_id: str | None, *, registered_only: bool = False
    ) -> str | None:
        """`find` for an event loop: from memory when fresh, else from a worker thread."""
        if self.fresh():
            return self.find(kind, external_id, registered_only=registered_only)
        return await asyncio.to_thread(
            lambda: self.find(kind, external_id, registered_only=registered_only)
        )

    def identity_of(self, kind: str, tenant: str) -> str | None:
        """The other way round: the tenant's own identity of this kind (its Microsoft 365
        tenant, say), or None when it registered none. With several, the first in order."""
        owned = self.identities(kind, tenant)
        return owned[0] if owned else None

    async def identity_of_soon(self, kind: str, tenant: str) -> str | None:
        """`identity_of` for an event loop, as `find_soon`."""
        if self.fresh():
            return self.identity_of(kind, tenant)
        return await asyncio.to_thread(self.identity_of, kind, tenant)

    def identities(self, kind: str, tenant: str) -> tuple[str, ...]:
        """All of the tenant's own identities of this kind (its Slack workspaces), in order."""
        self._refresh()
        return self._own.get((kind, tenant), ())

    async def identities_soon(self, kind: str, tenant: str) -> tuple[str, ...]:
        """`identities` for an event loop, as `find_soon`."""
        if self.fresh():
            return self.identities(kind, tenant)
        return await asyncio.to_thread(self.identities, kind, tenant)

    def fresh(self) -> bool:
        """True when `find` answers from memory (an event loop may then ask it directly;
        otherwise ask it from a worker thread: it reads the database)."""
        return self._read_at is not None and self.clock() - self._read_at < self.ttl

    def forget(self) -> None:
        """Read the tenants again at the next question (after `tenant create`)."""
        with self._lock:
            self._read_at = None

    def _refresh(self) -> None:
        if self.fresh():
            return
        with self._lock:
            now = self.clock()
            if self._read_at is not None and now - self._read_at < self.ttl:
                return
            with self.uow() as uow:
                identities = uow.tenants.identities()
            self._known = {(i.kind, i.external_id): i.tenant_id for i in identities}
            own: dict[tuple[str, str], list[str]] = {}
            for i in identities:  # ordered by tenant, kind, external id
                own.setdefault((i.kind, i.tenant_id), []).append(i.external_id)
            self._own = {key: tuple(ids) for key, ids in own.items()}
            self._default_claims = frozenset(
                i.kind for i in identities if i.tenant_id == DEFAULT_TENANT
            )
            self._read_at = now


def refuse_identity(uow: UnitOfWork, *, kind: str, external_id: str | None, now: datetime) -> None:
    """Audits a request from a workspace or Microsoft 365 tenant that is no municipality's
    (in the `default` tenant's trail: the installation's own)."""
    from bot.app import notify  # lazy: notify loads the message catalogue

    with tenant_scope(DEFAULT_TENANT), uow:
        notify.refuse(
            uow,
            now=now,
            actor=f"{kind}:{external_id or '?'}",
            case_ref=None,
            what=f"{kind}:unknown_tenant",
            channel=kind,
        )
