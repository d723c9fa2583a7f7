"""Buttons that need a person picked first: assign a referral, choose the case's regisseur. One table, so a chat's people picker
(Slack's users_select, Teams' typeahead) serves every such action; adding one is one entry."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.app.chat import actions, case_commands
from bot.app.chat.actor import Actor
from bot.app.chat.intents import NotUnderstood
from bot.app.chat.people import person as person_by_id
from bot.app.data import Data
from bot.domain.errors import AlreadyAnswered
from bot.domain.model import Role
from bot.domain.rules import Rules
from bot.messages import Message

TYPEAHEAD_ROWS = 15
DATASET = "professionals"  # the Data.Query dataset of a picker


@dataclass(frozen=True)
class Picked:
    """A click with a person picked: who clicked, whom they picked (None: nobody we know),
    the button's value, when, from which chat, and the pick as it came (for the sentence)."""

    person: Actor
    picked: Actor | None
    value: str
    now: datetime
    source: str
    chosen: str


Pick = Callable[[Data, Rules, Picked], Awaitable[Message]]


async def assign(data: Data, rules: Rules, picked: Picked) -> Message:
    return await actions.assign(
        data,
        rules,
        picked.person,
        picked.picked,
        picked.value,
        picked.now,
        chosen=picked.chosen,
    )


async def lead(data: Data, rules: Rules, picked: Picked) -> Message:
    """The picked colleague becomes the regisseur of the case (the button's value is the case
    reference); the same rules as `regie <kenmerk> <persoon>`."""
    if picked.picked is None:
        raise NotUnderstood("slack.assign_unknown", name=picked.chosen)
    return await case_commands.set_lead(
        data,
        rules,
        picked.person,
        f"{picked.value} {picked.picked.id}",
        picked.now,
        picked.source,
    )


# Every button that needs a person picked, by its Action id.
PICKS: Mapping[str, Pick] = {actions.ASSIGN: assign, actions.LEAD: lead}


async def run(
    data: Data,
    rules: Rules,
    name: str,
    person: Actor,
    chosen_id: str,
    value: str,
    now: datetime,
    source: str,
) -> Message:
    """The pick `name` done with the person whose id is `chosen_id` (from `professionals`)."""
    picked = await asyncio.to_thread(person_by_id, data, chosen_id) if chosen_id else None
    return await pick(data, rules, name, Picked(person, picked, value, now, source, chosen_id))


async def pick(data: Data, rules: Rules, name: str, picked: Picked) -> Message:
    """The pick `name` done (a chat that found the picked person itself: Slack's user);
    someone first: who and when."""
    handler = PICKS.get(name)
    if handler is None:
        raise NotUnderstood()
    try:
        return await handler(data, rules, picked)
    except AlreadyAnswered as exc:
        return Message(exc.key, exc.params, language=picked.person.language)


def professionals(data: Data, person: Actor, query: str) -> list[tuple[str, str]]:
    """(person id, name) of the active professionals and coordinators of the asker's team
    whose name holds every word typed; nobody for a person without a team."""
    if not person.team:
        return []
    words = query.casefold().split()
    with data.uow() as uow:
        found = [
            (p.id, p.name)
            for p in uow.directory.people()
            if p.active
            and p.team_id == person.team
            and (p.has_role(Role.PROFESSIONAL) or p.has_role(Role.COORDINATOR))
            and all(w in p.name.casefold() for w in words)
        ]
    return sorted(found, key=lambda item: item[1].casefold())[:TYPEAHEAD_ROWS]
