"""What each Slack button does: the chat use case for that button, and its answer put
in place of the clicked message; the note modal a "note" button opens, and its submission."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any

from adapters.slack import inbound
from adapters.slack.boundary import SOURCE, Reply
from adapters.slack.client import SlackAdapter
from adapters.slack.inbound import Click
from adapters.slack.people import person_for_user
from adapters.slack.views import note_modal
from bot.app.chat import actions, picks
from bot.app.chat.actor import Actor
from bot.app.chat.intents import NotUnderstood, number
from bot.app.data import Data
from bot.domain.rules import Rules
from bot.messages import Message

InPlace = Callable[[Message], Awaitable[None]]
ClickWork = Callable[[Actor, Click, InPlace, datetime], Awaitable[None]]


class Clicks:
    def __init__(self, data: Data, rules: Rules, slack: SlackAdapter) -> None:
        self.data = data
        self.rules = rules
        self.slack = slack

    def in_place(self, click: Click, reply: Reply | None) -> InPlace:
        """The clicked message replaced (chat.update), else an answer to the click."""
        return self._replacing(click.channel, click.message_ts, reply)

    def _replacing(self, channel: str | None, ts: str | None, reply: Reply | None) -> InPlace:
        async def put(message: Message) -> None:
            if channel and ts:
                await self.slack.replace(channel=channel, ts=ts, message=message)
            elif reply is not None:
                await reply(message)

        return put

    def button(self, handler: actions.Click) -> ClickWork:
        """A button that means the same in every chat (bot/app/chat/actions.py)."""

        async def work(person: Actor, click: Click, in_place: InPlace, now: datetime) -> None:
            message = await actions.run(
                handler, self.data, self.rules, person, click.value, now, SOURCE
            )
            await in_place(message)

        return work

    def pick(self, name: str) -> ClickWork:
        """A Slack user picked for the action `name` (bot/app/chat/picks.py): assign, …"""

        async def work(person: Actor, click: Click, in_place: InPlace, now: datetime) -> None:
            chosen = click.selected_user or ""
            picked = await person_for_user(self.data, self.slack, chosen)
            done = picks.Picked(person, picked, click.value, now, SOURCE, chosen)
            await in_place(await picks.pick(self.data, self.rules, name, done))

        return work

    async def open_note(
        self, person: Actor, click: Click, in_place: InPlace, now: datetime
    ) -> None:
        """The note modal: an answer to choose and a note to type."""
        prompt_id = number(click.value)
        language = person.language
        intro, answers = await asyncio.to_thread(
            actions.note_choices, self.data, prompt_id, language
        )
        meta = {
            "language": language,
            "prompt": str(prompt_id),
            "channel": click.channel or "",
            "ts": click.message_ts or "",
            "response_url": click.response_url or "",
        }
        view = note_modal(language=language, intro=intro, answers=answers, meta=meta)
        await self.slack.open_view(trigger_id=click.trigger_id or "", view=view)

    async def submit_note(
        self, person: Actor, view: Mapping[str, Any], reply: Reply | None, now: datetime
    ) -> None:
        form, problems = inbound.note_form(view)
        if form is None and inbound.NOTE in problems:
            # The open form already showed the reason (in its acknowledgement); the refused
            # attempt is audited here, where the store is at hand, and nothing else is said.
            found = problems[inbound.NOTE][1]["kinds"].split("+")
            prompt_id = number(inbound.metadata(view).get("prompt", ""))
            await actions.refuse_note(self.data, person, prompt_id, found, now, SOURCE)
            return
        if form is None:
            raise NotUnderstood()
        meta = inbound.metadata(view)
        message = await actions.answer_prompt(
            self.data, self.rules, person, form.prompt_id, form.answer, form.note, now, SOURCE
        )
        await self._replacing(meta.get("channel"), meta.get("ts"), reply)(message)
