"""What each Teams activity does: installations keep conversation references, card clicks
answer through the services, personal chat commands answer with a card."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from adapters.teams.cards import (
    Click,
    activity_from_card,
    activity_from_message,
    card_from_message,
    click_from_activity,
    command_text,
    invoke_card_response,
    invoke_message_response,
    note_again_card,
    summary,
)
from adapters.teams.connector import TeamsAdapter
from adapters.teams.dialogs import open_form_card
from bot.app.chat import actions, card_state, commands, gate, people, picks
from bot.app.chat.actor import Actor
from bot.app.chat.conversations import ConversationRef
from bot.app.data import Data
from bot.domain.errors import NoteRefused
from bot.domain.rules import Rules
from bot.messages import Message

log = logging.getLogger(__name__)
SOURCE = "teams"
NOTE_SUBMIT = "note_submit"  # the note card's submit: an answer with the note typed
REFRESH = "refresh"  # a card's refresh: what it shows now
R = TypeVar("R")


def reference_of(activity: Mapping[str, Any]) -> ConversationRef | None:
    """The conversation reference an activity carries (None without conversation or
    serviceUrl). A channel thread id (`…;messageid=…`) is cut back to the channel."""
    conversation = activity.get("conversation") or {}
    conversation_id = str(conversation.get("id") or "").split(";messageid=", 1)[0]
    service_url = str(activity.get("serviceUrl") or "")
    if not conversation_id or not service_url:
        return None
    channel_data = activity.get("channelData") or {}
    tenant = (channel_data.get("tenant") or {}).get("id") or conversation.get("tenantId")
    kind = str(conversation.get("conversationType") or "personal")
    sender = activity.get("from") or {}
    personal = kind == "personal"
    return ConversationRef(
        conversation_id=conversation_id,
        service_url=service_url,
        kind="personal" if personal else "channel",
        tenant_id=str(tenant) if tenant else None,
        user_aad_id=str(sender.get("aadObjectId") or "") or None if personal else None,
        user_id=str(sender.get("id") or "") or None if personal else None,
        team_id=str((channel_data.get("team") or {}).get("id") or "") or None,
    )


class TeamsInbound:
    def __init__(self, data: Data, rules: Rules, adapter: TeamsAdapter) -> None:
        self.data = data
        self.rules = rules
        self.teams = adapter

    async def on_activity(self, activity: Mapping[str, Any]) -> dict[str, Any] | None:
        """Handles one authenticated activity; returns the invoke response body, if any."""
        kind = activity.get("type")
        now = datetime.now(UTC)
        if kind in ("installationUpdate", "conversationUpdate"):
            await self.on_install(activity, now)
            return None
        click = click_from_activity(activity)
        if click is None and kind != "message":
            return None

        async def work(person: Actor, now: datetime) -> dict[str, Any] | None:
            if click is not None:
                return await self.on_click(activity, click, person, now)
            await self.on_command(activity, person, now)
            return None

        async def reply(message: Message) -> dict[str, Any] | None:
            return await self._reply(activity, click, message)

        # A refresh changes nothing: it may come again (every view), so it claims no key.
        what = "message" if click is None else f"click:{click.name}"
        once = click is None or click.name != REFRESH
        return await self.guarded(activity, what, work, reply, None, once=once)

    async def guarded(
        self,
        activity: Mapping[str, Any],
        what: str,
        work: Callable[[Actor, datetime], Awaitable[R]],
        reply: Callable[[Message], Awaitable[R]],
        nothing: R,
        *,
        once: bool = True,
    ) -> R:
        """`work` for the person behind the activity, through the gate every chat request
        passes (bot/app/chat/gate.py); `once`: a retry of the same activity is ignored."""
        sender = activity.get("from") or {}
        tenant = ((activity.get("channelData") or {}).get("tenant") or {}).get("id") or ""
        caller = f"teams:{tenant}:{sender.get('aadObjectId') or sender.get('id') or '?'}"
        key = f"teams:activity:{activity.get('id')}" if activity.get("id") and once else None
        request = gate.Request(chat=SOURCE, what=what, key=key, caller=caller[:100])

        async def person() -> Actor | None:
            return await asyncio.to_thread(self._person, activity)

        return await gate.guarded(
            self.data, request, person=person, work=work, reply=reply, nothing=nothing
        )

    # -- installation ---------------------------------------------------------------------

    async def on_install(self, activity: Mapping[str, Any], now: datetime) -> None:
        ref = reference_of(activity)
        if ref is None:
            return
        bot = str((activity.get("recipient") or {}).get("id") or "")
        action = str(activity.get("action") or "")
        added = [str(m.get("id")) for m in activity.get("membersAdded") or []]
        removed = [str(m.get("id")) for m in activity.get("membersRemoved") or []]
        if action == "remove" or (bot and bot in removed):
            await asyncio.to_thread(self.teams.forget, ref.conversation_id)
            log.info("Teams: app removed from %s", ref.conversation_id)
            return
        if activity.get("type") == "installationUpdate" and not action.startswith("add"):
            return
        if activity.get("type") == "conversationUpdate" and bot not in added:
            return  # someone else joined a conversation the bot is in: nothing to keep
        person_id = await asyncio.to_thread(self.teams.remember, ref)
        log.info("Teams: conversation %s kept (%s)", ref.conversation_id, ref.kind)
        if ref.kind == "personal" and person_id is not None:
            person = await asyncio.to_thread(people.person, self.data, person_id)
            if person is not None:
                welcome = Message("teams.welcome", {"name": person.name}, language=person.language)
                await self.teams.post_activity(ref, activity_from_message(welcome))

    # -- clicks ---------------------------------------------------------------------------

    async def on_click(
        self, activity: Mapping[str, Any], click: Click, person: Actor, now: datetime
    ) -> dict[str, Any] | None:
        note = click.note if click.name == NOTE_SUBMIT else None
        name = actions.ANSWER if click.name == NOTE_SUBMIT else click.name
        if name == REFRESH:
            shown = await asyncio.to_thread(
                card_state.current, self.data, self.rules, person, click.value, now, SOURCE
            )
            return await self._in_place(activity, click, card_from_message(shown), summary(shown))
        if name in picks.PICKS:
            done = await picks.run(
                self.data, self.rules, name, person, click.picked or "", click.value, now, SOURCE
            )
            return await self._in_place(activity, click, card_from_message(done), summary(done))
        try:
            done = await actions.click(
                self.data, self.rules, person, name, click.value, now, SOURCE, note=note
            )
        except NoteRefused as exc:
            if note is None:
                raise
            # Nothing stored, the refusal audited: the note form comes back in the card's
            # place, filled in as sent, with the hints and what stands out marked.
            again = await actions.note_again(self.data, click.value, note, exc, person.language)
            return await self._in_place(activity, click, note_again_card(again), again.intro)
        return await self._in_place(activity, click, card_from_message(done), summary(done))

    async def _in_place(
        self, activity: Mapping[str, Any], click: Click, card: dict[str, Any], summary_text: str
    ) -> dict[str, Any] | None:
        """The clicked card replaced: by the invoke response (Action.Execute), or by updating
        the activity (Action.Submit from an older client); without the card's activity id,
        the card comes as a reply."""
        if click.invoke:
            return invoke_card_response(card)
        ref = reference_of(activity)
        if ref is None:
            return None
        replacement = activity_from_card(card, summary_text)
        if not click.card_activity_id:
            await self.teams.post_activity(ref, replacement)
            return None
        await self.teams.update_activity(ref, click.card_activity_id, replacement)
        return None

    async def _reply(
        self, activity: Mapping[str, Any], click: Click | None, message: Message
    ) -> dict[str, Any] | None:
        """A sentence for the person who clicked or typed; the card stays as it is."""
        if click is not None and click.invoke:
            return invoke_message_response(message)
        ref = reference_of(activity)
        if ref is not None:
            await self.teams.post_activity(ref, activity_from_message(message))
        return None

    # -- personal chat commands -----------------------------------------------------------

    async def on_command(self, activity: Mapping[str, Any], person: Actor, now: datetime) -> None:
        """A typed command (bot/app/chat/commands.py); `verwijzing` answers with the button
        that opens the referral form as a dialog."""
        typed = command_text(activity)
        message = await commands.run(
            self.data, self.rules, person, typed, now, SOURCE, presence=self.teams.presence
        )
        if commands.is_referral_form(typed):
            ref = reference_of(activity)
            if ref is not None:
                card = open_form_card(message)
                await self.teams.post_activity(ref, activity_from_card(card, summary(message)))
            return
        await self._reply(activity, None, message)

    # -- who is asking ---------------------------------------------------------------------

    def _person(self, activity: Mapping[str, Any]) -> Actor | None:
        aad = str((activity.get("from") or {}).get("aadObjectId") or "")
        return people.active_by_chat(self.data, platform="teams", chat_id=aad)
