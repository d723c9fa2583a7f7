"""What a card about a prompt or a new referral shows now, for everyone who sees it: the
question with its buttons while it is open, "beantwoord door …" or "opgepakt door …" once
someone acted. Chats that refresh cards (Teams' universal actions) ask this on every view,
so a stale button is never shown, and a click on one is refused by the service anyway."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.app import cases, notify
from bot.app.chat import actions
from bot.app.chat.actor import Actor
from bot.app.chat.intents import NotUnderstood, number
from bot.app.data import Data
from bot.domain.model import PromptState, ReferralStatus
from bot.domain.rules import Rules
from bot.messages import Action, Message, text
from store.uow import UnitOfWork

PROMPT, INTAKE = "prompt", "intake"
_SETTLED = (PromptState.ANSWERED, PromptState.CANCELLED)


def state_key(message: Message) -> str | None:
    """`prompt:<id>` or `intake:<referral id>` for a card whose buttons can go stale."""
    for action in message.actions:
        if action.id in (actions.ANSWER, actions.NOTE):
            return f"{PROMPT}:{action.value.partition(':')[0]}"
        if action.id in (actions.TAKE, actions.ASSIGN):
            return f"{INTAKE}:{action.value}"
    return None


def current(
    data: Data, rules: Rules, person: Actor, key: str, now: datetime, source: str
) -> Message:
    """The card's message as it stands for `person`; NotUnderstood for a card we did not
    send, or one they may not see (not their prompt, not their team's referral): that
    refusal is audited and names no case (an id is easy to guess)."""
    kind, _, raw = key.partition(":")
    row_id = number(raw)
    with data.uow() as uow:
        if kind == PROMPT:
            shown = _prompt(uow, rules, person, row_id)
        elif kind == INTAKE:
            shown = _intake(uow, rules, person, row_id)
        else:
            raise NotUnderstood()
        if isinstance(shown, str):
            notify.refuse(
                uow, now=now, actor=person.id, case_ref=shown, what="refresh", channel=source
            )
            raise NotUnderstood("error.not_allowed", case_ref="—")
        return shown


def _prompt(uow: UnitOfWork, rules: Rules, person: Actor, prompt_id: int) -> Message | str:
    """The prompt card's message, or the case reference when `person` may not see it."""
    prompt = uow.prompts.get(id=prompt_id)
    if prompt is None:
        raise NotUnderstood()
    referral, case = cases.load_referral(uow, prompt.referral_id)
    if person.id != prompt.person_id and person.team != referral.team_id:
        return case.ref
    language = person.language
    if prompt.state in _SETTLED:
        by = uow.directory.person(id=prompt.answered_by or "")
        if prompt.answer is None or by is None:
            return Message("chatcard.closed", {"case_ref": case.ref}, language=language)
        params = {
            "case_ref": case.ref,
            "answer": text(f"action.{prompt.answer}", language),
            "name": by.name,
            "at": rules.moment_text(prompt.answered_at or prompt.closed_at or referral.received_at),
        }
        return Message("chatcard.answered", params, language=language)
    found = _sent(uow, prompt.referral_id, lambda a: _about_prompt(a, prompt_id))
    if found is None:
        return Message("chatcard.open", {"case_ref": case.ref}, language=language)
    return Message(found.key, found.params, found.actions, language)


def _about_prompt(action: Action, prompt_id: int) -> bool:
    """An answer or note button of this prompt (a take button's value is a referral id)."""
    return action.id in (actions.ANSWER, actions.NOTE) and (
        action.value.partition(":")[0] == str(prompt_id)
    )


def _intake(uow: UnitOfWork, rules: Rules, person: Actor, referral_id: int) -> Message | str:
    """The intake card's message, or the case reference when `person` may not see it."""
    referral, case = cases.load_referral(uow, referral_id)
    if person.team != referral.team_id:
        return case.ref
    language = person.language
    if referral.status == ReferralStatus.DECLINED:  # "Afwijzen…": nobody takes it
        return Message("chatcard.declined", {"case_ref": case.ref}, language=language)
    if referral.status != ReferralStatus.RECEIVED:
        holder = uow.directory.person(id=referral.assignee_id or "")
        params = {
            "case_ref": case.ref,
            "name": holder.name if holder else "—",
            "at": rules.moment_text(referral.assigned_at or referral.received_at),
        }
        return Message("chatcard.taken", params, language=language)
    found = _sent(uow, referral_id, lambda a: a.id == actions.TAKE)
    if found is None:
        return Message("chatcard.open", {"case_ref": case.ref}, language=language)
    return Message(found.key, found.params, found.actions, language)


def _sent(uow: UnitOfWork, referral_id: int, accepts: Callable[[Action], bool]) -> Message | None:
    """The newest message about the referral with a button `accepts` accepts."""
    for row in uow.outbox.for_referral(referral_id=referral_id):
        buttons = tuple(Action.from_dict(a) for a in row.actions)
        if any(accepts(b) for b in buttons):
            return Message(row.message_key, dict(row.params), buttons)
    return None
