"""What each Slack command, click and modal does: the services, then the reply in Slack."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from adapters.slack import inbound
from adapters.slack.client import SlackAdapter
from adapters.slack.home import home_for
from adapters.slack.inbound import Click, NotUnderstood
from adapters.slack.people import person_for_user
from adapters.slack.views import note_modal, referral_modal
from bot.app import cases, contacts, handovers, prompts
from bot.app.chat.referrer import CLICKS as LOOP_CLICKS
from bot.app.chat.referrer import referrer_click, satisfaction_click
from bot.app.chat.who import PresenceSource, people_in, who_message
from bot.app.loop import satisfaction
from bot.app.referrals import flow, intake
from bot.domain.errors import AlreadyAnswered, UnknownPerson
from bot.domain.model import Answer, Role
from bot.domain.rules import Rules
from bot.main.settings import Settings
from bot.messages import Language, Message, language_of, text
from store.schema.directory import Person
from store.uow import UnitOfWork

Reply = Callable[[Message], Awaitable[None]] | None
SOURCE = "slack"


class Commands:
    def __init__(
        self,
        engine: Engine,
        rules: Rules,
        settings: Settings,
        slack: SlackAdapter,
        *,
        presence: PresenceSource | None = None,
    ) -> None:
        self.engine = engine
        self.rules = rules
        self.settings = settings
        self.slack = slack
        # Teams presence of contact persons, where this deployment reads it from Graph.
        self.presence = presence

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

    # -- slash commands -------------------------------------------------------------------

    async def open_referral(self, person: Person, body: Mapping[str, Any], now: datetime) -> None:
        """/verwijzing: the modal; a referrer refers for themselves, a professional picks
        the referrer."""
        language = language_of(person.language)
        teams, referrers, self_label = await asyncio.to_thread(self._referral_choices, person)
        meta = {"language": language, "response_url": str(body.get("response_url") or "")}
        view = referral_modal(
            language=language, teams=teams, referrers=referrers, self_label=self_label, meta=meta
        )
        await self.slack.open_view(trigger_id=str(body.get("trigger_id") or ""), view=view)

    async def suggestions(self, person: Person, block: str, query: str) -> list[tuple[str, str]]:
        """The choices of a long list in the /verwijzing modal that match what the person
        typed: every word must occur in the label (case and accents as typed)."""
        teams, referrers, _ = await asyncio.to_thread(self._referral_choices, person)
        choices = {inbound.TEAM: teams, inbound.REFERRER: referrers}.get(block, [])
        words = query.casefold().split()
        return [
            (value, label) for value, label in choices if all(w in label.casefold() for w in words)
        ]

    def _referral_choices(
        self, person: Person
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str | None]:
        with self.uow() as uow:
            teams = [(t.id, t.name) for t in uow.directory.teams()]
            organisations = {o.id: o.name for o in uow.directory.organisations()}
            if person.has_role(Role.REFERRER) and not person.team_id:
                organisation = organisations.get(person.organisation_id or "", person.name)
                label = text(
                    "slack.referrer_self",
                    person.language,
                    name=person.name,
                    organisation=organisation,
                )
                return teams, [], label
            referrers = sorted(
                (
                    (p.id, f"{p.name} ({organisations.get(p.organisation_id or '', '—')})")
                    for p in uow.directory.people()
                    if p.active and p.has_role(Role.REFERRER)
                ),
                key=lambda item: item[1].lower(),
            )
        return teams, referrers, None

    async def who_is(self, person: Person, query: str, reply: Reply, now: datetime) -> None:
        """/wie <organisatie>: the contact person and backup of every team for it."""
        language = language_of(person.language)
        found = await asyncio.to_thread(
            self._who_is, inbound.organisation_query(query), language, now
        )
        if isinstance(found, Message):
            message = found
        else:
            organisation, team_names, pairs = found
            presence = self.presence
            states = await presence.states(people_in(pairs)) if presence is not None else {}
            message = who_message(organisation, team_names, pairs, language, states)
        if reply is not None:
            await reply(message)

    def _who_is(
        self, query: str, language: Language, now: datetime
    ) -> Message | tuple[str, dict[str, str], list[contacts.Contact]]:
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

    async def away(self, person: Person, words: str, reply: Reply, now: datetime) -> None:
        """/afwezig <van> <tot>: records the absence; backup and partners hear it."""
        start, end = inbound.absence_period(words, self.rules.today(now))
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
        if reply is not None:
            params = {"start": self.rules.day_text(start), "end": self.rules.day_text(end)}
            await reply(
                Message("slack.afwezig_done", params, language=language_of(person.language))
            )

    # -- clicks ---------------------------------------------------------------------------

    async def click(self, person: Person, click: Click, reply: Reply, now: datetime) -> None:
        language = language_of(person.language)

        async def in_place(message: Message) -> None:
            if click.channel and click.message_ts:
                await self.slack.replace(
                    channel=click.channel, ts=click.message_ts, message=message
                )
            elif reply is not None:
                await reply(message)

        at = self.rules.moment_text(now)
        try:
            if click.name == "answer":
                prompt_id, answer = inbound.prompt_answer(click.value)
                await in_place(await self._answer(person, prompt_id, answer, None, now))
            elif click.name == "note":
                await self._open_note(person, click, inbound.number(click.value))
            elif click.name == "take":
                case_ref = await asyncio.to_thread(
                    intake.take_referral,
                    self.uow(),
                    self.rules,
                    referral_id=inbound.number(click.value),
                    by=person.id,
                    now=now,
                )
                await in_place(
                    Message(
                        "slack.taken_by",
                        {"case_ref": case_ref, "name": person.name, "at": at},
                        language=language,
                    )
                )
            elif click.name == "assign":
                await self._assign(person, click, in_place, now)
            elif click.name == satisfaction.KIND:  # the referrer's score, once
                try:
                    scored = await satisfaction_click(self.uow(), person, click.value, now, SOURCE)
                except ValueError as exc:
                    raise NotUnderstood() from exc
                await in_place(scored)
            elif click.name in LOOP_CLICKS:  # a referrer answers
                await in_place(
                    await referrer_click(
                        self.engine, self.rules, person, click.name, click.value, now, SOURCE
                    )
                )
            elif click.name in ("accept", "refuse"):
                accept = click.name == "accept"
                case_ref = await asyncio.to_thread(
                    handovers.decide_handover,
                    self.uow(),
                    self.rules,
                    handover_id=inbound.number(click.value),
                    accept=accept,
                    by=person.id,
                    now=now,
                )
                key = "slack.handover_accepted" if accept else "slack.handover_refused"
                await in_place(
                    Message(
                        key,
                        {"case_ref": case_ref, "name": person.name, "at": at},
                        language=language,
                    )
                )
            else:
                raise NotUnderstood()
        except AlreadyAnswered as exc:
            # Someone was first: the buttons go, and everyone sees who and when.
            await in_place(Message(exc.key, exc.params, language=language))

    async def _answer(
        self, person: Person, prompt_id: int, answer: Answer, note: str | None, now: datetime
    ) -> Message:
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
            confirm=False,  # the prompt itself becomes the confirmation
        )
        language = language_of(person.language)
        reply = text(outcome.reply_key, language, **outcome.reply_params)
        return Message(
            "slack.answered_by",
            {"reply": reply, "name": person.name, "at": self.rules.moment_text(now)},
            language=language,
        )

    async def _assign(
        self,
        person: Person,
        click: Click,
        in_place: Callable[[Message], Awaitable[None]],
        now: datetime,
    ) -> None:
        language = language_of(person.language)
        chosen = click.selected_user or ""
        assignee = await person_for_user(self.engine, self.slack, chosen)
        if assignee is None:
            raise NotUnderstood("slack.assign_unknown", name=chosen)
        try:
            case_ref = await asyncio.to_thread(
                intake.assign_referral,
                self.uow(),
                self.rules,
                referral_id=inbound.number(click.value),
                to=assignee.id,
                by=person.id,
                now=now,
            )
        except UnknownPerson as exc:
            if exc.params.get("person") == assignee.id:
                raise NotUnderstood("slack.assign_unknown", name=assignee.name) from exc
            raise
        params = {
            "case_ref": case_ref,
            "name": assignee.name,
            "by": person.name,
            "at": self.rules.moment_text(now),
        }
        await in_place(Message("slack.assigned_by", params, language=language))

    async def _open_note(self, person: Person, click: Click, prompt_id: int) -> None:
        language = language_of(person.language)
        intro, answers = await asyncio.to_thread(self._note_choices, prompt_id, language)
        meta = {
            "language": language,
            "prompt": str(prompt_id),
            "channel": click.channel or "",
            "ts": click.message_ts or "",
            "response_url": click.response_url or "",
        }
        view = note_modal(language=language, intro=intro, answers=answers, meta=meta)
        await self.slack.open_view(trigger_id=click.trigger_id or "", view=view)

    def _note_choices(
        self, prompt_id: int, language: Language
    ) -> tuple[str, list[tuple[str, str]]]:
        with self.uow() as uow:
            prompt = uow.prompts.get(id=prompt_id)
            if prompt is None:
                raise NotUnderstood("error.unknown_case", case_ref=str(prompt_id))
            referral, case = cases.load_referral(uow, prompt.referral_id)
            organisation = cases.referrer_organisation_name(uow, referral)
            answers = [
                (f"{prompt_id}:{a.value}", text(f"action.{a.value}", language))
                for a in flow.next_answers(referral.status)
                if a is not Answer.NOT_YET
            ]
        return text(
            "slack.note_intro", language, case_ref=case.ref, organisation=organisation
        ), answers

    # -- modals ---------------------------------------------------------------------------

    async def submit_referral(
        self, person: Person, view: Mapping[str, Any], reply: Reply, now: datetime
    ) -> None:
        form, _ = inbound.referral_form(view)
        if form is None:
            raise NotUnderstood()
        referrer = form.referrer or person.id
        if form.referrer is None and not person.has_role(Role.REFERRER):
            raise NotUnderstood("slack.choose")
        if form.referrer is not None and not (
            person.has_role(Role.PROFESSIONAL) or person.has_role(Role.COORDINATOR)
        ):
            raise NotUnderstood("error.not_allowed", case_ref="—")
        result = await asyncio.to_thread(
            intake.submit_referral,
            self.uow(),
            self.rules,
            team=form.team,
            referrer=referrer,
            external_ref=form.external_ref,
            consent=form.consent,
            urgent=form.urgent,
            now=now,
            source=SOURCE,
        )
        if reply is not None:
            team, name = await asyncio.to_thread(self._names, form.team, referrer)
            key = "slack.referral_created" if result.created else "slack.referral_exists"
            params = {"case_ref": result.case_ref, "team": team, "referrer": name}
            await reply(Message(key, params, language=language_of(person.language)))

    def _names(self, team: str, person: str) -> tuple[str, str]:
        with self.uow() as uow:
            the_team = uow.directory.team(id=team)
            the_person = uow.directory.person(id=person)
        return (the_team.name if the_team else team, the_person.name if the_person else person)

    async def submit_note(
        self, person: Person, view: Mapping[str, Any], reply: Reply, now: datetime
    ) -> None:
        form, problems = inbound.note_form(view)
        if form is None and inbound.NOTE in problems:
            # The open form already showed the reason (in its acknowledgement); the refused
            # attempt is audited here, where the store is at hand, and nothing else is said.
            found = [kind.strip() for kind in problems[inbound.NOTE][1]["found"].split(",")]
            prompt_id = inbound.number(inbound.metadata(view).get("prompt", ""))
            await asyncio.to_thread(
                prompts.refuse_note,
                self.uow(),
                prompt_id=prompt_id,
                by=person.id,
                found=found,
                now=now,
                channel=SOURCE,
            )
            return
        if form is None:
            raise NotUnderstood()
        meta = inbound.metadata(view)
        message = await self._answer(person, form.prompt_id, form.answer, form.note, now)
        if meta.get("channel") and meta.get("ts"):
            await self.slack.replace(channel=meta["channel"], ts=meta["ts"], message=message)
        elif reply is not None:
            await reply(message)

    # -- events ---------------------------------------------------------------------------

    async def publish_home(self, user: str, person: Person | None, now: datetime) -> None:
        view = await asyncio.to_thread(home_for, self.engine, self.rules, person, now=now)
        await self.slack.publish_home(user=user, view=view)

    async def status(self, person: Person, event: Mapping[str, Any], now: datetime) -> None:
        change = inbound.status_change(
            event,
            emoji=self.settings.absence_emoji(),
            today=self.rules.today(now),
            timezone=self.settings.timezone,
        )
        if change is None:
            return
        if change.away_until is not None:
            await asyncio.to_thread(
                contacts.away_until,
                self.uow(),
                self.rules,
                person=person.id,
                until=change.away_until,
                now=now,
                source=SOURCE,
            )
        else:
            await asyncio.to_thread(
                contacts.back_from, self.uow(), self.rules, person=person.id, now=now, source=SOURCE
            )
