"""Handovers to another team or a partner organisation: request, accept, refuse with a
reason (the overdue ladder is in handover_ladder.py, who hears a request in
handover_notices.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.app import notify
from bot.app.cases import load_referral, referral_by_case_ref
from bot.app.handover_notices import to_receiving
from bot.app.places import Place, find_place
from bot.app.referrals.flow import apply_status, schedule_feedback_prompt, tell_referrer
from bot.domain.errors import (
    AlreadyAnswered,
    HandoverPending,
    MeetingInvalid,
    NoOpenHandover,
    NotAllowed,
    ReasonRequired,
    ReferralEnded,
    UnknownCase,
    UnknownPerson,
    UnknownPlace,
)
from bot.domain.model import (
    TERMINAL,
    HandoverState,
    PromptState,
    ReferralStatus,
    Role,
    check_handover_transition,
)
from bot.domain.reasons import DeclineReason
from bot.domain.rules import Rules
from bot.messages import text
from store.schema.cases import Case, Handover, Referral
from store.schema.directory import Person
from store.uow import UnitOfWork


def request_handover(
    uow: UnitOfWork,
    rules: Rules,
    *,
    referral_id: int,
    to_team: str,
    by: str,
    now: datetime,
    warm: bool = False,
    meeting_at: datetime | None = None,
    channel: str | None = None,
) -> int:
    """The assigned professional (or a coordinator of the team) asks another team or a
    partner organisation (`to_team` names either) to take the referral over."""
    with uow:
        referral, case = load_referral(uow, referral_id, lock=True)
        handover = _start(
            uow,
            rules,
            referral,
            case,
            to=to_team,
            by=by,
            now=now,
            warm=warm,
            meeting_at=meeting_at,
            channel=channel,
        )
        uow.commit()
        assert handover.id is not None
        return handover.id


def start_handover(
    uow: UnitOfWork,
    rules: Rules,
    *,
    case_ref: str,
    to: str,
    by: str,
    now: datetime,
    warm: bool = False,
    meeting_at: datetime | None = None,
    channel: str | None = None,
) -> Started:
    """`request_handover` for a case reference (CLI, REST, chat)."""
    with uow:
        referral, case = referral_by_case_ref(uow, case_ref, lock=True)
        handover = _start(
            uow,
            rules,
            referral,
            case,
            to=to,
            by=by,
            now=now,
            warm=warm,
            meeting_at=meeting_at,
            channel=channel,
        )
        place = find_place(uow, to)
        uow.commit()
        assert handover.id is not None
        return Started(handover.id, case.ref, place.name, rules.moment_text(handover.due_at))


@dataclass(frozen=True)
class Started:
    handover_id: int
    case_ref: str
    to: str  # the team's or organisation's name
    due: str  # by when it should be accepted, as people read it


def _start(
    uow: UnitOfWork,
    rules: Rules,
    referral: Referral,
    case: Case,
    *,
    to: str,
    by: str,
    now: datetime,
    warm: bool,
    meeting_at: datetime | None,
    channel: str | None,
) -> Handover:
    person = may_hand_over(uow, referral, case, by=by, now=now, channel=channel)
    place = find_place(uow, to)
    giving = uow.directory.team(id=referral.team_id)
    assert giving is not None
    if place.id == giving.id:
        raise UnknownPlace(place=to)
    if meeting_at is not None and (not warm or meeting_at <= now):
        raise MeetingInvalid(case_ref=case.ref)
    due = rules.calendar.add_working_days(now, rules.handover_norm)
    handover = uow.handovers.add(
        Handover(
            referral_id=referral.id or 0,
            from_team_id=giving.id,
            to_team_id=place.team.id if place.team else None,
            to_organisation_id=place.organisation.id if place.organisation else None,
            warm=warm,
            meeting_at=meeting_at if warm else None,
            requested_by=person.id,
            requested_at=now,
            due_at=due,
            next_action_at=due,
        )
    )
    warm_text = ""
    if warm:
        warm_text = text("handover.warm_suffix")
        if meeting_at is not None:
            warm_text = text("handover.warm_meeting", when=rules.moment_text(meeting_at))
    to_receiving(
        uow,
        rules,
        handover,
        place,
        key=f"handover:{handover.id}:requested",
        message_key="handover.requested",
        params={
            "from_team": giving.name,
            "to_team": place.name,
            "case_ref": case.ref,
            "warm": warm_text,
            "due": rules.moment_text(due),
        },
        now=now,
        referral=referral,
        case_ref=case.ref,
    )
    notify.audit(
        uow,
        now=now,
        event="handover_requested",
        actor=person.id,
        case_ref=case.ref,
        recipient=place.id,
        channel=channel or "chat",
        basis="procedural",
    )
    return handover


def may_hand_over(
    uow: UnitOfWork,
    referral: Referral,
    case: Case,
    *,
    by: str,
    now: datetime,
    channel: str | None,
) -> Person:
    """The person who may hand the referral over (its contact person, or a coordinator of
    its team), while it is open and nothing else waits; a refusal is audited."""
    person = uow.directory.person(id=by)
    if person is None or not person.active:
        notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what="handover", channel=channel)
        raise UnknownPerson(person=by)
    if person.id != referral.assignee_id and not (
        person.team_id == referral.team_id and person.has_role(Role.COORDINATOR)
    ):
        notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what="handover", channel=channel)
        raise NotAllowed(case_ref=case.ref)
    if referral.status in TERMINAL:
        raise ReferralEnded(case_ref=case.ref)
    if uow.handovers.open_for(referral=referral.id or 0) or uow.moves.open_from(case_ref=case.ref):
        raise HandoverPending(case_ref=case.ref)
    return person


def decide_open_handover(
    uow: UnitOfWork,
    rules: Rules,
    *,
    case_ref: str,
    accept: bool,
    by: str,
    now: datetime,
    reason: DeclineReason | None = None,
    channel: str | None = None,
) -> str:
    """`decide_handover` for the case's open handover (CLI, REST)."""
    with uow:
        referral, case = referral_by_case_ref(uow, case_ref)
        pending = uow.handovers.open_for(referral=referral.id or 0)
        if not pending:
            raise NoOpenHandover(case_ref=case.ref)
        handover_id = pending[0].id or 0
    return decide_handover(
        uow,
        rules,
        handover_id=handover_id,
        accept=accept,
        by=by,
        now=now,
        reason=reason,
        channel=channel,
    )


