"""The check-in: some working days after help started the referrer is asked once "Merkt u
verschil?" (beter / hetzelfde / slechter / weet ik niet); the answer goes to the
professional on the case."""

from __future__ import annotations

from datetime import datetime

from bot.app import notify
from bot.app.cases import load_referral, referrer_or_refuse, referrer_organisation_name
from bot.app.loop.referrer_requests import Answered, notify_professional, referrer_contact
from bot.domain.consent import disclosure_basis, may_share_status
from bot.domain.errors import AlreadyAnswered, UnknownCase
from bot.domain.external_ref import shown as shown_external_ref
from bot.domain.model import TERMINAL, CheckInAnswer, Consent
from bot.domain.rules import Rules
from bot.messages import Action, text
from store.schema.cases import Referral
from store.schema.loop import CheckIn
from store.uow import UnitOfWork

CHECKIN = "checkin"  # the Action id of the four answer buttons
_LABELS = {
    CheckInAnswer.BETTER: "action.checkin_better",
    CheckInAnswer.SAME: "action.checkin_same",
    CheckInAnswer.WORSE: "action.checkin_worse",
    CheckInAnswer.UNKNOWN: "action.checkin_unknown",
}


def checkin_actions(checkin: CheckIn) -> tuple[Action, ...]:
    return tuple(
        Action(
            CHECKIN,
            _LABELS[answer],
            f"{checkin.id}:{answer.value}",
            "default" if answer is CheckInAnswer.UNKNOWN else "primary",
        )
        for answer in CheckInAnswer
    )


def schedule_checkin(uow: UnitOfWork, rules: Rules, referral: Referral, *, now: datetime) -> None:
    """Called when help starts: the check-in falls due `rules.checkin` working days later,
    in office hours. Once per referral; whether consent allows it is decided when due."""
    if uow.loop.checkin_for(referral=referral.id or 0) is not None:
        return
    due = rules.calendar.next_send_moment(rules.calendar.add_working_days(now, rules.checkin))
    uow.loop.add_checkin(CheckIn(referral_id=referral.id or 0, due_at=due))


def ask_checkin(uow: UnitOfWork, rules: Rules, checkin: CheckIn, *, now: datetime) -> bool:
    """The due step: ask the referrer, or close it unasked when the referral ended or the
    family gave no consent to share that help started. True when asked."""
    referral, case = load_referral(uow, checkin.referral_id)
    if referral.status in TERMINAL or not may_share_status(referral.consent):
        checkin.closed_at = now
        checkin.outcome = "ended" if referral.status in TERMINAL else "no_consent"
        return False
    referrer = uow.directory.person(id=referral.referrer_id)
    team = uow.directory.team(id=referral.team_id)
    assert referrer is not None and team is not None
    checkin.asked_at = now
    notify.to_person(
        uow,
        key=f"loop:checkin:{checkin.id}",
        person=referrer,
        message_key="referrer.checkin",
        params={
            "case_ref": case.ref,
            "external_ref": shown_external_ref(referral.external_ref),
            "team": team.name,
            "contact": referrer_contact(uow, rules, referral, team.name, now),
        },
        now=now,
        not_before=now,
        actions=checkin_actions(checkin),
        referral=referral,
        case_ref=case.ref,
        # The question tells that help started: a milestone, so consent `status` at least.
        disclosure_basis=disclosure_basis(Consent.STATUS),
    )
    return True


def answer_checkin(
    uow: UnitOfWork,
    rules: Rules,
    *,
    checkin_id: int,
    answer: CheckInAnswer,
    by: str,
    now: datetime,
    channel: str | None = None,
) -> Answered:
    """The referrer's one click, recorded once; the professional on the case (or their
    stand-in) hears it in the next office hours."""
    with uow:
        answered = record_checkin(
            uow, rules, checkin_id=checkin_id, answer=answer, by=by, now=now, channel=channel
        )
        uow.commit()
        return answered


def record_checkin(
    uow: UnitOfWork,
    rules: Rules,
    *,
    checkin_id: int,
    answer: CheckInAnswer,
    by: str,
    now: datetime,
    channel: str | None = None,
) -> Answered:
    """`answer_checkin` inside the caller's transaction (an e-mail link's)."""
    checkin = uow.loop.checkin(id=checkin_id, lock=True)
    if checkin is None or checkin.asked_at is None:
        raise UnknownCase(case_ref=str(checkin_id))
    referral, case = load_referral(uow, checkin.referral_id)
    person = referrer_or_refuse(
        uow, referral, case, by=by, now=now, what="answer_checkin", channel=channel
    )
    if checkin.answered_at is not None or checkin.closed_at is not None:
        raise AlreadyAnswered(
            case_ref=case.ref,
            by=person.name,
            at=rules.moment_text(checkin.answered_at or checkin.closed_at or now),
        )
    checkin.answer = answer
    checkin.answered_at = checkin.closed_at = now
    checkin.channel = channel
    checkin.outcome = "answered"
    professional = uow.directory.person(id=referral.assignee_id or "")
    if professional is not None:
        notify_professional(
            uow,
            rules,
            referral,
            professional,
            key=f"loop:checkin:{checkin.id}:answer",
            message_key="loop.checkin_answer",
            params={
                "case_ref": case.ref,
                "referrer": person.name,
                "organisation": referrer_organisation_name(uow, referral),
                "answer": text(f"checkin.{answer.value}", professional.language),
            },
            case_ref=case.ref,
            now=now,
        )
    return Answered(
        case.ref,
        "referrer.checkin_thanks",
        {"case_ref": case.ref, "answer": text(f"checkin.{answer.value}", person.language)},
    )
