"""Teams' invokes beyond card clicks: the referral form as a dialog (task/fetch and
task/submit, also from the message extension's action command), the message extension's
search by case reference, and the typeahead of the people picker (application/search)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from adapters.teams.cards import card_from_message
from adapters.teams.case_dialogs import CASE, DIALOG, KINDS, TITLES, VALUE, case_card, case_fields
from adapters.teams.commands import SOURCE, TeamsInbound
from adapters.teams.dialogs import (
    CONSENT,
    EXTERNAL_REF,
    REFERRER,
    TEAM,
    URGENT,
    case_result,
    dialog_message,
    dialog_response,
    extension_message,
    form_fields,
    referral_card,
    search_response,
)
from bot.app.chat import case_forms, case_search, picks, referral_form
from bot.app.chat.actor import Actor
from bot.app.chat.intents import NotUnderstood
from bot.app.chat.referral_form import Problems
from bot.messages import Message, text

SEARCH_PARAMETER = "kenmerk"  # the message extension's search parameter (manifest)
TYPEAHEAD_ROWS = picks.TYPEAHEAD_ROWS


def _value(activity: Mapping[str, Any]) -> Mapping[str, Any]:
    value = activity.get("value")
    return value if isinstance(value, Mapping) else {}


def _data(activity: Mapping[str, Any]) -> Mapping[str, Any]:
    data = _value(activity).get("data")
    return data if isinstance(data, Mapping) else {}


class TeamsInvokes:
    def __init__(self, inbound: TeamsInbound) -> None:
        self.inbound = inbound
        self.data = inbound.data
        self.rules = inbound.rules

    # -- the referral form ------------------------------------------------------------------

    async def open_form(self, activity: Mapping[str, Any]) -> dict[str, Any]:
        """task/fetch or composeExtension/fetchTask: the empty referral form."""

        async def work(person: Actor, now: datetime) -> dict[str, Any]:
            found = await asyncio.to_thread(referral_form.choices, self.data, person)
            card = referral_card(found, person.language)
            return dialog_response(card, text("slack.modal_referral_title", person.language))

        return await self.inbound.guarded(
            activity, "dialog:referral", work, self._dialog_reply, {}, once=False
        )

    async def submit_form(self, activity: Mapping[str, Any]) -> dict[str, Any]:
        """task/submit or composeExtension/submitAction: the referral made, or the form
        back, filled in, with a sentence per problem (nothing stored)."""
        values = form_fields(_data(activity))

        async def work(person: Actor, now: datetime) -> dict[str, Any]:
            form, problems = referral_form.read(
                team=values.get(TEAM),
                referrer=values.get(REFERRER),
                external_ref=values.get(EXTERNAL_REF),
                consent=values.get(CONSENT),
                urgent=values.get(URGENT) == "true",
            )
            if form is None:
                found = await asyncio.to_thread(referral_form.choices, self.data, person)
                card = referral_card(found, person.language, values=values, problems=problems)
                return dialog_response(card, text("slack.modal_referral_title", person.language))
            done = await referral_form.submit(self.data, self.rules, person, form, now, SOURCE)
            return dialog_message(done)

        return await self.inbound.guarded(activity, "submit:referral", work, self._dialog_reply, {})

    # -- the case forms: "Overdragen…" and "Afwijzen…" (bot/app/chat/case_forms.py) --------

    async def open_case_form(self, activity: Mapping[str, Any]) -> dict[str, Any]:
        """task/fetch from a case button: the form, for who may use it."""
        data = _data(activity)
        kind, value = str(data.get(DIALOG) or ""), str(data.get(VALUE) or "")

        async def work(person: Actor, now: datetime) -> dict[str, Any]:
            form = await case_forms.form_for(self.data, person, kind, value, now, SOURCE)
            return dialog_response(case_card(form), text(TITLES[kind], person.language))

        return await self.inbound.guarded(
            activity, f"dialog:{kind}", work, self._dialog_reply, {}, once=False
        )

    async def submit_case_form(self, activity: Mapping[str, Any]) -> dict[str, Any]:
        """task/submit of a case form: done through the same service as the typed command,
        or the form back, filled in, with a sentence per problem (nothing stored)."""
        data = _data(activity)
        kind = KINDS.get(str(data.get("action") or ""), "")
        case_ref = str(data.get(CASE) or "")
        values = case_fields(data)

        async def work(person: Actor, now: datetime) -> dict[str, Any]:
            done, problems = await self._case_form_done(kind, person, case_ref, values, now)
            if done is not None:
                return dialog_message(done)
            form = await case_forms.form_again(self.data, person, kind, case_ref, now, SOURCE)
            card = case_card(form, values=values, problems=problems)
            return dialog_response(card, text(TITLES[kind], person.language))

        return await self.inbound.guarded(activity, f"submit:{kind}", work, self._dialog_reply, {})

    async def _case_form_done(
        self, kind: str, person: Actor, case_ref: str, values: Mapping[str, str], now: datetime
    ) -> tuple[Message | None, Problems]:
        if kind == case_forms.HANDOVER:
            handover, problems = case_forms.read_handover(
                self.rules,
                place=values.get(case_forms.PLACE),
                warm=values.get(case_forms.WARM) == "true",
                day=values.get(case_forms.MEETING_DAY),
                at=values.get(case_forms.MEETING_TIME),
            )
            if handover is None:
                return None, problems
            return await case_forms.submit_handover(
                self.data, self.rules, person, case_ref, handover, now, SOURCE
            )
        if kind != case_forms.DECLINE:
            raise NotUnderstood()
        decline, problems = case_forms.read_decline(
            reason=values.get(case_forms.REASON), place=values.get(case_forms.PLACE)
        )
        if decline is None:
            return None, problems
        return await case_forms.submit_decline(
            self.data, self.rules, person, case_ref, decline, now, SOURCE
        )

    async def _dialog_reply(self, message: Message) -> dict[str, Any]:
        return dialog_message(message)

    # -- the message extension's search ---------------------------------------------------

    async def search_case(self, activity: Mapping[str, Any]) -> dict[str, Any]:
        """composeExtension/query: the case with the typed reference, of the asker's team."""
        parameters = _value(activity).get("parameters") or []
        typed = next(
            (
                str(p.get("value") or "")
                for p in parameters
                if isinstance(p, Mapping) and p.get("name") == SEARCH_PARAMETER
            ),
            "",
        )

        async def work(person: Actor, now: datetime) -> dict[str, Any]:
            if not typed.strip():
                return extension_message(Message("teamsui.search_hint", language=person.language))
            found = await asyncio.to_thread(case_search.find, self.data, person, typed, now, SOURCE)
            if found is None:
                return extension_message(Message("teamsui.search_none", language=person.language))
            card = card_from_message(found.message)
            return case_result(card, found.case_ref, found.message.body())

        return await self.inbound.guarded(
            activity, "search:case", work, self._extension_reply, {}, once=False
        )

    async def _extension_reply(self, message: Message) -> dict[str, Any]:
        return extension_message(message)

    # -- the people picker's typeahead ----------------------------------------------------

    async def typeahead(self, activity: Mapping[str, Any]) -> dict[str, Any]:
        """application/search (Data.Query): the team's professionals matching the typed
        name. Nothing is claimed: every key press asks again."""
        value = _value(activity)
        dataset = str(value.get("dataset") or "")
        typed = str(value.get("queryText") or "")

        async def work(person: Actor, now: datetime) -> dict[str, Any]:
            if dataset == case_forms.PLACES:  # the case forms' teams and partners
                found = await asyncio.to_thread(case_forms.place_choices, self.data, person, typed)
                return search_response(found[:TYPEAHEAD_ROWS])
            if dataset == picks.DATASET:
                found = await asyncio.to_thread(picks.professionals, self.data, person, typed)
                return search_response(found)
            if dataset in (TEAM, REFERRER):  # the referral form's long lists
                form = await asyncio.to_thread(referral_form.choices, self.data, person)
                offered = form.teams if dataset == TEAM else form.referrers
                found = referral_form.matching(offered, typed)[:TYPEAHEAD_ROWS]
                return search_response(found)
            return search_response([])

        async def nothing_found(message: Message) -> dict[str, Any]:
            return search_response([])

        return await self.inbound.guarded(
            activity, "search:people", work, nothing_found, search_response([]), once=False
        )
