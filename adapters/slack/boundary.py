"""The frame every lazy Slack listener runs in: the request's key claimed once, the person
found (or the attempt refused and audited), the work done, and a domain error turned into
the person's sentence. The one error boundary of Slack inbound."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from adapters.slack import inbound
from adapters.slack.client import SlackAdapter
from adapters.slack.inbound import SlackUser
from adapters.slack.people import person_for_user
from bot.app.chat import gate
from bot.app.chat.actor import Actor
from bot.app.chat.intents import NotUnderstood
from bot.app.data import Data
from bot.domain.errors import DeliveryFailed, TerugkoppelError
from bot.messages import DEFAULT_LANGUAGE, Message

log = logging.getLogger(__name__)
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
        """Claims the inbound key, finds the person (or refuses and audits), runs `work`,
        and turns a domain error into the person's sentence."""
        now = datetime.now(UTC)
        key = inbound.inbound_key(body)
        if key is not None and not await asyncio.to_thread(gate.first_time, self.data, key, now):
            log.info("Slack %s %s already handled (retry or double click)", what, key)
            return
        user = user or inbound.actor_of(body)
        language = DEFAULT_LANGUAGE
        try:
            person = await self.person(user)
            if person is None:
                await asyncio.to_thread(
                    gate.refuse_unknown,
                    self.data,
                    actor=f"slack:{user.team}:{user.user}",
                    what=what,
                    now=now,
                    channel=SOURCE,
                )
                if reply is not None:
                    await reply(Message("error.unknown_person", language=DEFAULT_LANGUAGE))
                return
            language = person.language
            await work(person, now)
        except NotUnderstood as exc:
            if reply is not None:
                await reply(Message(exc.key, exc.params, language=language))
        except TerugkoppelError as exc:
            if isinstance(exc, DeliveryFailed):
                log.warning("Slack %s: a reply could not be delivered: %s", what, exc)
                return
            if reply is not None:
                await reply(Message(exc.key, exc.params, language=language))
        except Exception:
            # Not the person's doing (store or Slack down, a bug): let a retry try again.
            correlation = uuid.uuid4().hex[:12]
            log.exception("Slack %s failed (correlation id %s)", what, correlation)
            if key is not None:
                await asyncio.to_thread(gate.forget, self.data, key)
            if reply is not None:
                with contextlib.suppress(DeliveryFailed):
                    await reply(Message("error.generic", language=language))

    async def person(self, user: SlackUser) -> Actor | None:
        return await person_for_user(self.data, self.slack, user.user)

    def responder(self, url: str | None) -> Reply | None:
        if not url:
            return None

        async def reply(message: Message) -> None:
            await self.slack.respond(url, message)

        return reply
