"""`terugkoppel handover …` and `terugkoppel referral …`: start, accept or refuse a
handover, decline a referral with a reason and the better place, and set the regisseur."""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from adapters.cli.runtime import UsageProblem, runtime
from adapters.cli.values import UnknownWord, words
from bot.domain.reasons import HANDOVER_REASONS, REFERRAL_REASONS, DeclineReason, parse_reason
from bot.messages import text

# The use cases are imported inside the verbs: lazy, for start-up cost.

handover_app = typer.Typer(no_args_is_help=True, help="Handovers (overdracht) of a referral.")
referral_app = typer.Typer(no_args_is_help=True, help="Decline a referral; set the regisseur.")
out = Console(highlight=False)
CHANNEL = "cli"
_REASON_WORDS = words(DeclineReason, "reason")

CaseRef = Annotated[str, typer.Argument(help="Our case reference, e.g. JT-NRD-2026-0042.")]
By = Annotated[str, typer.Option("--by", help="Who does it (person id).")]


class Decision(StrEnum):
    accept = "accept"
    decline = "decline"


def _reason(value: str | None, allowed: tuple[DeclineReason, ...], language: str) -> DeclineReason:
    """The reason as its code or as the catalogue's word (`buiten_gebied` = `outside_area`)."""
    code: str | None = value
    with suppress(UnknownWord):  # parse_reason refuses it below
        code = _REASON_WORDS(value or "").value
    reason = parse_reason(code, allowed)
    if reason is None:
        listed = ", ".join(text(f"value.reason.{r.value}", language) for r in allowed)
        raise UsageProblem(text("cli.reasons", language, codes=listed))
    return reason


def _moment(value: str | None, language: str, zone: tzinfo) -> datetime | None:
    """--meeting as ISO 8601; a moment without a zone is in the service's timezone."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise UsageProblem(text("error.meeting_invalid", language)) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


@handover_app.command("start")
def start(
    ctx: typer.Context,
    case_ref: CaseRef,
    to: Annotated[str, typer.Option("--to", help="The team or partner organisation (id).")],
    by: By,
    warm: Annotated[bool, typer.Option("--warm", help="A warm handover, with the family.")] = False,
    meeting: Annotated[
        str | None,
        typer.Option("--meeting", help="Proposed joint meeting (warm), e.g. 2026-12-10T10:00."),
    ] = None,
    to_tenant: Annotated[
        str | None,
        typer.Option("--to-tenant", help="The youth moves: --to is a team of this municipality."),
    ] = None,
) -> None:
    """Ask another team or a partner organisation to take the referral over."""
    from bot.app.handovers import start_handover

    language = runtime(ctx).language()
    ready = runtime(ctx).ready()
    if to_tenant is not None:
        _move(ctx, case_ref, to_tenant=to_tenant, to=to, by=by, warm=warm)
        return
    started = start_handover(
        ready.data.uow(),
        ready.rules,
        case_ref=case_ref,
        to=to,
        by=by,
        now=datetime.now(UTC),
        warm=warm,
        meeting_at=_moment(meeting, language, ready.rules.calendar.tz),
        channel=CHANNEL,
    )
    out.print(
        text(
            "cli.handover_started",
            language,
            case_ref=started.case_ref,
            to=started.to,
            due=started.due,
        ),
        markup=False,
    )


def _move(
    ctx: typer.Context, case_ref: str, *, to_tenant: str, to: str, by: str, warm: bool
) -> None:
    """A handover to a team of another municipality: only procedural facts go along."""
    from bot.app.moves import start_move

    language = runtime(ctx).language()
    ready = runtime(ctx).ready()
    moved = start_move(
        ready.data,
        ready.rules,
        case_ref=case_ref,
        to_tenant=to_tenant,
        to_team=to,
        by=by,
        now=datetime.now(UTC),
        warm=warm,
        channel=CHANNEL,
    )
    out.print(
        text(
            "cli.move_started",
            language,
            case_ref=moved.case_ref,
            to=moved.to,
            their_ref=moved.to_case_ref or "—",
        ),
        markup=False,
    )


def _decide(ctx: typer.Context, case_ref: str, by: str, reason: str | None, accept: bool) -> None:
    from bot.app.handovers import decide_open_handover

    language = runtime(ctx).language()
    chosen = None if accept else _reason(reason, HANDOVER_REASONS, language)
    ready = runtime(ctx).ready()
    ref = decide_open_handover(
        ready.data.uow(),
        ready.rules,
        case_ref=case_ref,
        accept=accept,
        by=by,
        now=datetime.now(UTC),
        reason=chosen,
        channel=CHANNEL,
    )
    key = "cli.handover_accepted" if accept else "cli.handover_refused"
    out.print(text(key, language, case_ref=ref), markup=False)


Reason = Annotated[
    str | None,
    typer.Option(
        "--reason",
        help="Why not: " + ", ".join(r.value for r in DeclineReason) + ".",
    ),
]


@handover_app.command("accept")
def accept(ctx: typer.Context, case_ref: CaseRef, by: By) -> None:
    """Accept the case's open handover: you become contact person and regisseur."""
    _decide(ctx, case_ref, by, None, accept=True)


@handover_app.command("decline")
def decline(ctx: typer.Context, case_ref: CaseRef, by: By, reason: Reason = None) -> None:
    """Refuse the case's open handover, with a reason from the list."""
    _decide(ctx, case_ref, by, reason, accept=False)


@referral_app.command("decline")
def decline_referral(
    ctx: typer.Context,
    case_ref: CaseRef,
    by: By,
    reason: Reason = None,
    suggest: Annotated[
        str | None,
        typer.Option("--suggest", help="The better place: a team or organisation id."),
    ] = None,
) -> None:
    """Do not take the referral into care; the referrer is told what to do next."""
    from bot.app.referrals.decline import decline_by_ref

    language = runtime(ctx).language()
    chosen = _reason(reason, REFERRAL_REASONS, language)
    ready = runtime(ctx).ready()
    ref = decline_by_ref(
        ready.data.uow(),
        ready.rules,
        case_ref=case_ref,
        by=by,
        now=datetime.now(UTC),
        reason=chosen,
        suggest=suggest,
        channel=CHANNEL,
    )
    out.print(text("cli.referral_declined", language, case_ref=ref), markup=False)


@referral_app.command("lead")
def lead(
    ctx: typer.Context,
    case_ref: CaseRef,
    person: Annotated[str, typer.Argument(help="The new regisseur (person id).")],
    by: Annotated[
        str | None,
        typer.Option("--by", help="Who changes it (person id); default: the operator."),
    ] = None,
) -> None:
    """Set or change the regisseur; the previous and new one, the professional on the case
    and (with consent) the referrer are told."""
    from bot.app.lead import OPERATOR, set_lead

    language = runtime(ctx).language()
    ready = runtime(ctx).ready()
    done = set_lead(
        ready.data.uow(),
        ready.rules,
        case_ref=case_ref,
        person=person,
        by=by or OPERATOR,
        now=datetime.now(UTC),
        channel=CHANNEL,
    )
    key = "cli.lead_set" if done.changed else "cli.lead_same"
    out.print(text(key, language, case_ref=done.case_ref, name=done.name), markup=False)
