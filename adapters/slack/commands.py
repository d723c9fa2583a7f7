"""What each Slack slash command, the referral modal and each event does: a chat use case,
then the reply in Slack."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from adapters.slack import inbound
from adapters.slack.boundary import SOURCE, Reply
from adapters.slack.home import home_tab
from adapters.slack.parts import SlackParts
from adapters.slack.views import referral_modal
from bot.app.chat import away, case_forms, commands, referral_form
from bot.app.chat.actor import Actor
from bot.app.chat.intents import NotUnderstood
from bot.app.chat.referrer_acts import read_words, referrer_act


class Commands:
    def __init__(self, parts: SlackParts) -> None:
        self.data = parts.data
        self.rules = parts.rules
        self.config = parts.config
        self.slack = parts.slack
        # Teams presence of contact persons, where this deployment reads it from Graph.
        self.presence = parts.presence

    # -- slash commands: (the person, the command's body, the reply, now) ------------------

    async def open_referral(
        self, person: Actor, body: Mapping[str, Any], reply: Reply | None, now: datetime
    ) -> None:
        """/verwijzing: the modal; a referrer refers for themselves, a professional picks
        the referrer. `/verwijzing status|intrekken|aanvullen REF …`: the referrer's act."""
        typed = str(body.get("text") or "")
        if read_words(typed) is not None:
            if reply is not None:
                await reply(await referrer_act(self.data, self.rules, person, typed, now, SOURCE))
            return
        found = await asyncio.to_thread(referral_form.choices, self.data, person)
        meta = {"language": person.language, "response_url": str(body.get("response_url") or "")}
        view = referral_modal(
            language=person.language,
            teams=found.teams,
            referrers=found.referrers,
            self_label=found.self_label,
            meta=meta,
        )
        await self.slack.open_view(trigger_id=str(body.get("trigger_id") or ""), view=view)

    async def typed(
        self,
        command: commands.Command,
        person: Actor,
        body: Mapping[str, Any],
        reply: Reply | None,
        now: datetime,
    ) -> None:
        """A slash command from the table every chat shares (bot/app/chat/commands.py)."""
        words = str(body.get("text") or "")
        typed = commands.Typed(person, words, now, SOURCE, self.presence)
        message = await command(self.data, self.rules, typed)
        if reply is not None:
            await reply(message)

    async def who_is(
        self, person: Actor, body: Mapping[str, Any], reply: Reply | None, now: datetime
    ) -> None:
        """/wie <organisatie>: the contact person and backup of every team for it."""
        await self.typed(commands.COMMANDS["wie"], person, body, reply, now)

    async def away(
        self, person: Actor, body: Mapping[str, Any], reply: Reply | None, now: datetime
    ) -> None:
        """/afwezig <van> <tot>: records the absence; backup and partners hear it."""
        await self.typed(commands.COMMANDS["afwezig"], person, body, reply, now)

    async def referrer(
        self, person: Actor, body: Mapping[str, Any], reply: Reply | None, now: datetime
    ) -> None:
        """/verwijzer <kenmerk> toestemming|informatie|klaar."""
        await self.typed(commands.COMMANDS["verwijzer"], person, body, reply, now)

    async def handover(
        self, person: Actor, body: Mapping[str, Any], reply: Reply | None, now: datetime
    ) -> None:
        """/overdracht <kenmerk> naar <team of organisatie> [warm] [moment]."""
        await self.typed(commands.COMMANDS["overdracht"], person, body, reply, now)

    async def lead(
        self, person: Actor, body: Mapping[str, Any], reply: Reply | None, now: datetime
    ) -> None:
        """/regie <kenmerk> <persoon>: the regisseur set or changed."""
        await self.typed(commands.COMMANDS["regie"], person, body, reply, now)

    async def decline(
        self, person: Actor, body: Mapping[str, Any], reply: Reply | None, now: datetime
    ) -> None:
        """/afwijzen <kenmerk> <reden> [naar <team of organisatie>]."""
        await self.typed(commands.COMMANDS["afwijzen"], person, body, reply, now)

    async def suggestions(self, person: Actor, block: str, query: str) -> list[tuple[str, str]]:
        """The choices of a long list in the /verwijzing modal that match what the person
        typed: every word must occur in the label (case and accents as typed)."""
        if block == case_forms.PLACE:  # the handover and decline forms' long list
            return await asyncio.to_thread(case_forms.place_choices, self.data, person, query)
        found = await asyncio.to_thread(referral_form.choices, self.data, person)
        offered = {inbound.TEAM: found.teams, inbound.REFERRER: found.referrers}.get(block, [])
        return referral_form.matching(offered, query)

    # -- the referral modal ---------------------------------------------------------------

    async def submit_referral(
        self, person: Actor, view: Mapping[str, Any], reply: Reply | None, now: datetime
    ) -> None:
        form, _ = inbound.referral_form(view)
        if form is None:
            raise NotUnderstood()
        message = await referral_form.submit(self.data, self.rules, person, form, now, SOURCE)
        if reply is not None:
            await reply(message)

    # -- events ---------------------------------------------------------------------------

    async def publish_home(self, user: str, person: Actor | None, now: datetime) -> None:
        view = await asyncio.to_thread(
            home_tab,
            self.data,
            self.rules,
            person,
            now=now,
            overview_url=self.config.overview_url,
        )
        await self.slack.publish_home(user=user, view=view)

    async def status(self, person: Actor, event: Mapping[str, Any], now: datetime) -> None:
        change = inbound.status_change(
            event,
            emoji=self.config.absence_emoji,
            today=self.rules.today(now),
            timezone=self.config.timezone,
        )
        if change is None:
            return
        if change.away_until is not None:
            await away.away_until(
                self.data,
                self.rules,
                person=person.id,
                until=change.away_until,
                now=now,
                source=SOURCE,
            )
        else:
            await away.back(self.data, self.rules, person=person.id, now=now, source=SOURCE)
