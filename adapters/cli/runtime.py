"""What the command-line verbs get from the composition root: bot/main/cli.py puts a
`Runtime` in Typer's context object, and a verb asks it for the data and the rules."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol, cast

import typer

if TYPE_CHECKING:  # types only: `--help` and verbs without a database load no store
    from bot.app.data import Data
    from bot.domain.rules import Rules


class UsageProblem(Exception):
    """A usage or validation error; the error boundary (bot/main/cli.py) prints it, exit 2."""


class Ready(Protocol):
    """A database whose schema is current, and the rules the settings configure."""

    @property
    def data(self) -> Data: ...

    @property
    def rules(self) -> Rules: ...


class Runtime(Protocol):
    def language(self) -> str:
        """The configured language; nl while the settings are invalid."""
        ...

    def ready(self) -> Ready:
        """Reads the settings and opens the database (the embedded SQLite sets itself up);
        an invalid setting or an old schema ends the command with one sentence."""
        ...


def runtime(ctx: typer.Context) -> Runtime:
    """The composition root's runtime (Typer hands the root's object to every verb)."""
    return cast("Runtime", ctx.obj)


@contextmanager
def in_tenant(ready: Ready, tenant: str | None) -> Iterator[None]:
    """Runs the block for `tenant` (a verb's --tenant), which must exist; None: the
    command's tenant (the root's --tenant, else `default`)."""
    from bot.app.tenants import require_tenant, tenant_scope

    if tenant is None:
        yield
        return
    require_tenant(ready.data.uow(), tenant)
    with tenant_scope(tenant):
        yield
