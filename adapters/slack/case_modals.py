"""The case forms in Slack (bot/app/chat/case_forms.py): "Overdragen…" and "Afwijzen…"
open a modal; its submission is done before the ack, so what the service refuses (a
handover already waiting, a meeting in the past, not allowed) comes back in the open
modal as `response_action: errors`, and once done the modal shows the answer."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck

from adapters.slack import inbound
from adapters.slack.boundary import SOURCE, Boundary
from adapters.slack.clicks import ClickWork, InPlace
from adapters.slack.inbound import Click
from adapters.slack.parts import SlackParts
from adapters.slack.views import HANDOVER_CALLBACK, case_modal, done_view, view_errors
from bot.app.chat import card_state, case_forms, gate
from bot.app.chat.actor import Actor
from bot.app.chat.intents import NotUnderstood
from bot.app.chat.referral_form import Problems
from bot.messages import Message, language_of

Outcome = tuple[Message | None, Problems]


def state_of(click: Click) -> str:
    """The card state of the intake message a decline button sits on (its value is the
    referral id): bot/app/chat/card_state.py."""
    return f"{card_state.INTAKE}:{click.value}"


class CaseModals:
    def __init__(self, parts: SlackParts, boundary: Boundary) -> None:
        self.data = parts.data
        self.rules = parts.rules
        self.slack = parts.slack
        self.boundary = boundary

    def opener(self, kind: str) -> ClickWork:
        """The click on "Overdragen…" or "Afwijzen…": the form, for who may use it."""

        async def work(person: Actor, click: Click, in_place: InPlace, now: datetime) -> None:
            form = await case_forms.form_for(self.data, person, kind, click.value, now, SOURCE)
            meta = {"language": person.language, "case": form.case_ref}
            if kind == case_forms.DECLINE and click.channel and click.message_ts:
                # the intake message, to show "niet aangenomen" once declined (`after`)
                meta.update(channel=click.channel, ts=click.message_ts, state=state_of(click))
            view = case_modal(form, meta=meta, timezone=self.rules.calendar.tz.key)
            await self.slack.open_view(trigger_id=click.trigger_id or "", view=view)

        return work

    async def submit(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """The modal's submission, through the gate every chat request passes; no inbound
        key is claimed: a form sent again after a fix is a new try, and the service itself
        refuses a second handover or decline."""
        view = body.get("view") or {}
        try:
            meta = inbound.metadata(view)
        except NotUnderstood:
            await ack()  # not a modal we built
            return
        handover = view.get("callback_id") == HANDOVER_CALLBACK
        first = case_forms.PLACE if handover else case_forms.REASON
        user = inbound.actor_of(body)
        request = gate.Request(
            chat=SOURCE,
            what=f"submit:{'handover' if handover else 'decline'}",
            key=None,
            caller=f"slack:{user.team}:{user.user}",
        )
        language = language_of(meta.get("language"))

        async def person() -> Actor | None:
            return await self.boundary.person(user)

        async def work(actor: Actor, now: datetime) -> Outcome:
            if handover:
                return await self._handover(actor, view, meta, now)
            return await self._decline(actor, view, meta, now)

        async def refused(message: Message) -> Outcome:
            params = {name: str(value) for name, value in message.params.items()}
            return None, {first: (message.key, params)}

        nothing: Outcome = (None, {})
        done, problems = await gate.guarded(
            self.data, request, person=person, work=work, reply=refused, nothing=nothing
        )
        if problems:
            await ack(response_action="errors", errors=view_errors(problems, language))
        elif done is not None:
            await ack(response_action="update", view=done_view(done))
        else:
            await ack()

    async def after(self, body: dict[str, Any]) -> None:
        """After a decline form's ack: the intake message it was opened from shows what it
        is now ("niet aangenomen"), so nobody takes a declined referral; an intake still
        open (the form came back with a problem) is left as it is."""
        view = body.get("view") or {}
        meta = inbound.metadata(view)
        channel, ts, state = meta.get("channel"), meta.get("ts"), meta.get("state")
        if not (channel and ts and state):
            return
        person = await self.boundary.person(inbound.actor_of(body))
        if person is None:
            return
        now = datetime.now(UTC)
        try:
            shown = await asyncio.to_thread(
                card_state.current, self.data, self.rules, person, state, now, SOURCE
            )
        except NotUnderstood:
            return
        if shown.key == "chatcard.declined":
            await self.slack.replace(channel=channel, ts=ts, message=shown)

    async def _handover(
        self, person: Actor, view: Mapping[str, Any], meta: Mapping[str, str], now: datetime
    ) -> Outcome:
        form, problems = case_forms.read_handover(self.rules, **inbound.handover_fields(view))
        if form is None:
            return None, problems
        case_ref = meta.get("case", "")
        return await case_forms.submit_handover(
            self.data, self.rules, person, case_ref, form, now, SOURCE
        )

    async def _decline(
        self, person: Actor, view: Mapping[str, Any], meta: Mapping[str, str], now: datetime
    ) -> Outcome:
        form, problems = case_forms.read_decline(**inbound.decline_fields(view))
        if form is None:
            return None, problems
        case_ref = meta.get("case", "")
        return await case_forms.submit_decline(
            self.data, self.rules, person, case_ref, form, now, SOURCE
        )
