"""Prompts to professionals: answering them, and each rung of the reminder ladder."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from bot.app import notify, stalls
from bot.app.cases import load_referral, referrer_organisation_name
from bot.app.lead import lead_of
from bot.app.note_check import note_findings, note_hint
from bot.app.referrals.flow import apply_status, next_answers, schedule_feedback_prompt
from bot.app.referrals.intake import handover_action, intake_actions
from bot.domain import privacy_guard
from bot.domain.consent import may_share_notes
from bot.domain.errors import (
    AlreadyAnswered,
    InvalidTransition,
    NotAllowed,
    NoteRefused,
    UnknownCase,
    UnknownPerson,
)
from bot.domain.model import (
    TERMINAL,
    Answer,
    PromptKind,
    PromptState,
    Role,
    check_prompt_transition,
)
from bot.domain.rules import Rules
from bot.messages import Action, Style, text
from store.rows import DuePrompt, ReferralView
from store.schema.cases import Escalation, Prompt, Referral
from store.schema.directory import Person
from store.uow import UnitOfWork


@dataclass(frozen=True)
class Outcome:
    case_ref: str
    state: str
    told_referrer: str | None
    # The confirmation for the person who answered (catalogue key and parameters): sent
    # through the outbox, or with `confirm=False` shown by the adapter in place of the prompt.
    reply_key: str = ""
    reply_params: dict[str, str] = field(default_factory=dict)


def answer_actions(prompt: DuePrompt, referral: ReferralView, case_ref: str) -> tuple[Action, ...]:
    """One button per answer still possible; with consent for notes also "with a note";
    and "Overdragen…" (the handover form) for the case."""
    answers = tuple(
        Action("answer", label, f"{prompt.id}:{value}", style)
        for label, value, style in _answer_buttons(referral.status)
    )
    if may_share_notes(referral.consent):
        answers = (*answers, Action("note", "action.note", str(prompt.id)))
    return (*answers, handover_action(case_ref))


@cache
def _answer_buttons(status: str) -> tuple[tuple[str, str, Style], ...]:
    """(label key, answer, style) per answer after `status`: the tick builds thousands."""
    return tuple(
        (
            f"action.{answer.value}",
            answer.value,
            "default" if answer is Answer.NOT_YET else "primary",
        )
        for answer in next_answers(status)
    )


def answer_prompt(
    uow: UnitOfWork,
    rules: Rules,
    *,
    prompt_id: int,
    answer: Answer,
    by: str,
    now: datetime,
    note: str | None = None,
    channel: str | None = None,
    confirm: bool = True,
    in_transaction: bool = False,
) -> Outcome:
    """Records a one-click answer; the referrer's status message goes out in the same commit.
    `confirm=False`: the caller shows the confirmation itself (Slack replaces the prompt).
    `in_transaction=True`: runs in the caller's open transaction (an e-mail link's, whose
    use is committed with the answer, or dropped with a refusal)."""
    with nullcontext(uow) if in_transaction else uow:
        prompt = uow.prompts.get(id=prompt_id, lock=True)
        if prompt is None or prompt.kind != PromptKind.FEEDBACK:
            raise UnknownCase(case_ref=str(prompt_id))
        referral, case = load_referral(uow, prompt.referral_id, lock=True)
        person = uow.directory.person(id=by)
        if person is None or not person.active:
            notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what="answer", channel=channel)
            raise UnknownPerson(person=by)
        if not _may_answer(uow, rules, prompt, referral, person, now):
            notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what="answer", channel=channel)
            raise NotAllowed(case_ref=case.ref)
        if prompt.state in (PromptState.ANSWERED, PromptState.CANCELLED):
            earlier = uow.directory.person(id=prompt.answered_by or "")
            raise AlreadyAnswered(
                case_ref=case.ref,
                by=earlier.name if earlier else "terugkoppel",
                at=rules.moment_text(prompt.answered_at or prompt.closed_at or now),
            )
        if note and may_share_notes(referral.consent):
            found = note_findings(uow, rules, note)
            if found:
                # Audited with the kinds found, never the note; the note is not kept.
                notify.refuse(
                    uow,
                    now=now,
                    actor=by,
                    case_ref=case.ref,
                    what="note:" + "+".join(privacy_guard.kinds(found)),
                    channel=channel,
                )
                raise NoteRefused(findings=tuple(found), found=note_hint(found, person.language))
        elif note:
            note = None  # without consent for notes a note is neither sent nor kept
        organisation = referrer_organisation_name(uow, referral)
        status = answer.status()
        if status is None:
            check_prompt_transition(prompt.state, PromptState.SNOOZED)
            prompt.state = PromptState.SNOOZED
            again = rules.calendar.next_send_moment(
                rules.calendar.add_working_days(now, rules.snooze)
            )
            prompt.next_action_at = again
            stalls.after_snooze(uow, rules, prompt, referral, case, person, now=now)
            params = {"date": rules.day_text(again)}
            if confirm:
                _confirm(uow, rules, prompt, person, "prompt.snoozed", params, now)
            uow.commit()
            return Outcome(case.ref, prompt.state, None, "prompt.snoozed", params)
        check_prompt_transition(prompt.state, PromptState.ANSWERED)
        told = apply_status(uow, rules, referral, case, status, by=person.id, now=now, note=note)
        prompt.state = PromptState.ANSWERED
        prompt.answer = answer
        prompt.answered_by = person.id
        prompt.answered_at = prompt.closed_at = now
        prompt.next_action_at = None
        if referral.status not in TERMINAL:
            assignee = uow.directory.person(id=referral.assignee_id or "") or person
            schedule_feedback_prompt(uow, rules, referral, assignee, now=now, after=rules.followup)
        withheld = told in (None, "referrer.in_progress")
        key = "prompt.answered_withheld" if withheld else "prompt.answered"
        params = {
            "case_ref": case.ref,
            "status": text(f"status.{status.value}", person.language),
            "organisation": organisation,
        }
        if confirm:
            _confirm(uow, rules, prompt, person, key, params, now)
        uow.commit()
        return Outcome(case.ref, prompt.state, told, key, params)


def refuse_note(
    uow: UnitOfWork,
    *,
    prompt_id: int,
    by: str,
    found: list[str],
    now: datetime,
    channel: str | None = None,
) -> None:
    """Audits a note the adapter already refused before it reached the service (Slack
    checks the form inside its acknowledgement, where there is no database)."""
    with uow:
        prompt = uow.prompts.get(id=prompt_id)
        referral = uow.referrals.get(id=prompt.referral_id) if prompt else None
        case = uow.cases.get(id=referral.case_id) if referral else None
        notify.refuse(
            uow,
            now=now,
            actor=by,
            case_ref=case.ref if case else None,
            what="note:" + "+".join(found),
            channel=channel,
        )


def _may_answer(
    uow: UnitOfWork, rules: Rules, prompt: Prompt, referral: Referral, person: Person, now: datetime
) -> bool:
    if person.id == prompt.person_id:
        return True
    if person.team_id != referral.team_id:
        return False
    if person.has_role(Role.COORDINATOR):
        return True
    holder = uow.directory.person(id=prompt.person_id or "")
    if holder is None or notify.is_reachable(uow, rules, holder, now):
        return False
    stand_in = notify.substitute_for(uow, rules, person=holder, referral=referral, now=now)
    return stand_in is not None and stand_in.id == person.id


def _confirm(
    uow: UnitOfWork,
    rules: Rules,
    prompt: Prompt,
    person: Person,
    key: str,
    params: dict[str, str],
    now: datetime,
) -> None:
    notify.to_person(
        uow,
        key=f"confirm:{prompt.id}:{now.isoformat()}",
        person=person,
        message_key=key,
        params=params,
        now=now,
        not_before=now,  # a reply to someone who just clicked is never held back
    )


# The reminder ladder, applied by reminders/jobs/due.py to locked prompt rows (which it
# writes back), with each prompt's referral read as a plain row.


def send_prompt(
    uow: UnitOfWork,
    rules: Rules,
    prompt: DuePrompt,
    referral: ReferralView,
    case_ref: str,
    *,
    now: datetime,
) -> None:
    """First send (or re-send after a snooze) of a feedback prompt."""
    if prompt.state == PromptState.SNOOZED:
        check_prompt_transition(prompt.state, PromptState.OPEN)
        prompt.state = PromptState.OPEN
        prompt.reminders_sent = 0
    holder = uow.directory.person(id=prompt.person_id or "")
    if holder is None:
        raise UnknownPerson(person=prompt.person_id)
    first = referral.first_feedback_at is None
    params = _prompt_params(uow, rules, referral, case_ref, holder)
    key = "prompt.feedback" if first else "prompt.followup"
    _to_holder_or_stand_in(uow, rules, prompt, referral, case_ref, holder, key, params, now, "send")
    prompt.sent_at = now
    prompt.next_action_at = rules.calendar.add_working_days(now, rules.ladder[0])


def remind(
    uow: UnitOfWork,
    rules: Rules,
    prompt: DuePrompt,
    referral: ReferralView,
    case_ref: str,
    *,
    now: datetime,
) -> None:
    check_prompt_transition(prompt.state, PromptState.REMINDED)
    prompt.state = PromptState.REMINDED
    prompt.reminders_sent += 1
    sent_at = prompt.sent_at or now
    prompt.next_action_at = rules.calendar.add_working_days(
        sent_at, rules.ladder[prompt.reminders_sent]
    )
    if prompt.kind == PromptKind.INTAKE:
        team = uow.directory.team(id=referral.team_id)
        assert team is not None
        notify.to_team_intake(
            uow,
            key=f"intake:{referral.id}:reminder:{prompt.reminders_sent}",
            team=team,
            message_key="intake.reminder",
            params={"case_ref": case_ref, "received": rules.moment_text(referral.received_at)},
            now=now,
            not_before=rules.calendar.next_send_moment(now),
            actions=intake_actions(referral),
            referral=referral,
            case_ref=case_ref,
        )
        return
    holder = uow.directory.person(id=prompt.person_id or "")
    if holder is None:
        raise UnknownPerson(person=prompt.person_id)
    params = _prompt_params(uow, rules, referral, case_ref, holder)
    params["number"] = str(prompt.reminders_sent)
    step = f"reminder{prompt.reminders_sent}"
    _to_holder_or_stand_in(
        uow, rules, prompt, referral, case_ref, holder, "prompt.reminder", params, now, step
    )


def escalate(
    uow: UnitOfWork,
    rules: Rules,
    prompt: DuePrompt,
    referral: ReferralView,
    case_ref: str,
    *,
    now: datetime,
) -> None:
    """The last rung: the team's coordinators are told; the prompt stays answerable."""
    check_prompt_transition(prompt.state, PromptState.ESCALATED)
    prompt.state = PromptState.ESCALATED
    prompt.next_action_at = None
    kind = "intake" if prompt.kind == PromptKind.INTAKE else "prompt"
    uow.escalations.add(
        Escalation(
            kind=kind,
            team_id=referral.team_id,
            referral_id=referral.id,
            prompt_id=prompt.id,
            created_at=now,
        )
    )
    holder = uow.directory.person(id=prompt.person_id or "")
    days = rules.calendar.working_days_between(prompt.sent_at or prompt.created_at, now)
    notify.to_coordinators(
        uow,
        key=f"escalation:prompt:{prompt.id}",
        team_id=referral.team_id,
        message_key=f"{kind}.escalation",
        params={
            "case_ref": case_ref,
            "name": holder.name if holder else "",
            "organisation": referrer_organisation_name(uow, referral),
            "days": str(days),
            "norm": str(rules.feedback_norm),
            "lead": lead_of(uow, case_ref, None),
        },
        now=now,
        not_before=rules.calendar.next_send_moment(now),
        referral=referral,
        case_ref=case_ref,
        actions=intake_actions(referral) if kind == "intake" else (),
    )


