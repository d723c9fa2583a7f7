"""`terugkoppel tenant create|list`: the municipalities (tenants) of one installation."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.console import Console

from adapters.cli.runtime import UsageProblem, runtime
from bot.messages import text

# The use cases are imported inside the verbs: lazy, for start-up cost.

tenant_app = typer.Typer(
    no_args_is_help=True, help="Municipalities (tenants) of this installation."
)
out = Console(highlight=False)


@tenant_app.command("create")
def tenant_create(
    ctx: typer.Context,
    tenant_id: Annotated[str, typer.Argument(help="Id: lower-case letters, digits and '-'.")],
    name: Annotated[str, typer.Option(help="The municipality's name.")],
    slack: Annotated[
        list[str] | None, typer.Option(help="A Slack workspace of this municipality (T…).")
    ] = None,
    teams: Annotated[
        list[str] | None, typer.Option(help="A Microsoft 365 tenant of this municipality.")
    ] = None,
) -> None:
    """Add a municipality; its Slack workspaces and Microsoft 365 tenants lead to it."""
    from bot.app.tenants import create_tenant

    ready = runtime(ctx).ready()
    made = create_tenant(
        ready.data.uow(),
        id=tenant_id,
        name=name,
        now=datetime.now(UTC),
        slack=tuple(slack or ()),
        teams=tuple(teams or ()),
    )
    out.print(text("tenant.created", runtime(ctx).language(), tenant=made.id, name=made.name))


@tenant_app.command("link")
def tenant_link(
    ctx: typer.Context,
    tenant_id: Annotated[str, typer.Argument(help="The municipality's id.")],
    slack: Annotated[
        list[str] | None, typer.Option(help="A Slack workspace of this municipality (T…).")
    ] = None,
    teams: Annotated[
        list[str] | None, typer.Option(help="A Microsoft 365 tenant of this municipality.")
    ] = None,
) -> None:
    """Register more Slack workspaces or Microsoft 365 tenants as the municipality's own."""
    from bot.app.tenants import link_identities

    if not slack and not teams:
        raise UsageProblem(text("tenant.link_nothing", runtime(ctx).language()))
    ready = runtime(ctx).ready()
    link_identities(
        ready.data.uow(), id=tenant_id, slack=tuple(slack or ()), teams=tuple(teams or ())
    )
    out.print(text("tenant.linked", runtime(ctx).language(), tenant=tenant_id), markup=False)


@tenant_app.command("list")
def tenant_list(ctx: typer.Context) -> None:
    """Id, name, Slack workspaces and Microsoft 365 tenants of each municipality."""
    from bot.app.tenants import list_tenants

    ready = runtime(ctx).ready()
    for tenant in list_tenants(ready.data.uow()):
        out.print(
            "\t".join(
                (
                    tenant.id,
                    tenant.name,
                    ",".join(tenant.slack) or "-",
                    ",".join(tenant.teams) or "-",
                )
            ),
            markup=False,
        )