def decide_handover(
    uow: UnitOfWork,
    rules: Rules,
    *,
    handover_id: int,
    accept: bool,
    by: str,
    now: datetime,
    reason: DeclineReason | None = None,
    channel: str | None = None,
) -> str:
    """A professional of the receiving team (or a person of the receiving organisation)
    accepts and becomes contact person and regisseur, or refuses with a reason. The
    referral keeps the team that received it: the handover is an event of its own."""
    with uow:
        handover = uow.handovers.get(id=handover_id, lock=True)
        if handover is None:
            raise UnknownCase(case_ref=str(handover_id))
        referral, case = load_referral(uow, handover.referral_id, lock=True)
        person = uow.directory.person(id=by)
        what = "handover_decision"
        if person is None or not person.active:
            notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what=what, channel=channel)
            raise UnknownPerson(person=by)
        if not _receives(person, handover):
            notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what=what, channel=channel)
            raise NotAllowed(case_ref=case.ref)
        if not accept and reason is None:
            raise ReasonRequired(case_ref=case.ref)
        target = HandoverState.ACCEPTED if accept else HandoverState.REFUSED
        if handover.state in (HandoverState.ACCEPTED, HandoverState.REFUSED):
            decider = uow.directory.person(id=handover.decided_by or "")
            raise AlreadyAnswered(
                case_ref=case.ref,
                by=decider.name if decider else "?",
                at=rules.moment_text(handover.decided_at or now),
            )
        check_handover_transition(handover.state, target)
        handover.state = target
        handover.decided_by = person.id
        handover.decided_at = handover.closed_at = now
        handover.next_action_at = None
        handover.reason = None if accept else (reason.value if reason else None)
        uow.escalations.resolve_for(referral=referral.id or 0, now=now)
        place = find_place(uow, handover.to_team_id or handover.to_organisation_id or "")
        if accept:
            _take_over(uow, rules, referral, case, place, person, now=now)
        requester = uow.directory.person(id=handover.requested_by)
        if requester is not None:
            params = {"to_team": place.name, "case_ref": case.ref, "name": person.name}
            if not accept:
                params["reason"] = text(f"reason.{handover.reason}", requester.language)
            notify.to_person(
                uow,
                key=f"handover:{handover.id}:{target.value}",
                person=requester,
                message_key="handover.accepted" if accept else "handover.refused_reason",
                params=params,
                now=now,
                not_before=rules.calendar.next_send_moment(now),
                referral=referral,
                case_ref=case.ref,
            )
        uow.commit()
        return case.ref


def _receives(person: Person, handover: Handover) -> bool:
    if handover.to_team_id is not None:
        return person.team_id == handover.to_team_id and (
            person.has_role(Role.PROFESSIONAL) or person.has_role(Role.COORDINATOR)
        )
    return person.organisation_id is not None and (
        person.organisation_id == handover.to_organisation_id
    )


def _take_over(
    uow: UnitOfWork,
    rules: Rules,
    referral: Referral,
    case: Case,
    place: Place,
    person: Person,
    *,
    now: datetime,
) -> None:
    """The receiving side has the case now: the giving team's questions stop, the person
    who accepted is contact person and regisseur, the referrer hears who (consent
    permitting). `intake_team_id` stays: the digest keeps counting it where it came in."""
    for prompt in uow.prompts.open_for(referral=referral.id or 0):
        prompt.state = PromptState.CANCELLED  # the giving team is done asking
        prompt.closed_at = now
    case.lead_id = person.id
    if place.team is not None:
        referral.team_id = place.team.id
        referral.assignee_id = person.id
        case.team_id = place.team.id
    if referral.status == ReferralStatus.HANDED_OVER:  # a second handover: tell, not move
        tell_referrer(
            uow,
            rules,
            referral,
            ReferralStatus.HANDED_OVER,
            now=now,
            by=person.id,
            handed_to=(place.name, person),
        )
    else:
        apply_status(
            uow,
            rules,
            referral,
            case,
            ReferralStatus.HANDED_OVER,
            by=person.id,
            now=now,
            handed_to=(place.name, person),
        )
    if place.team is not None:
        schedule_feedback_prompt(uow, rules, referral, person, now=now, after=rules.followup)
