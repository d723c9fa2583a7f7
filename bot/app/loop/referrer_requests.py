"""Requests to referrers (consent, missing information): asked at once, reminded every few
working days, answered with one click ("geregeld"); the professional hears the answer, or
that none came after the last reminder."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.app import notify
from bot.app.cases import (
    load_referral,
    member_or_refuse,
    referral_by_case_ref,
    referrer_or_refuse,
    referrer_organisation_name,
)
from bot.domain.consent import PROCEDURAL, may_share_status
from bot.domain.errors import (
    AlreadyAnswered,
    NoOpenRequest,
    ReferralEnded,
    UnknownCase,
)
from bot.domain.external_ref import shown as shown_external_ref
from bot.domain.model import TERMINAL, RequestKind
from bot.domain.rules import Rules
from bot.messages import Action, text
from store.schema.cases import Case, Referral
from store.schema.directory import Person
from store.schema.loop import ReferrerRequest
from store.uow import UnitOfWork

SETTLED = "settled"  # the Action id of the referrer's "geregeld" button
# The referrer's message per kind: (the request, its reminders).
_TO_REFERRER = {
    RequestKind.CONSENT: ("referrer.request_consent", "referrer.request_consent_reminder"),
    RequestKind.INFORMATION: (
        "referrer.request_information",
        "referrer.request_information_reminder",
    ),
}


@dataclass(frozen=True)
class Asked:
    case_ref: str
    request_id: int
    referrer: str  # the referrer's name, for the professional's confirmation
    created: bool  # False: the same request was already open


@dataclass(frozen=True)
class Answered:
    """What the person who answered sees in place of the question."""

    case_ref: str
    reply_key: str
    reply_params: dict[str, str] = field(default_factory=dict)


def settled_actions(request: ReferrerRequest) -> tuple[Action, ...]:
    return (Action(SETTLED, "action.settled", str(request.id), "primary"),)


def ask_referrer(
    uow: UnitOfWork,
    rules: Rules,
    *,
    case_ref: str,
    kind: RequestKind,
    by: str,
    now: datetime,
    channel: str | None = None,
) -> Asked:
    """A professional of the team marks the referral as waiting for the referrer; the
    referrer gets the request at once (as every message to a referrer)."""
    with uow:
        referral, case = referral_by_case_ref(uow, case_ref, lock=True)
        member_or_refuse(uow, referral, case, by=by, now=now, what="ask_referrer", channel=channel)
        if referral.status in TERMINAL:
            raise ReferralEnded(case_ref=case.ref)
        referrer = uow.directory.person(id=referral.referrer_id)
        assert referrer is not None
        [earlier, *_] = [*uow.loop.open_requests(referral=referral.id or 0, kind=kind), None]
        if earlier is not None:
            return Asked(case.ref, earlier.id or 0, referrer.name, created=False)
        request = uow.loop.add_request(
            ReferrerRequest(
                referral_id=referral.id or 0,
                kind=kind,
                requested_by=by,
                requested_at=now,
                next_action_at=_next_reminder(rules, now),
            )
        )
        _to_referrer(uow, rules, request, referral, case, referrer, step="ask", now=now)
        uow.commit()
        return Asked(case.ref, request.id or 0, referrer.name, created=True)


def close_requests(
    uow: UnitOfWork,
    rules: Rules,
    *,
    case_ref: str,
    by: str,
    now: datetime,
    kind: RequestKind | None = None,
    channel: str | None = None,
) -> tuple[str, int]:
    """The professional ends the wait themselves (the referrer phoned, the form came by
    post): reminders stop; the referrer is not told. Returns (case_ref, requests closed)."""
    with uow:
        referral, case = referral_by_case_ref(uow, case_ref, lock=True)
        member_or_refuse(uow, referral, case, by=by, now=now, what="close_request", channel=channel)
        requests = uow.loop.open_requests(referral=referral.id or 0, kind=kind)
        if not requests:
            raise NoOpenRequest(case_ref=case.ref)
        for request in requests:
            request.outcome = "done"
            request.answered_by = by
            request.answered_at = request.closed_at = now
            request.next_action_at = None
        uow.commit()
        return case.ref, len(requests)


def answer_request(
    uow: UnitOfWork,
    rules: Rules,
    *,
    request_id: int,
    by: str,
    now: datetime,
    channel: str | None = None,
) -> Answered:
    """The referrer clicks "geregeld" (chat button or e-mail link): recorded once, and the
    professional who asked (or their stand-in) hears it in the next office hours."""
    with uow:
        answered = record_settled(
            uow, rules, request_id=request_id, by=by, now=now, channel=channel
        )
        uow.commit()
        return answered


def record_settled(
    uow: UnitOfWork,
    rules: Rules,
    *,
    request_id: int,
    by: str,
    now: datetime,
    channel: str | None = None,
) -> Answered:
    """`answer_request` inside the caller's transaction (an e-mail link's)."""
    request = uow.loop.request(id=request_id, lock=True)
    if request is None:
        raise UnknownCase(case_ref=str(request_id))
    referral, case = load_referral(uow, request.referral_id)
    person = referrer_or_refuse(
        uow, referral, case, by=by, now=now, what="answer_request", channel=channel
    )
    if request.closed_at is not None:
        earlier = uow.directory.person(id=request.answered_by or "")
        raise AlreadyAnswered(
            case_ref=case.ref,
            by=earlier.name if earlier else "terugkoppel",
            at=rules.moment_text(request.answered_at or request.closed_at),
        )
    request.outcome = SETTLED
    request.answered_by = person.id
    request.answered_at = request.closed_at = now
    request.channel = channel
    request.next_action_at = None
    asker = uow.directory.person(id=request.requested_by)
    if asker is not None:
        notify_professional(
            uow,
            rules,
            referral,
            asker,
            key=f"loop:request:{request.id}:settled",
            message_key="loop.request_settled",
            params={
                "case_ref": case.ref,
                "referrer": person.name,
                "organisation": referrer_organisation_name(uow, referral),
                "what": text(f"loop.kind.{request.kind}", asker.language),
            },
            case_ref=case.ref,
            now=now,
        )
    what = text(f"loop.kind.{request.kind}", person.language)
    return Answered(case.ref, "referrer.request_thanks", {"case_ref": case.ref, "what": what})


def remind_request(
    uow: UnitOfWork, rules: Rules, request: ReferrerRequest, *, now: datetime
) -> None:
    """The due step of an open request: a reminder to the referrer, or after the last one,
    a notice to the professional (the request stays answerable, without more reminders)."""
    referral, case = load_referral(uow, request.referral_id)
    if referral.status in TERMINAL:
        request.outcome = "ended"
        request.closed_at = now
        request.next_action_at = None
        return
    if request.reminders_sent < rules.referrer_reminders:
        request.reminders_sent += 1
        request.next_action_at = _next_reminder(rules, now)
        referrer = uow.directory.person(id=referral.referrer_id)
        assert referrer is not None
        step = f"reminder{request.reminders_sent}"
        _to_referrer(uow, rules, request, referral, case, referrer, step=step, now=now)
        return
    request.next_action_at = None
    asker = uow.directory.person(id=request.requested_by)
    if asker is None:
        return
    notify_professional(
        uow,
        rules,
        referral,
        asker,
        key=f"loop:request:{request.id}:unanswered",
        message_key="loop.request_unanswered",
        params={
            "case_ref": case.ref,
            "organisation": referrer_organisation_name(uow, referral),
            "what": text(f"loop.kind.{request.kind}", asker.language),
            "reminders": str(request.reminders_sent),
            "date": rules.day_text(request.requested_at),
        },
        case_ref=case.ref,
        now=now,
    )


def _next_reminder(rules: Rules, now: datetime) -> datetime:
    # Reminders to referrers keep office hours: a question, unlike a status, can wait.
    return rules.calendar.next_send_moment(
        rules.calendar.add_working_days(now, rules.referrer_reminder)
    )


def _to_referrer(
    uow: UnitOfWork,
    rules: Rules,
    request: ReferrerRequest,
    referral: Referral,
    case: Case,
    referrer: Person,
    *,
    step: str,
    now: datetime,
) -> None:
    team = uow.directory.team(id=referral.team_id)
    assert team is not None
    params = {
        "case_ref": case.ref,
        "external_ref": shown_external_ref(referral.external_ref),
        "team": team.name,
        "contact": referrer_contact(uow, rules, referral, team.name, now),
        "date": rules.day_text(request.requested_at),
    }
    first, reminder = _TO_REFERRER[RequestKind(request.kind)]
    message_key = first if step == "ask" else reminder
    notify.to_person(
        uow,
        key=f"loop:request:{request.id}:{step}",
        person=referrer,
        message_key=message_key,
        params=params,
        now=now,
        not_before=now,  # the first request at once; reminders are due in office hours
        actions=settled_actions(request),
        referral=referral,
        case_ref=case.ref,
        disclosure_basis=PROCEDURAL,  # asking for consent or information needs none
    )


def referrer_contact(
    uow: UnitOfWork, rules: Rules, referral: Referral, team_name: str, now: datetime
) -> str:
    """Whom the referrer may contact: the professional on the case when consent allows
    naming them, else the team's fixed contact for the referrer's organisation, else the
    team."""
    if may_share_status(referral.consent):
        contact = uow.directory.person(id=referral.assignee_id or "")
        if contact is not None and not notify.is_reachable(uow, rules, contact, now):
            contact = notify.substitute_for(uow, rules, person=contact, referral=referral, now=now)
        if contact is not None:
            return contact.name
    referrer = uow.directory.person(id=referral.referrer_id)
    if referrer is not None and referrer.organisation_id:
        pair = uow.directory.contact_for(team=referral.team_id, partner=referrer.organisation_id)
        if pair is not None:
            for person_id in (pair.primary_id, pair.backup_id):
                person = uow.directory.person(id=person_id or "")
                if notify.is_reachable(uow, rules, person, now):
                    assert person is not None
                    return person.name
    return team_name


def notify_professional(
    uow: UnitOfWork,
    rules: Rules,
    referral: Referral,
    person: Person,
    *,
    key: str,
    message_key: str,
    params: dict[str, str],
    case_ref: str,
    now: datetime,
) -> None:
    """A referrer's answer for a professional, in the next office hours; while they are
    away it goes to their stand-in."""
    recipient: Person | None = person
    if not notify.is_reachable(uow, rules, person, now):
        recipient = notify.substitute_for(uow, rules, person=person, referral=referral, now=now)
    if recipient is None:
        return
    notify.to_person(
        uow,
        key=key,
        person=recipient,
        message_key=message_key,
        params=params,
        now=now,
        not_before=rules.calendar.next_send_moment(now),
        referral=referral,
        case_ref=case_ref,
    )
