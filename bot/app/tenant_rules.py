"""The rules of the municipality being worked for: the installation's rules with the
tenant's own settings over them (bot/domain/tenant_settings.py).

`TenantSettings` reads every tenant's settings in one query and keeps them `ttl` seconds:
the intake path asks for a tenant's rules on every request and must not query for them.
`TenantRules` is a `Rules` whose every field is the current tenant's (store/tenancy.py): the
ways in (REST, Slack, Teams, the web pages) and the dispatcher are handed one, and a receipt's
"uiterlijk op" date follows the municipality the request belongs to without each use case
having to ask. The tick asks `rules_for(tenant)` itself, once per tenant.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.domain import tenant_settings
from bot.domain.rules import Rules
from store.tenancy import current_tenant
from store.uow import UnitOfWork


@dataclass
class TenantSettings:
    """Every tenant's own settings, from a cache refreshed every `ttl` seconds."""

    uow: Callable[[], UnitOfWork]
    base: Rules
    ttl: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _settings: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    _rules: dict[str, Rules] = field(default_factory=dict)
    _read_at: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def rules_for(self, tenant: str) -> Rules:
        """The installation's rules with `tenant`'s own settings over them."""
        self._refresh()
        return self._rules.get(tenant, self.base)

    def mail_from(self, tenant: str) -> str | None:
        """The tenant's own From address, or None (the installation's)."""
        self._refresh()
        return tenant_settings.mail_from(self._settings.get(tenant, {}))

    def forget(self) -> None:
        """Read the settings again at the next question (after `tenant set`)."""
        with self._lock:
            self._read_at = None

    def _fresh(self) -> bool:
        return self._read_at is not None and self.clock() - self._read_at < self.ttl

    def _refresh(self) -> None:
        if self._fresh():
            return
        with self._lock:
            if self._fresh():
                return
            with self.uow() as uow:
                settings: dict[str, Mapping[str, Any]] = {
                    t.id: dict(t.settings or {}) for t in uow.tenants.all()
                }
            self._settings = settings
            self._rules = {
                tenant: tenant_settings.rules_with(self.base, own)
                for tenant, own in settings.items()
                if own
            }
            self._read_at = self.clock()


class TenantRules(Rules):
    """Rules that are always the current tenant's: each field and method is read from
    `settings.rules_for(current_tenant())`. Equal in shape to `Rules`, so everything that
    takes rules takes these."""

    def __init__(self, settings: TenantSettings) -> None:  # no dataclass fields of its own
        object.__setattr__(self, "_tenant_settings", settings)

    def __getattribute__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_tenant_settings", "resolved"):
            return object.__getattribute__(self, name)
        return getattr(self.resolved(), name)

    def resolved(self) -> Rules:
        """The plain rules of the current tenant."""
        settings: TenantSettings = object.__getattribute__(self, "_tenant_settings")
        return settings.rules_for(current_tenant())

    def __repr__(self) -> str:
        return f"TenantRules({self.resolved()!r})"


def rules_for(rules: Rules, tenant: str) -> Rules:
    """`tenant`'s plain rules: from tenant-aware rules its own, plain rules as they are."""
    if isinstance(rules, TenantRules):
        settings: TenantSettings = object.__getattribute__(rules, "_tenant_settings")
        return settings.rules_for(tenant)
    return rules
