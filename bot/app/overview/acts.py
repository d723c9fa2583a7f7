"""What a person does from the overview: answer a prompt, assign or reassign a referral
(which also answers its escalation). Each goes through the chat use cases Slack and Teams
use (bot/app/chat/actions.py), with "web" as the channel; only the wording of a refusal is
the page's own."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import datetime

from bot.app.chat import actions
from bot.app.chat.actor import Actor, actor_of
from bot.app.chat.intents import NotUnderstood, number
from bot.app.data import Data
from bot.app.overview.access import CHANNEL
from bot.domain.errors import NotAllowed, NoteRefused, TerugkoppelError, UnknownCase, UnknownPerson
from bot.domain.rules import Rules
from bot.messages import Message, text


@dataclass(frozen=True)
class Done:
    """The sentence the person reads, and the HTTP status the page answers with."""

    sentence: str
    status: int = 200


async def answer(
    data: Data, rules: Rules, person: Actor, *, prompt: str, choice: str, now: datetime
) -> Done:
    value = f"{prompt}:{choice}"
    return await _run(
        person, actions.click(data, rules, person, actions.ANSWER, value, now, CHANNEL)
    )


async def assign(
    data: Data, rules: Rules, person: Actor, *, referral: str, to: str, now: datetime
) -> Done:
    try:
        number(referral)
    except NotUnderstood:
        return Done(text("overview.bad_form", person.language), 400)
    if not to or len(to) > 64:  # nobody chosen
        return Done(text("overview.bad_form", person.language), 400)
    with data.uow() as uow:
        row = uow.directory.person(id=to) if to else None
    assignee = actor_of(row) if row is not None else None
    return await _run(
        person, actions.assign(data, rules, person, assignee, referral, now, chosen=to or "?")
    )


async def _run(person: Actor, work: Awaitable[Message]) -> Done:
    """The use case's reply as a sentence; its refusals as the page's 4xx sentences."""
    language = person.language
    try:
        message = await work
    except NotAllowed:
        return Done(text("overview.not_allowed", language), 403)
    except UnknownCase as exc:
        return Done(text(exc.key, language, **exc.params), 404)
    except NotUnderstood as exc:
        key = exc.key if exc.key != "error.generic" else "overview.bad_form"
        return Done(text(key, language, **exc.params), 400)
    except (UnknownPerson, NoteRefused) as exc:
        return Done(text(exc.key, language, **exc.params), 422)
    except TerugkoppelError as exc:  # an illegal transition: a plain sentence, nothing stored
        return Done(text(exc.key, language, **exc.params), 409)
    return Done(message.body())
