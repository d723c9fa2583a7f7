"""The forms behind two case buttons, for every chat: "Overdragen" (start a handover) and
"Afwijzen" (decline a new referral). What each form offers (the places a case can go, the
reasons), the fields as any chat sends them read and checked, and the submitted form done
through the same use case as the typed `overdracht` and `afwijzen`. What goes wrong comes
back as a sentence per field, for the chat to show in its modal or dialog."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from bot.app import cases, notify
from bot.app.chat import case_commands
from bot.app.chat.actor import Actor
from bot.app.chat.intents import NotUnderstood, number
from bot.app.chat.referral_form import Choice, Problems, matching
from bot.app.data import Data
from bot.domain.errors import MeetingInvalid, NotAllowed, TerugkoppelError, UnknownPlace
from bot.domain.model import TERMINAL, Role
from bot.domain.reasons import REFERRAL_REASONS, parse_reason
from bot.domain.rules import Rules
from bot.messages import Language, Message, text
from store.schema.cases import Case, Referral
from store.uow import UnitOfWork

HANDOVER = "handover"  # Action id: opens the handover form (the value is the case reference)
DECLINE = "decline"  # Action id: opens the decline form (the value is the referral id)
FORMS = frozenset({HANDOVER, DECLINE})
# The forms' fields, by neutral names; a chat uses them as its block or input ids.
PLACE, WARM, MEETING_DAY, MEETING_TIME, REASON = (
    "place",
    "warm",
    "meeting_day",
    "meeting_time",
    "reason",
)
PLACES = "places"  # the dataset a long list of places is searched in as the person types


@dataclass(frozen=True)
class CaseForm:
    """What one form offers: for which case, its introduction, the places (and reasons)."""

    kind: str  # HANDOVER or DECLINE
    case_ref: str
    intro: str
    places: list[Choice]
    reasons: list[Choice]
    language: Language


@dataclass(frozen=True)
class HandoverForm:
    place: str
    warm: bool
    meeting: datetime | None


@dataclass(frozen=True)
class DeclineForm:
    reason: str
    place: str | None


def places(uow: UnitOfWork, *, leaving: str | None) -> list[Choice]:
    """Every team and partner organisation but `leaving` (the case's own team), by name;
    one with a "wie voor wat" in the directory says what it helps with."""
    guides = {g.id: g.helps_with for g in uow.directory.guide_entries()}
    found = [(t.id, t.name) for t in uow.directory.teams() if t.id != leaving]
    found += [(o.id, o.name) for o in uow.directory.organisations()]
    labelled = [
        (place, f"{name} ({guides[place]})" if guides.get(place) else name) for place, name in found
    ]
    return sorted(labelled, key=lambda item: item[1].casefold())


def place_choices(data: Data, person: Actor, query: str = "") -> list[Choice]:
    """The places for a person's forms matching what they typed (a long list's search)."""
    with data.uow() as uow:
        found = places(uow, leaving=person.team)
    return matching(found, query) if query else found


def handover_form(data: Data, person: Actor, case_ref: str, now: datetime, source: str) -> CaseForm:
    """The handover form for the case: refused (and audited) when the person may not hand
    it over, so nobody fills in a form for nothing; the service checks again on submit."""
    language = person.language
    with data.uow() as uow:
        referral, case = cases.referral_by_case_ref(uow, case_ref)
        coordinator = person.team == referral.team_id and person.has_role(Role.COORDINATOR)
        if person.id != referral.assignee_id and not coordinator:
            _refuse(uow, person, case.ref, "handover", now, source)
        found = places(uow, leaving=referral.team_id)
    intro = text("caseform.handover_intro", language, case_ref=case.ref)
    return CaseForm(HANDOVER, case.ref, intro, found, [], language)


def decline_form(data: Data, person: Actor, value: str, now: datetime, source: str) -> CaseForm:
    """The decline form for the referral (`value` is its id): a coordinator of its team only."""
    with data.uow() as uow:
        referral, case = cases.load_referral(uow, number(value))
        return _decline_form(uow, person, referral, case, now, source)


def _decline_form(
    uow: UnitOfWork, person: Actor, referral: Referral, case: Case, now: datetime, source: str
) -> CaseForm:
    language = person.language
    if person.team != referral.team_id or not person.has_role(Role.COORDINATOR):
        _refuse(uow, person, case.ref, "decline", now, source)
    if referral.status in TERMINAL:
        raise NotUnderstood("error.referral_ended", case_ref=case.ref)
    found = places(uow, leaving=referral.team_id)
    intro = text("caseform.decline_intro", language, case_ref=case.ref)
    reasons = [(r.value, text(f"reason.{r.value}", language)) for r in REFERRAL_REASONS]
    return CaseForm(DECLINE, case.ref, intro, found, reasons, language)


def _refuse(
    uow: UnitOfWork, person: Actor, case_ref: str, what: str, now: datetime, source: str
) -> None:
    notify.refuse(uow, now=now, actor=person.id, case_ref=case_ref, what=what, channel=source)
    raise NotAllowed(case_ref=case_ref)


def read_handover(
    rules: Rules, *, place: str | None, warm: bool, day: str | None, at: str | None
) -> tuple[HandoverForm | None, Problems]:
    """The handover form's fields as a chat sends them (a day `YYYY-MM-DD`, a time `HH:MM`
    in the team's time zone): the form, or the problems per field."""
    problems: Problems = {}
    place = (place or "").strip() or None
    if place is None:
        problems[PLACE] = ("slack.choose", {})
    meeting = None
    day, at = (day or "").strip() or None, (at or "").strip() or None
    if day is not None or at is not None:
        try:
            meeting = datetime.combine(
                date.fromisoformat(day or ""), time.fromisoformat(at or ""), rules.calendar.tz
            )
        except ValueError:
            problems[MEETING_DAY if day is None else MEETING_TIME] = ("caseform.meeting_both", {})
    if meeting is not None and not warm:
        problems[WARM] = ("error.meeting_invalid", {})
    if problems or place is None:
        return None, problems
    return HandoverForm(place, warm, meeting), {}


