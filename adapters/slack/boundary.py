"""The frame every lazy Slack listener runs in: the person behind the request found by
their Slack id (or e-mail address), through the gate every chat request passes, and the
answers to them sent back through Slack."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any

from adapters.slack import inbound
from adapters.slack.client import SlackAdapter
from adapters.slack.inbound import SlackUser
from adapters.slack.people import person_for_user
from bot.app.chat import gate
from bot.app.chat.actor import Actor
from bot.app.data import Data
from bot.messages import Message

SOURCE = "slack"
Reply = Callable[[Message], Awaitable[None]]
Work = Callable[[Actor, datetime], Awaitable[None]]


class Boundary:
    def __init__(self, data: Data, slack: SlackAdapter) -> None:
        self.data = data
        self.slack = slack

    async def handle(
        self,
        body: Mapping[str, Any],
        what: str,
        reply: Reply | None,
        work: Work,
        user: SlackUser | None = None,
    ) -> None:
        """Runs `work` for the person behind the request, through the gate
        (bot/app/chat/gate.py): claimed once, an unknown person refused and audited, a
        domain error answered with the person's sentence."""
        user = user or inbound.actor_of(body)
        request = gate.Request(
            chat=SOURCE,
            what=what,
            key=inbound.inbound_key(body),
            caller=f"slack:{user.team}:{user.user}",
        )

        async def person() -> Actor | None:
            return await self.person(user)

        async def answer(message: Message) -> None:
            if reply is not None:
                await reply(message)

        await gate.guarded(self.data, request, person=person, work=work, reply=answer, nothing=None)

    async def person(self, user: SlackUser) -> Actor | None:
        return await person_for_user(self.data, self.slack, user.user)

    def responder(self, url: str | None) -> Reply | None:
        if not url:
            return None

        async def reply(message: Message) -> None:
            await self.slack.respond(url, message)

        return reply
