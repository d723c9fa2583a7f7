"""The buttons on our chat messages, for every chat: answer a prompt (with a note or
not), take or assign a referral, accept or refuse a handover, and the referrer's answers.
Each click is one service call; what comes back replaces the clicked message."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.app import cases, handovers, prompts
from bot.app.chat.actor import Actor
from bot.app.chat.intents import NotUnderstood, number, prompt_answer
from bot.app.chat.referrer import referrer_click, satisfaction_click
from bot.app.data import Data
from bot.app.loop import satisfaction
from bot.app.loop.checkins import CHECKIN
from bot.app.loop.referrer_requests import SETTLED
from bot.app.referrals import flow, intake
from bot.domain import privacy_guard
from bot.domain.errors import AlreadyAnswered, NoteRefused, UnknownPerson
from bot.domain.model import Answer
from bot.domain.reasons import HANDOVER_REASONS, parse_reason
from bot.domain.rules import Rules
from bot.messages import Language, Message, text

ANSWER, TAKE, ASSIGN, ACCEPT, REFUSE, NOTE = "answer", "take", "assign", "accept", "refuse", "note"
LEAD = "lead"  # pick the case's regisseur (bot/app/chat/picks.py)


@dataclass(frozen=True)
class Pressed:
    """One click on one of our buttons: who, the button's value, when, from which chat, and
    the note typed with it (if any)."""

    person: Actor
    value: str
    now: datetime
    source: str
    note: str | None = None


class Click(Protocol):
    """What one kind of button does: the message that replaces the clicked one."""

    async def __call__(self, data: Data, rules: Rules, pressed: Pressed) -> Message: ...


async def run(
    handler: Click,
    data: Data,
    rules: Rules,
    person: Actor,
    value: str,
    now: datetime,
    source: str,
    *,
    note: str | None = None,
) -> Message:
    """The click done: who did what, and when; when someone else was first, who that was."""
    try:
        return await handler(data, rules, Pressed(person, value, now, source, note))
    except AlreadyAnswered as exc:
        # Someone was first: the buttons go, and everyone sees who and when.
        return Message(exc.key, exc.params, language=person.language)


async def click(
    data: Data,
    rules: Rules,
    person: Actor,
    name: str,
    value: str,
    now: datetime,
    source: str,
    *,
    note: str | None = None,
) -> Message:
    """A click on the button named `name`; NotUnderstood for one we did not send."""
    handler = CLICKS.get(name)
    if handler is None:
        raise NotUnderstood()
    return await run(handler, data, rules, person, value, now, source, note=note)


async def answer(data: Data, rules: Rules, pressed: Pressed) -> Message:
    """An answer button on a prompt (`<prompt>:<answer>`), with the note typed, if any."""
    prompt_id, chosen = prompt_answer(pressed.value)
    return await answer_prompt(
        data, rules, pressed.person, prompt_id, chosen, pressed.note, pressed.now, pressed.source
    )


async def take(data: Data, rules: Rules, pressed: Pressed) -> Message:
    person, now = pressed.person, pressed.now
    case_ref = await asyncio.to_thread(
        intake.take_referral,
        data.uow(),
        rules,
        referral_id=number(pressed.value),
        by=person.id,
        now=now,
    )
    params = {"case_ref": case_ref, "name": person.name, "at": rules.moment_text(now)}
    return Message("slack.taken_by", params, language=person.language)


async def _decide(data: Data, rules: Rules, pressed: Pressed, *, accept: bool) -> Message:
    """Accept (`<handover>`), or refuse with the button's reason (`<handover>:<reason>`; a
    button from before the reasons counts as "another reason")."""
    person, now, value = pressed.person, pressed.now, pressed.value
    handover, _, code = value.partition(":")
    reason = None if accept else parse_reason(code or "other", HANDOVER_REASONS)
    if not accept and reason is None:
        raise NotUnderstood()
    case_ref = await asyncio.to_thread(
        handovers.decide_handover,
        data.uow(),
        rules,
        handover_id=number(handover),
        accept=accept,
        by=person.id,
        now=now,
        reason=reason,
        channel=pressed.source,
    )
    params = {"case_ref": case_ref, "name": person.name, "at": rules.moment_text(now)}
    if accept:
        return Message("slack.handover_accepted", params, language=person.language)
    assert reason is not None
    params["reason"] = text(f"reason.{reason.value}", person.language)
    return Message("chat.handover_refused_reason", params, language=person.language)


async def accept(data: Data, rules: Rules, pressed: Pressed) -> Message:
    return await _decide(data, rules, pressed, accept=True)


async def refuse(data: Data, rules: Rules, pressed: Pressed) -> Message:
    return await _decide(data, rules, pressed, accept=False)


async def score(data: Data, rules: Rules, pressed: Pressed) -> Message:
    """The referrer's satisfaction score, once."""
    try:
        return await satisfaction_click(
            data, pressed.person, pressed.value, pressed.now, pressed.source
        )
    except ValueError as exc:
        raise NotUnderstood() from exc


async def settled(data: Data, rules: Rules, pressed: Pressed) -> Message:
    """The referrer says what was asked of them is done."""
    return await referrer_click(
        data, rules, pressed.person, SETTLED, pressed.value, pressed.now, pressed.source
    )


