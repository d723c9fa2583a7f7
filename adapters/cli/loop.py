"""`terugkoppel referrer …` and `terugkoppel overleg …`: the referrer's own loop from the
command line (requests to referrers, the vaste overleg)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from adapters.cli.runtime import runtime
from adapters.cli.values import completions, words
from bot.domain.errors import ConsultationInvalid
from bot.domain.model import RequestKind
from bot.messages import text

# The use cases are imported inside the verbs: lazy, for start-up cost (`--help` and the
# other verbs do not load them).

referrer_app = typer.Typer(no_args_is_help=True, help="Requests to referrers.")
overleg_app = typer.Typer(no_args_is_help=True, help="The vaste overleg per team and partner.")
out = Console(highlight=False)


class Kind(StrEnum):
    consent = "consent"
    information = "information"


@referrer_app.command("ask")
def ask(
    ctx: typer.Context,
    case_ref: Annotated[str, typer.Argument(help="Our case reference, e.g. JT-NRD-2026-0042.")],
    kind: Annotated[
        Kind,
        typer.Argument(
            parser=words(Kind, "kind"),
            autocompletion=completions(Kind, "kind"),
            help="What the referral waits for.",
        ),
    ],
    by: Annotated[str, typer.Option("--by", help="The professional asking (person id).")],
) -> None:
    """Mark a referral as waiting for the referrer; the referrer is asked at once."""
    from bot.app.loop.referrer_requests import ask_referrer

    ready = runtime(ctx).ready()
    asked = ask_referrer(
        ready.data.uow(),
        ready.rules,
        case_ref=case_ref,
        kind=RequestKind(kind.value),
        by=by,
        now=datetime.now(UTC),
        channel="cli",
    )
    language = runtime(ctx).language()
    key = "loop.asked" if asked.created else "loop.asked_again"
    what = text(f"loop.kind.{kind.value}", language)
    out.print(
        text(key, language, case_ref=asked.case_ref, what=what, referrer=asked.referrer),
        markup=False,
    )


@referrer_app.command("done")
def done(
    ctx: typer.Context,
    case_ref: Annotated[str, typer.Argument(help="Our case reference.")],
    by: Annotated[str, typer.Option("--by", help="The professional (person id).")],
    kind: Annotated[
        Kind | None,
        typer.Option(
            parser=words(Kind, "kind"),
            autocompletion=completions(Kind, "kind"),
            help="Only this request; default all.",
        ),
    ] = None,
) -> None:
    """The referral no longer waits for the referrer: reminders stop."""
    from bot.app.loop.referrer_requests import close_requests

    ready = runtime(ctx).ready()
    ref, count = close_requests(
        ready.data.uow(),
        ready.rules,
        case_ref=case_ref,
        by=by,
        now=datetime.now(UTC),
        kind=RequestKind(kind.value) if kind else None,
        channel="cli",
    )
    out.print(text("loop.closed", runtime(ctx).language(), case_ref=ref, count=count), markup=False)


@overleg_app.command("set")
def overleg_set(
    ctx: typer.Context,
    team: Annotated[str, typer.Argument(help="Team id.")],
    partner: Annotated[str, typer.Argument(help="Partner organisation id.")],
    first: Annotated[
        str, typer.Option(help="First meeting, local time: 2026-12-08T13:00 (ISO 8601).")
    ],
    every: Annotated[int, typer.Option(help="Every so many weeks.")] = 1,
) -> None:
    """Set (or replace) the fixed consultation of a team with a partner organisation."""
    from bot.app.loop.overleg import set_consultation

    ready = runtime(ctx).ready()
    rules = ready.rules
    try:
        moment = datetime.fromisoformat(first)
    except ValueError as exc:
        raise ConsultationInvalid("first", value=first) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=rules.calendar.tz)
    view = set_consultation(
        ready.data.uow(),
        rules,
        team=team,
        partner=partner,
        first=moment,
        every_weeks=every,
        now=datetime.now(UTC),
    )
    language = runtime(ctx).language()
    out.print(
        text(
            "cli.overleg_set",
            language,
            team=view.team_name,
            partner=view.partner_name,
            every=view.every_weeks,
            weekday=text(f"weekday.{view.starts_on.weekday()}", language),
            time=view.at,
            first=rules.day_text(view.starts_on),
            next=rules.day_text(view.next_on),
            remind=rules.moment_text(view.remind_at),
        ),
        markup=False,
    )


@overleg_app.command("list")
def overleg_list(ctx: typer.Context) -> None:
    """Every fixed consultation with its next meeting."""
    from bot.app.loop.overleg import list_consultations

    ready = runtime(ctx).ready()
    rules = ready.rules
    language = runtime(ctx).language()
    views = list_consultations(ready.data.uow())
    if not views:
        out.print(text("cli.overleg_none", language), markup=False)
    for view in views:
        out.print(
            text(
                "cli.overleg_line",
                language,
                team=view.team_name,
                partner=view.partner_name,
                every=view.every_weeks,
                weekday=text(f"weekday.{view.starts_on.weekday()}", language),
                time=view.at,
                first=rules.day_text(view.starts_on),
                next=rules.day_text(view.next_on),
            ),
            markup=False,
        )


@overleg_app.command("remove")
def overleg_remove(
    ctx: typer.Context,
    team: Annotated[str, typer.Argument(help="Team id.")],
    partner: Annotated[str, typer.Argument(help="Partner organisation id.")],
) -> None:
    """Remove the fixed consultation of a team with a partner organisation."""
    from bot.app.loop.overleg import remove_consultation

    ready = runtime(ctx).ready()
    remove_consultation(ready.data.uow(), team=team, partner=partner)
    out.print(
        text("cli.overleg_removed", runtime(ctx).language(), team=team, partner=partner),
        markup=False,
    )