def read_decline(*, reason: str | None, place: str | None) -> tuple[DeclineForm | None, Problems]:
    """The decline form's fields: a reason from the list, and the better place if known."""
    chosen = parse_reason(reason, REFERRAL_REASONS)
    if chosen is None:
        return None, {REASON: ("slack.choose", {})}
    return DeclineForm(chosen.value, (place or "").strip() or None), {}


async def submit_handover(
    data: Data,
    rules: Rules,
    person: Actor,
    case_ref: str,
    form: HandoverForm,
    now: datetime,
    source: str,
) -> tuple[Message | None, Problems]:
    """The handover asked as `overdracht` asks it; or what the service refused, per field."""
    command = case_commands.HandoverCommand(case_ref, form.place, form.warm, form.meeting)
    done = case_commands.handover(data, rules, person, command, now, source)
    return await _done(done, PLACE, {MeetingInvalid: MEETING_DAY})


async def submit_decline(
    data: Data,
    rules: Rules,
    person: Actor,
    case_ref: str,
    form: DeclineForm,
    now: datetime,
    source: str,
) -> tuple[Message | None, Problems]:
    """The referral declined as `afwijzen` declines it; or what the service refused."""
    reason = parse_reason(form.reason, REFERRAL_REASONS)
    assert reason is not None  # read_decline chose it from the list
    done = case_commands.declined(data, rules, person, case_ref, reason, form.place, now, source)
    return await _done(done, REASON, {UnknownPlace: PLACE})


async def _done(
    work: Awaitable[Message], field: str, fields: dict[type[TerugkoppelError], str]
) -> tuple[Message | None, Problems]:
    """The answer, or the refusal as a sentence under a field (`fields` names the field of
    an error about one, `field` takes the rest): the form stays open, nothing was stored."""
    try:
        return await work, {}
    except TerugkoppelError as exc:
        return None, {fields.get(type(exc), field): (exc.key, _strings(exc.params))}
    except NotUnderstood as exc:
        return None, {field: (exc.key, _strings(exc.params))}


def _strings(params: Mapping[str, object]) -> dict[str, str]:
    return {name: str(value) for name, value in params.items()}


async def form_for(
    data: Data, person: Actor, kind: str, value: str, now: datetime, source: str
) -> CaseForm:
    """The form a button opens: `handover` (the value is a case reference) or `decline`."""
    if kind == HANDOVER:
        return await asyncio.to_thread(handover_form, data, person, value, now, source)
    if kind == DECLINE:
        return await asyncio.to_thread(decline_form, data, person, value, now, source)
    raise NotUnderstood()


async def form_again(
    data: Data, person: Actor, kind: str, case_ref: str, now: datetime, source: str
) -> CaseForm:
    """The form `kind` for a case reference: a dialog that comes back with its problems."""
    if kind != DECLINE:
        return await form_for(data, person, kind, case_ref, now, source)

    def load() -> CaseForm:
        with data.uow() as uow:
            referral, case = cases.referral_by_case_ref(uow, case_ref)
            return _decline_form(uow, person, referral, case, now, source)

    return await asyncio.to_thread(load)
