"""What each Teams activity does: installations keep conversation references, card clicks
answer through the services, personal chat commands answer with a card."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from adapters.teams.cards import (
    Click,
    activity_from_message,
    click_from_activity,
    command_text,
    invoke_card_response,
    invoke_message_response,
)
from adapters.teams.connector import TeamsAdapter
from bot.app import contacts, handovers, notify, prompts
from bot.app.chat.referrer import CLICKS as LOOP_CLICKS
from bot.app.chat.referrer import referrer_click, referrer_request_command, satisfaction_click
from bot.app.chat.who import people_in, who_message
from bot.app.loop import satisfaction
from bot.app.referrals import intake
from bot.domain.errors import AlreadyAnswered, DeliveryFailed, TerugkoppelError
from bot.domain.model import Answer
from bot.domain.rules import Rules
from bot.messages import DEFAULT_LANGUAGE, Language, Message, language_of, text
from store.conversations import ConversationRef
from store.schema.directory import Person
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
SOURCE = "teams"
_WHO = ("wie", "who")
_AWAY = ("afwezig", "away")
_REFERRER = ("verwijzer", "referrer")
_OPEN = ("mijn open vragen", "open vragen", "my open questions", "open questions")
OPEN_ROWS = 15


class Unclear(ValueError):
    """Text or a click we cannot read; `key` and `params` give the person's sentence."""

    def __init__(self, key: str = "error.generic", **params: str) -> None:
        self.key, self.params = key, params
        super().__init__(key)


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
    def __init__(self, engine: Engine, rules: Rules, adapter: TeamsAdapter) -> None:
        self.engine = engine
        self.rules = rules
        self.teams = adapter

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

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
        key = f"teams:activity:{activity.get('id')}" if activity.get("id") else None
        if key is not None and not await asyncio.to_thread(self._first_time, key, now):
            log.info("Teams activity %s already handled (retry)", key)
            return None
        language: Language = DEFAULT_LANGUAGE
        try:
            person = await asyncio.to_thread(self._person, activity)
            if person is None:
                await asyncio.to_thread(self._refuse_unknown, activity, now)
                return await self._reply(activity, click, Message("error.unknown_person"))
            language = language_of(person.language)
            if click is not None:
                return await self.on_click(activity, click, person, now)
            await self.on_command(activity, person, now)
            return None
        except Unclear as exc:
            return await self._reply(
                activity, click, Message(exc.key, exc.params, language=language)
            )
        except DeliveryFailed as exc:
            log.warning("Teams: a reply could not be delivered: %s", exc)
            return None
        except TerugkoppelError as exc:
            return await self._reply(
                activity, click, Message(exc.key, exc.params, language=language)
            )
        except Exception:
            correlation = uuid.uuid4().hex[:12]
            log.exception("Teams activity failed (correlation id %s)", correlation)
            if key is not None:
                await asyncio.to_thread(self._forget, key)
            try:
                return await self._reply(
                    activity, click, Message("error.generic", language=language)
                )
            except DeliveryFailed:
                return None

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
            person = await asyncio.to_thread(self._person_by_id, person_id)
            if person is not None:
                language = language_of(person.language)
                welcome = Message("teams.welcome", {"name": person.name}, language=language)
                await self.teams.post_activity(ref, activity_from_message(welcome))

    # -- clicks ---------------------------------------------------------------------------

    async def on_click(
        self, activity: Mapping[str, Any], click: Click, person: Person, now: datetime
    ) -> dict[str, Any] | None:
        language = language_of(person.language)
        at = self.rules.moment_text(now)
        params = {"name": person.name, "at": at}
        try:
            if click.name in ("answer", "note_submit"):
                prompt_id, answer = _prompt_answer(click.value)
                note = click.note if click.name == "note_submit" else None
                outcome = await asyncio.to_thread(
                    prompts.answer_prompt,
                    self.uow(),
                    self.rules,
                    prompt_id=prompt_id,
                    answer=answer,
                    by=person.id,
                    now=now,
                    note=note,
                    channel=SOURCE,
                    confirm=False,  # the card itself becomes the confirmation
                )
                reply = text(outcome.reply_key, language, **outcome.reply_params)
                done = Message("slack.answered_by", {"reply": reply, **params}, language=language)
            elif click.name == "take":
                case_ref = await asyncio.to_thread(
                    intake.take_referral,
                    self.uow(),
                    self.rules,
                    referral_id=_number(click.value),
                    by=person.id,
                    now=now,
                )
                done = Message(
                    "slack.taken_by", {"case_ref": case_ref, **params}, language=language
                )
            elif click.name in LOOP_CLICKS:  # a referrer answers
                done = await referrer_click(
                    self.engine, self.rules, person, click.name, click.value, now, SOURCE
                )
            elif click.name in ("accept", "refuse"):
                accept = click.name == "accept"
                case_ref = await asyncio.to_thread(
                    handovers.decide_handover,
                    self.uow(),
                    self.rules,
                    handover_id=_number(click.value),
                    accept=accept,
                    by=person.id,
                    now=now,
                )
                key = "slack.handover_accepted" if accept else "slack.handover_refused"
                done = Message(key, {"case_ref": case_ref, **params}, language=language)
            elif click.name == satisfaction.KIND:  # the referrer's score, once
                try:
                    done = await satisfaction_click(self.uow(), person, click.value, now, SOURCE)
                except ValueError as exc:
                    raise Unclear() from exc
            else:
                raise Unclear()
        except AlreadyAnswered as exc:
            done = Message(exc.key, exc.params, language=language)  # who was first, and when
        return await self._in_place(activity, click, done)

    async def _in_place(
        self, activity: Mapping[str, Any], click: Click, message: Message
    ) -> dict[str, Any] | None:
        """The clicked card replaced: by the invoke response (Action.Execute), or by updating
        the activity (Action.Submit from an older client)."""
        if click.invoke:
            return invoke_card_response(message)
        ref = reference_of(activity)
        if ref is not None and click.card_activity_id:
            await self.teams.update_activity(
                ref, click.card_activity_id, activity_from_message(message)
            )
        elif ref is not None:
            await self.teams.post_activity(ref, activity_from_message(message))
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

    async def on_command(self, activity: Mapping[str, Any], person: Person, now: datetime) -> None:
        language = language_of(person.language)
        typed = command_text(activity)
        word, _, rest = typed.partition(" ")
        lowered = typed.lower().rstrip("?")
        if word.lower() in _WHO:
            if not rest.strip():
                raise Unclear("teams.wie_usage")
            message = await self._who(rest.strip(), language, now)
        elif word.lower() in _AWAY:
            message = await self._away(person, rest, now)
        elif lowered in _OPEN:
            message = await asyncio.to_thread(self._open_prompts, person, language)
        elif word.lower() in _REFERRER:
            message = await referrer_request_command(
                self.engine, self.rules, person, rest, now, SOURCE
            )
        else:
            message = Message("teams.help", language=language)
        await self._reply(activity, None, message)

    async def _who(self, query: str, language: Language, now: datetime) -> Message:
        found = await asyncio.to_thread(self._who_is, query, language, now)
        if isinstance(found, Message):
            return found
        organisation, team_names, pairs = found
        presence = self.teams.presence
        states = await presence.states(people_in(pairs)) if presence is not None else {}
        return who_message(organisation, team_names, pairs, language, states)

    def _who_is(
        self, query: str, language: Language, now: datetime
    ) -> Message | tuple[str, dict[str, str], list[contacts.Contact]]:
        """The organisation's name, the team names and its contact pairs; or the answer
        when the query names no organisation, several, or one without contact persons."""
        with self.uow() as uow:
            organisations = list(uow.directory.organisations())
            teams = {t.id: t.name for t in uow.directory.teams()}
        lowered = query.lower()
        exact = [o for o in organisations if lowered in (o.id.lower(), o.name.lower())]
        matches = exact or [
            o for o in organisations if lowered in o.name.lower() or lowered in o.id.lower()
        ]
        if not matches:
            return Message("slack.wie_none", {"query": query}, language=language)
        if len(matches) > 1:
            names = ", ".join(sorted(o.name for o in matches)[:10])
            return Message("slack.wie_many", {"query": query, "names": names}, language=language)
        organisation = matches[0]
        pairs = contacts.who_is(self.uow(), self.rules, organisation=organisation.id, now=now)
        if not pairs:
            return Message(
                "slack.wie_no_pairs", {"organisation": organisation.name}, language=language
            )
        return organisation.name, teams, pairs

    async def _away(self, person: Person, words: str, now: datetime) -> Message:
        # The date parser is Slack's /afwezig one (pure); imported here so Teams-only
        # deployments do not load it at start-up.
        from adapters.slack.inbound import NotUnderstood, absence_period

        try:
            start, end = absence_period(words, self.rules.today(now))
        except NotUnderstood as exc:
            key = "teams.afwezig_usage" if exc.key == "slack.afwezig_usage" else exc.key
            raise Unclear(key, **exc.params) from exc
        await asyncio.to_thread(
            contacts.record_absence,
            self.uow(),
            self.rules,
            person=person.id,
            starts_on=start,
            ends_on=end,
            now=now,
            source=SOURCE,
        )
        params = {"start": self.rules.day_text(start), "end": self.rules.day_text(end)}
        return Message("slack.afwezig_done", params, language=language_of(person.language))

    def _open_prompts(self, person: Person, language: Language) -> Message:
        with self.uow() as uow:
            rows = uow.home.open_prompts(person=person.id, limit=OPEN_ROWS)
        if not rows:
            return Message("teams.open_none", language=language)
        lines = [text("home.prompts", language)] + [
            text(
                "home.prompt_line",
                language,
                case_ref=row.case_ref,
                organisation=row.organisation,
                state=text(f"home.state.{row.state}", language),
                since=self.rules.day_text(row.since),
            )
            for row in rows
        ]
        return Message("slack.lines", {"lines": "\n".join(lines)}, language=language)

    # -- the store ------------------------------------------------------------------------

    def _person(self, activity: Mapping[str, Any]) -> Person | None:
        aad = str((activity.get("from") or {}).get("aadObjectId") or "")
        if not aad:
            return None
        with self.uow() as uow:
            person = uow.directory.person_by_chat(platform="teams", chat_id=aad)
        return person if person is not None and person.active else None

    def _person_by_id(self, person_id: str) -> Person | None:
        with self.uow() as uow:
            return uow.directory.person(id=person_id)

    def _first_time(self, key: str, now: datetime) -> bool:
        with self.uow() as uow:
            fresh = uow.inbound.first_time(key=key, now=now)
            uow.commit()
        return fresh

    def _forget(self, key: str) -> None:
        with self.uow() as uow:
            uow.inbound.forget(key=key)
            uow.commit()

    def _refuse_unknown(self, activity: Mapping[str, Any], now: datetime) -> None:
        sender = activity.get("from") or {}
        tenant = ((activity.get("channelData") or {}).get("tenant") or {}).get("id") or ""
        actor = f"teams:{tenant}:{sender.get('aadObjectId') or sender.get('id') or '?'}"
        what = "click" if click_from_activity(activity) else "message"
        uow = self.uow()
        with uow:
            notify.refuse(uow, now=now, actor=actor[:100], case_ref=None, what=what, channel=SOURCE)


def _prompt_answer(value: str) -> tuple[int, Answer]:
    prompt, _, answer = value.partition(":")
    try:
        return int(prompt), Answer(answer)
    except ValueError as exc:
        raise Unclear() from exc


def _number(value: str) -> int:
    try:
        return int(value)
    except ValueError as exc:
        raise Unclear() from exc
