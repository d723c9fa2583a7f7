"""The command line's runtime: the object bot/main/cli.py puts in Typer's context for every
verb. It reads the settings and builds the container only when a verb asks (what a verb may
ask: adapters/cli/runtime.py, adapters/teams/cli.py)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from pydantic import ValidationError
from pydantic_settings.exceptions import SettingsError
from rich.console import Console

from adapters.cli.runtime import UsageProblem
from bot.main.settings import Settings
from bot.messages import text

if TYPE_CHECKING:
    from bot.main.wiring import Container

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def configured_language() -> str:
    """The configured language; nl while the settings are invalid (the sentence that says
    so must still be readable)."""
    try:
        return Settings().language
    except (ValidationError, SettingsError):
        return "en" if os.environ.get("TERUGKOPPEL_LANGUAGE") == "en" else "nl"


class CliRuntime:
    """Settings are read on every ask, as each verb did before: an invalid setting surfaces
    at the verb that needs it, through the error boundary."""

    def __init__(self, *, tenant: str | None = None) -> None:
        self._ready: Container | None = None
        self.tenant = tenant  # the root's --tenant (TERUGKOPPEL_TENANT); None: default

    def settings(self) -> Settings:
        return Settings()

    def language(self) -> str:
        return configured_language()

    def teams_app_id(self) -> str | None:
        return self.settings().teams_app_id

    def public_url(self) -> str:
        return self.settings().public_url

    def oidc_client_id(self) -> str | None:
        """The sign-in app registration (TERUGKOPPEL_OIDC_CLIENT_ID), read from the settings
        where they name it, else from the environment."""
        settings = self.settings()
        named = getattr(settings, "oidc_client_id", None)
        found = named if isinstance(named, str) else os.environ.get("TERUGKOPPEL_OIDC_CLIENT_ID")
        return found.strip() or None if found else None

    def wired(self) -> Container:
        """The container as the settings configure it, the schema unchecked."""
        # lazy, for start-up cost: the wiring loads the store, the adapters and the scheduler
        from bot.main.wiring import build

        return build(self.settings(), console=None)

    def ready(self) -> Container:
        """The container over a database whose schema is current; the embedded SQLite
        default is upgraded in place, any other database must be upgraded first."""
        if self._ready is None:
            # lazy, for start-up cost: the wiring loads the store, the adapters and the scheduler
            from bot.main.wiring import build
            from store.db import schema_is_current, upgrade

            container = build(self.settings(), console=out)
            if not schema_is_current(container.engine):
                if container.engine.dialect.name == "sqlite":
                    upgrade(container.engine)  # the embedded default sets itself up
                else:
                    raise UsageProblem(text("error.schema", self.language()))
            if self.tenant is not None:
                # lazy, like the wiring: the whole command works in this municipality
                from bot.app.tenants import enter_tenant, require_tenant

                require_tenant(container.data.uow(), self.tenant)
                enter_tenant(self.tenant)
            self._ready = container
        return self._ready