async def checkin(data: Data, rules: Rules, pressed: Pressed) -> Message:
    """The referrer answers the check-in."""
    return await referrer_click(
        data, rules, pressed.person, CHECKIN, pressed.value, pressed.now, pressed.source
    )


# Every button that means the same in every chat, by its Action id.
CLICKS: Mapping[str, Click] = {
    ANSWER: answer,
    TAKE: take,
    ACCEPT: accept,
    REFUSE: refuse,
    satisfaction.KIND: score,
    SETTLED: settled,
    CHECKIN: checkin,
}


async def answer_prompt(
    data: Data,
    rules: Rules,
    person: Actor,
    prompt_id: int,
    answer: Answer,
    note: str | None,
    now: datetime,
    source: str,
) -> Message:
    """The prompt answered (with the note, if any): the answer, who and when. A note the
    privacy guard refuses comes back with the plain hint and what stands out marked."""
    try:
        outcome = await asyncio.to_thread(
            prompts.answer_prompt,
            data.uow(),
            rules,
            prompt_id=prompt_id,
            answer=answer,
            by=person.id,
            now=now,
            note=note,
            channel=source,
            confirm=False,  # the prompt itself becomes the confirmation
        )
    except NoteRefused as exc:
        # The refusal is the reply (the prompt and its buttons stay): the hint, and the
        # note with what stands out marked, so the professional sees what to change.
        marked = privacy_guard.marked(note or "", exc.findings)
        raise NoteRefused(exc.findings, **exc.params, marked=marked) from None
    reply = text(outcome.reply_key, person.language, **outcome.reply_params)
    return Message(
        "slack.answered_by",
        {"reply": reply, "name": person.name, "at": rules.moment_text(now)},
        language=person.language,
    )


async def assign(
    data: Data,
    rules: Rules,
    person: Actor,
    assignee: Actor | None,
    value: str,
    now: datetime,
    *,
    chosen: str,
) -> Message:
    """A coordinator picks who takes the referral; `chosen` names the pick when it is
    nobody we know."""
    if assignee is None:
        raise NotUnderstood("slack.assign_unknown", name=chosen)
    try:
        case_ref = await asyncio.to_thread(
            intake.assign_referral,
            data.uow(),
            rules,
            referral_id=number(value),
            to=assignee.id,
            by=person.id,
            now=now,
        )
    except UnknownPerson as exc:
        if exc.params.get("person") == assignee.id:
            raise NotUnderstood("slack.assign_unknown", name=assignee.name) from exc
        raise
    except AlreadyAnswered as exc:
        return Message(exc.key, exc.params, language=person.language)
    params = {
        "case_ref": case_ref,
        "name": assignee.name,
        "by": person.name,
        "at": rules.moment_text(now),
    }
    return Message("slack.assigned_by", params, language=person.language)


def note_choices(
    data: Data, prompt_id: int, language: Language
) -> tuple[str, list[tuple[str, str]]]:
    """The note form's introduction and the answers it offers (`<prompt>:<answer>`, label)."""
    with data.uow() as uow:
        prompt = uow.prompts.get(id=prompt_id)
        if prompt is None:
            raise NotUnderstood("error.unknown_case", case_ref=str(prompt_id))
        referral, case = cases.load_referral(uow, prompt.referral_id)
        organisation = cases.referrer_organisation_name(uow, referral)
        answers = [
            (f"{prompt_id}:{a.value}", text(f"action.{a.value}", language))
            for a in flow.next_answers(referral.status)
            if a is not Answer.NOT_YET
        ]
    intro = text("slack.note_intro", language, case_ref=case.ref, organisation=organisation)
    return intro, answers


@dataclass(frozen=True)
class NoteAgain:
    """A note the privacy guard refused, for the note form shown again to its writer: the
    form's introduction and answers with the one chosen, the note as typed, a plain hint per
    kind found ("dit lijkt een telefoonnummer") and the note in
    parts (text, found?) so each chat marks what stands out its own way."""

    prompt_id: int
    intro: str
    answers: list[tuple[str, str]]  # (`<prompt>:<answer>`, label), as note_choices gives
    chosen: str
    note: str
    hints: tuple[str, ...]
    pieces: tuple[tuple[str, bool], ...]
    language: Language


async def note_again(
    data: Data, value: str, note: str, refused: NoteRefused, language: Language
) -> NoteAgain:
    """The note form again after `refused` (the answer `value` is `<prompt>:<answer>`):
    nothing was stored, the refusal is audited; the writer fixes the note and sends again."""
    prompt_id, _ = prompt_answer(value)
    intro, answers = await asyncio.to_thread(note_choices, data, prompt_id, language)
    kinds = privacy_guard.kinds(refused.findings)
    hints = tuple(text(f"privacy.hint.{kind}", language) for kind in kinds)
    return NoteAgain(
        prompt_id=prompt_id,
        intro=intro,
        answers=answers,
        chosen=value,
        note=note,
        hints=hints,
        pieces=tuple(privacy_guard.pieces(note, refused.findings)),
        language=language,
    )


async def refuse_note(
    data: Data, person: Actor, prompt_id: int, found: list[str], now: datetime, source: str
) -> None:
    """Audits a note the form already refused (it named personal data)."""
    await asyncio.to_thread(
        prompts.refuse_note,
        data.uow(),
        prompt_id=prompt_id,
        by=person.id,
        found=found,
        now=now,
        channel=source,
    )
