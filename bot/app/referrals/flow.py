"""A referral's status moves on: the milestone stamped, the referrer told as the consent
allows, and what follows a status (the check-in, the satisfaction question, the next prompt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from bot.app import move_answers, notify
from bot.app.loop import checkins, satisfaction
from bot.app.referrals import act_links, webhooks
from bot.app.waits import receipt_params, stamp_milestone
from bot.domain.consent import PROCEDURAL, disclosure_basis, referrer_key_for
from bot.domain.external_ref import shown as shown_external_ref
from bot.domain.model import (
    FEEDBACK_STATUSES,
    REFERRAL_ORDER,
    TERMINAL,
    Answer,
    PromptKind,
    PromptState,
    ReferralStatus,
    check_referral_transition,
)
from bot.domain.moves import is_link
from bot.domain.rules import Rules
from bot.messages import Action, text
from store.schema.cases import Case, Prompt, Referral, StatusUpdate
from store.schema.directory import Person
from store.uow import UnitOfWork


def schedule_feedback_prompt(
    uow: UnitOfWork, rules: Rules, referral: Referral, person: Person, *, now: datetime, after: int
) -> Prompt:
    due = rules.calendar.next_send_moment(rules.calendar.add_working_days(now, after))
    return uow.prompts.add(
        Prompt(
            referral_id=referral.id or 0,
            kind=PromptKind.FEEDBACK,
            person_id=person.id,
            created_at=now,
            next_action_at=due,
        )
    )


def apply_status(
    uow: UnitOfWork,
    rules: Rules,
    referral: Referral,
    case: Case,
    status: ReferralStatus,
    *,
    by: str | None,
    now: datetime,
    note: str | None = None,
    handed_to: tuple[str, Person] | None = None,
    told: Told | None = None,
) -> str | None:
    """Moves the referral, stamps the milestone, tells the referrer. Returns the key told.
    `handed_to` (the place's name, the new contact person) is for a handover; `told` is
    the one message a status tells instead of the usual one (a decline's next step)."""
    check_referral_transition(referral.status, status)
    referral.status = status
    setattr(referral, f"{status.value}_at", now)
    stamp_milestone(rules, referral, status.value, now=now)
    if referral.first_feedback_at is None and status in FEEDBACK_STATUSES:
        referral.first_feedback_at = now
        referral.first_feedback_working_days = rules.calendar.working_days_between(
            referral.received_at, now
        )
    told_as = tell_referrer(
        uow, rules, referral, status, now=now, by=by, note=note, handed_to=handed_to, told=told
    )
    if status is ReferralStatus.CLOSED:  # asked once, after the closing message
        satisfaction.ask(uow, referral, case, now=now)
    if status is ReferralStatus.HELP_STARTED:  # "Merkt u verschil?" later on
        checkins.schedule_checkin(uow, rules, referral, now=now)
    if status in TERMINAL:
        case.closed_at = now
        for prompt in uow.prompts.open_for(referral=referral.id or 0):
            prompt.state = PromptState.CANCELLED
            prompt.closed_at = now
    uow.escalations.resolve_for(referral=referral.id or 0, now=now)
    return told_as


@cache
def next_answers(status: str) -> tuple[Answer, ...]:
    """The one-click answers that still make sense after `status`, plus "not yet"."""
    current = ReferralStatus(status)
    ahead = [
        Answer(s.value)
        for s in REFERRAL_ORDER[2:]
        if current in TERMINAL or REFERRAL_ORDER.index(s) > REFERRAL_ORDER.index(current)
    ]
    return (*ahead, Answer.NOT_YET)


def tell_referrer(
    uow: UnitOfWork,
    rules: Rules,
    referral: Referral,
    status: ReferralStatus,
    *,
    now: datetime,
    by: str | None = None,
    note: str | None = None,
    handed_to: tuple[str, Person] | None = None,
    told: Told | None = None,
) -> str | None:
    if is_link(referral.referrer_id):  # moved in from another municipality: answer there
        move_answers.record(uow, referral, status, now=now)
        uow.referrals.add_status(
            StatusUpdate(
                referral_id=referral.id or 0,
                status=status,
                told_as=None,
                by_person_id=by,
                created_at=now,
            )
        )
        return None
    referrer = uow.directory.person(id=referral.referrer_id)
    case = uow.cases.get(id=referral.case_id)
    team = uow.directory.team(id=referral.team_id)
    assert referrer is not None and case is not None and team is not None
    key = referrer_key_for(
        status,
        referral.consent,
        told_in_progress=uow.referrals.told_in_progress(referral=referral.id or 0),
        has_note=bool(note),
    )
    language = referrer.language
    params: dict[str, str] = {
        "case_ref": case.ref,
        "external_ref": shown_external_ref(referral.external_ref),
        "team": team.name,
        "status": text(f"status.{status.value}", language),
    }
    contact = uow.directory.person(id=referral.assignee_id or "")
    if contact is not None and not notify.is_reachable(uow, rules, contact, now):
        contact = notify.substitute_for(uow, rules, person=contact, referral=referral, now=now)
    if key == "referrer.receipt":
        params.update(receipt_params(uow, rules, referral, language=language, now=now))
        pair_contact = _pair_contact(uow, rules, referral, referrer, now)
        if pair_contact is not None:
            key = "referrer.receipt_with_contact"
            params["contact"] = pair_contact.name
            params["contact_email"] = pair_contact.email or ""  # how to reach them
    elif key is not None and key not in ("referrer.in_progress", "referrer.ended"):
        params["contact"] = contact.name if contact else team.name
        params["contact_email"] = (contact.email if contact else None) or ""
    if handed_to is not None and key == "referrer.handed_over":
        params["team"], new_contact = handed_to[0], handed_to[1]
        params["contact"] = new_contact.name
        params["contact_email"] = new_contact.email or ""
    if key == "referrer.status_with_note" and note:
        params["note"] = note
    basis = disclosure_basis(referral.consent)
    if key in ("referrer.receipt", "referrer.receipt_with_contact", "referrer.withdrawn"):
        basis = PROCEDURAL  # a receipt discloses nothing the referrer did not send
    if told is not None:  # one message, not the status and then another
        key, params, basis = told.key, told.params, told.basis
    uow.referrals.add_status(
        StatusUpdate(
            referral_id=referral.id or 0,
            status=status,
            told_as=key,
            by_person_id=by,
            created_at=now,
        )
    )
    if key is not None:
        notify.to_person(
            uow,
            key=f"referrer:{referral.id}:{status.value}:{now.isoformat()}",
            person=referrer,
            message_key=key,
            params=params,
            now=now,
            not_before=now,  # referrers may hear at any hour; only professionals are spared
            referral=referral,
            case_ref=case.ref,
            disclosure_basis=basis,
            actions=_act_links(referral, referrer, status),
        )
        webhooks.status_changed(
            uow, referral, case, status, referrer=referrer, basis=basis, now=now
        )
    return key


@dataclass(frozen=True)
class Told:
    """The message a status tells the referrer instead of the usual one: a declined
    referral says what to do next in the same message (issue 20: one clear message)."""

    key: str
    params: dict[str, str]
    basis: str


def _act_links(referral: Referral, referrer: Person, status: ReferralStatus) -> tuple[Action, ...]:
    """A referrer reached by e-mail only gets the links to act on an open referral."""
    if status in TERMINAL or referrer.slack_id or referrer.teams_id or not referrer.email:
        return ()
    return act_links.actions(referral.id or 0)


def _pair_contact(
    uow: UnitOfWork, rules: Rules, referral: Referral, referrer: Person, now: datetime
) -> Person | None:
    if not referrer.organisation_id:
        return None
    pair = uow.directory.contact_for(team=referral.team_id, partner=referrer.organisation_id)
    if pair is None:
        return None
    for person_id in (pair.primary_id, pair.backup_id):
        person = uow.directory.person(id=person_id or "")
        if notify.is_reachable(uow, rules, person, now):
            return person
    return None
