"""The lazy halves of the Bolt listeners: each reads its payload, and runs its work in the
boundary (adapters/slack/boundary.py) with the person who clicked, typed or changed."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from adapters.slack import inbound
from adapters.slack.boundary import Boundary, Reply
from adapters.slack.clicks import Clicks, ClickWork
from adapters.slack.commands import Commands
from adapters.slack.inbound import SlackUser
from adapters.slack.parts import SlackParts
from adapters.slack.views import options
from bot.app.chat import people
from bot.app.chat.actor import Actor

Lazy = Callable[[dict[str, Any]], Awaitable[None]]
CommandWork = Callable[[Actor, Mapping[str, Any], Reply | None, datetime], Awaitable[None]]


class Listeners:
    def __init__(self, parts: SlackParts) -> None:
        self.data = parts.data
        self.boundary = Boundary(parts.data, parts.slack)
        self.commands = Commands(parts)
        self.clicks = Clicks(parts.data, parts.rules, parts.slack)

    def command(self, work: CommandWork) -> Lazy:
        """A slash command's lazy half: `work` with the command's body and its reply."""

        async def run(body: dict[str, Any]) -> None:
            reply = self.boundary.responder(body.get("response_url"))

            async def with_person(person: Actor, now: datetime) -> None:
                await work(person, body, reply, now)

            await self.boundary.handle(
                body, f"command:{body.get('command') or ''}", reply, with_person
            )

        return run

    def click(self, work: ClickWork) -> Lazy:
        """A button's lazy half: `work` with the click and where its answer goes."""

        async def run(body: dict[str, Any]) -> None:
            click = inbound.click_from_block_action(body)
            reply = self.boundary.responder(click.response_url)
            in_place = self.clicks.in_place(click, reply)

            async def with_person(person: Actor, now: datetime) -> None:
                await work(person, click, in_place, now)

            await self.boundary.handle(body, f"click:{click.name}", reply, with_person)

        return run

    async def submit_referral(self, body: dict[str, Any]) -> None:
        view = body.get("view") or {}
        reply = self.boundary.responder(inbound.metadata(view).get("response_url"))

        async def work(person: Actor, now: datetime) -> None:
            await self.commands.submit_referral(person, view, reply, now)

        await self.boundary.handle(body, "submit:referral", reply, work)

    async def submit_note(self, body: dict[str, Any]) -> None:
        view = body.get("view") or {}
        reply = self.boundary.responder(inbound.metadata(view).get("response_url"))

        async def work(person: Actor, now: datetime) -> None:
            await self.clicks.submit_note(person, view, reply, now)

        await self.boundary.handle(body, "submit:note", reply, work)

    async def home(self, body: dict[str, Any]) -> None:
        event = body.get("event") or {}
        if event.get("tab", "home") != "home":
            return
        user = str(event.get("user") or "")
        now = datetime.now(UTC)
        person = await self.boundary.person(SlackUser(str(body.get("team_id") or ""), user))
        await self.commands.publish_home(user, person, now)

    async def suggest(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """Options for an external select in a modal we opened; an unknown user gets none.
        Runs before the ack (Slack shows what the ack carries), so it reads the store only."""
        block, query = inbound.suggestion_query(body)
        user = inbound.actor_of(body)
        person = await asyncio.to_thread(self._known, user.user)
        if person is None:
            return []
        return options(await self.commands.suggestions(person, block, query))

    async def user_change(self, body: dict[str, Any]) -> None:
        event = body.get("event") or {}
        changed = event.get("user") or {}
        user = SlackUser(str(body.get("team_id") or ""), str(changed.get("id") or ""))

        async def work(person: Actor, now: datetime) -> None:
            await self.commands.status(person, event, now)

        # An unknown user changing their status is no attempt at anything: no refusal.
        if await asyncio.to_thread(self._known, user.user) is None:
            return
        await self.boundary.handle(body, "event:user_change", None, work, user)

    def _known(self, user: str) -> Actor | None:
        """The person with this Slack id, active or not."""
        return people.by_chat(self.data, platform="slack", chat_id=user)
