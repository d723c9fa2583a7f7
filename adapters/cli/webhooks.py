"""Command-line verbs for status webhooks: add (prints the signing secret once), list,
remove, and the delivery log (every attempt, as the receiver answered it)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.console import Console

from adapters.cli.runtime import runtime
from bot.messages import text

# The use cases are imported inside the verbs: lazy, for start-up cost.

webhook_app = typer.Typer(no_args_is_help=True, help="Status webhooks per organisation.")
out = Console(highlight=False)


@webhook_app.command("add")
def webhook_add(
    ctx: typer.Context,
    organisation: Annotated[str, typer.Option(help="The organisation whose referrals it hears.")],
    url: Annotated[str, typer.Option(help="https://… (http only to 127.0.0.1).")],
) -> None:
    """Register a URL; the signing secret (whsec_…) is printed once, on the last line."""
    from bot.app.referrals import webhooks

    ready = runtime(ctx).ready()
    done = webhooks.register(
        ready.data.uow(), organisation=organisation, url=url, now=datetime.now(UTC)
    )
    language = runtime(ctx).language()
    out.print(
        text("webhook.added", language, id=done.id, organisation=done.organisation), markup=False
    )
    sys.stdout.write(done.secret + "\n")


@webhook_app.command("list")
def webhook_list(ctx: typer.Context) -> None:
    """Id, organisation, URL and when it was added (never the secret)."""
    from bot.app.referrals import webhooks

    ready = runtime(ctx).ready()
    found = webhooks.listed(ready.data.uow())
    if not found:
        out.print(text("webhook.none", runtime(ctx).language()), markup=False)
    for hook in found:
        added = ready.rules.moment_text(hook.created_at)
        out.print(f"{hook.id}\t{hook.organisation}\t{hook.url}\t{added}", markup=False)


@webhook_app.command("remove")
def webhook_remove(ctx: typer.Context, webhook_id: int) -> None:
    """Stop delivering to it; its log stays."""
    from bot.app.referrals import webhooks

    ready = runtime(ctx).ready()
    language = runtime(ctx).language()
    if not webhooks.remove(ready.data.uow(), webhook_id=webhook_id, now=datetime.now(UTC)):
        out.print(text("webhook.unknown", language, id=webhook_id), markup=False)
        raise typer.Exit(1)
    out.print(text("webhook.removed", language, id=webhook_id), markup=False)


@webhook_app.command("log")
def webhook_log(
    ctx: typer.Context,
    webhook: Annotated[int | None, typer.Option(help="Only this webhook's attempts.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
) -> None:
    """The latest delivery attempts first: when, webhook, webhook-id, event, answer."""
    from bot.app.referrals import webhooks

    ready = runtime(ctx).ready()
    lines = webhooks.log(ready.data.uow(), webhook_id=webhook, limit=limit)
    if not lines:
        out.print(text("webhook.no_log", runtime(ctx).language()), markup=False)
    for line in lines:
        answer = str(line.status_code) if line.status_code is not None else "-"
        out.print(
            f"{ready.rules.moment_text(line.at)}\t{line.webhook_id}\t{line.message_id}\t"
            f"{line.event}\t{answer}\t{line.error or 'ok'}",
            markup=False,
        )
