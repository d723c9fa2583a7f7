"""`terugkoppel tenant create|list|set|show`: the municipalities (tenants) of one installation
and their own settings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any

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
                    settings_text(tenant.settings),
                )
            ),
            markup=False,
            soft_wrap=True,  # one line a municipality, however long its settings
        )


def settings_text(settings: Mapping[str, Any]) -> str:
    """`feedback_norm=3 office_hours=08:00-16:00`, or '-' without settings of its own."""
    return " ".join(f"{key}={settings[key]}" for key in sorted(settings)) or "-"


Norm = Annotated[int | None, typer.Option(help="A norm in working days.")]


@tenant_app.command("set")
def tenant_set(
    ctx: typer.Context,
    tenant_id: Annotated[str, typer.Argument(help="The municipality's id.")],
    feedback_norm: Norm = None,
    prompt_after: Norm = None,
    followup: Norm = None,
    snooze: Norm = None,
    handover_norm: Norm = None,
    snooze_cap: Annotated[int | None, typer.Option(help="Answers 'not yet' in a row.")] = None,
    help_start: Norm = None,
    stale: Norm = None,
    repage_minutes: Annotated[int | None, typer.Option(help="Minutes.")] = None,
    referrer_reminder: Norm = None,
    checkin: Norm = None,
    retention_days: Annotated[int | None, typer.Option(help="Days.")] = None,
    office_hours: Annotated[str | None, typer.Option(help="HH:MM-HH:MM.")] = None,
    mail_from: Annotated[str | None, typer.Option(help="The From address.")] = None,
    name: Annotated[str | None, typer.Option(help="The name others read.")] = None,
    reset: Annotated[
        list[str] | None, typer.Option(help="A setting back to the installation's.")
    ] = None,
) -> None:
    """Set a municipality's own norms, office hours, retention, mail sender and name."""
    from bot.app.tenants import TenantProblem, set_tenant_settings
    from bot.domain.tenant_settings import KEYS

    language = runtime(ctx).language()
    given: dict[str, object] = {
        "feedback_norm": feedback_norm,
        "prompt_after": prompt_after,
        "followup": followup,
        "snooze": snooze,
        "handover_norm": handover_norm,
        "snooze_cap": snooze_cap,
        "help_start": help_start,
        "stale": stale,
        "repage_minutes": repage_minutes,
        "referrer_reminder": referrer_reminder,
        "checkin": checkin,
        "retention_days": retention_days,
        "office_hours": office_hours,
        "mail_from": mail_from,
    }
    changes: dict[str, object] = {k: v for k, v in given.items() if v is not None}
    for name in reset or ():
        key = name.replace("-", "_")
        if key not in KEYS:
            raise TenantProblem("tenant.bad_setting_name", setting=name)
        changes[key] = None
    if not changes and name is None:
        raise UsageProblem(text("tenant.nothing_to_set", language))
    ready = runtime(ctx).ready()
    settings = set_tenant_settings(ready.data.uow(), tenant_id, changes, name=name)
    out.print(
        text("tenant.settings_set", language, tenant=tenant_id, settings=settings_text(settings)),
        markup=False,
        soft_wrap=True,
    )


@tenant_app.command("show")
def tenant_show(
    ctx: typer.Context,
    tenant_id: Annotated[str, typer.Argument(help="The municipality's id.")],
) -> None:
    """A municipality's own settings, one a line; the others are the installation's."""
    from bot.app.tenants import TenantProblem, list_tenants

    ready = runtime(ctx).ready()
    found = [t for t in list_tenants(ready.data.uow()) if t.id == tenant_id]
    if not found:
        raise TenantProblem("tenant.unknown", tenant=tenant_id)
    tenant = found[0]
    out.print(f"{tenant.id}\t{tenant.name}", markup=False)
    for key in sorted(tenant.settings):
        out.print(f"{key}\t{tenant.settings[key]}", markup=False)
    if not tenant.settings:
        out.print(text("tenant.no_settings", runtime(ctx).language()), markup=False)