def _prompt_params(
    uow: UnitOfWork, rules: Rules, referral: ReferralView, case_ref: str, holder: Person
) -> dict[str, str]:
    return {
        "case_ref": case_ref,
        "organisation": referrer_organisation_name(uow, referral),
        "received": rules.day_text(referral.received_at),
        "norm": str(rules.feedback_norm),
        "status": text(f"status.{referral.status}", holder.language),
        "lead": lead_of(uow, case_ref, holder.language),  # shown in every prompt
    }


def _to_holder_or_stand_in(
    uow: UnitOfWork,
    rules: Rules,
    prompt: DuePrompt,
    referral: ReferralView,
    case_ref: str,
    holder: Person,
    key: str,
    params: dict[str, str],
    now: datetime,
    step: str,
) -> None:
    """An absent or departed holder's prompt goes to the backup contact, else a coordinator."""
    if prompt.kind != PromptKind.FEEDBACK:
        raise InvalidTransition("prompt", prompt.kind, step)
    recipient = holder
    if not notify.is_reachable(uow, rules, holder, now):
        stand_in = notify.substitute_for(uow, rules, person=holder, referral=referral, now=now)
        if stand_in is not None:
            recipient = stand_in
            key = "prompt.on_behalf"
            params = {**params, "absent": holder.name}
    notify.to_person(
        uow,
        key=f"prompt:{prompt.id}:{step}:{prompt.sent_at.isoformat() if prompt.sent_at else now.isoformat()}",
        person=recipient,
        message_key=key,
        params=params,
        now=now,
        not_before=rules.calendar.next_send_moment(now),
        actions=answer_actions(prompt, referral, case_ref),
        referral=referral,
        case_ref=case_ref,
    )
