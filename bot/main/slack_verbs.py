"""`terugkoppel slack …`: the Slack verbs, here in the composition root because they drive
the Slack adapter the wiring builds."""

from __future__ import annotations

import asyncio
from typing import cast

import typer

from adapters.cli.runtime import UsageProblem
from bot.domain.errors import CredentialsRejected
from bot.domain.model import Platform
from bot.main.runtime import CliRuntime, out
from bot.messages import text

slack_app = typer.Typer(no_args_is_help=True, help="Slack.")


@slack_app.command("link")
def slack_link(ctx: typer.Context) -> None:
    """Find people without a Slack id by their e-mail address (users.lookupByEmail)."""
    # lazy, for start-up cost: Slack's SDK loads only for this verb
    from adapters.slack import SlackAdapter
    from adapters.slack.people import link_by_email

    runtime = cast(CliRuntime, ctx.obj)
    container = runtime.ready()
    adapter = container.adapters.get(Platform.SLACK)
    if not isinstance(adapter, SlackAdapter):
        raise UsageProblem(text("cli.slack_not_configured", runtime.language()))

    async def run() -> tuple[int, int]:
        try:
            report = await link_by_email(container.data, adapter)
        finally:
            await container.close()
        return report.linked, report.missing

    try:  # in the workspace of --tenant's municipality, with its token
        linked, missing = asyncio.run(run())
    except CredentialsRejected as refused:
        reason = str(refused.params.get("reason") or "")
        raise UsageProblem(text("cli.slack_refused", runtime.language(), error=reason)) from None
    out.print(text("cli.slack_linked", runtime.language(), linked=linked, missing=missing))
