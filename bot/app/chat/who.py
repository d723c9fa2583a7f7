"""The answer to "wie <organisatie>" in Slack and Teams: every team's contact person and
backup, who is reachable today and, where a presence source is configured, whether they
are available in Teams right now."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Protocol

from bot.app import contacts, lead
from bot.app.chat.actor import Actor
from bot.app.contacts import Contact
from bot.app.data import Data
from bot.domain.rules import Rules
from bot.messages import Language, Message, text

# A case reference (JT-NRD-2026-0042): `wie` answers with the case's regisseur.
CASE_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*-\d{4}-\d{1,6}")

# Presence states a person can read (catalogue keys presence.<state>).
PRESENCE_STATES = ("available", "busy", "away", "offline")


class PresenceSource(Protocol):
    async def states(self, person_ids: Collection[str]) -> Mapping[str, str]:
        """Person id -> one of PRESENCE_STATES, for those whose presence is known. Never
        raises: a source that cannot answer returns what it has (possibly nothing)."""
        ...


def people_in(pairs: Sequence[Contact]) -> list[str]:
    """The person ids of every primary and backup, once each, in order."""
    ids = (pid for pair in pairs for pid in (pair.primary_id, pair.backup_id) if pid)
    return list(dict.fromkeys(ids))


def who_message(
    organisation: str,
    team_names: Mapping[str, str],
    pairs: Sequence[Contact],
    language: Language,
    presence: Mapping[str, str] | None = None,
) -> Message:
    nobody = text("slack.nobody", language)
    lines = [text("slack.wie_heading", language, organisation=organisation)]
    for pair in pairs:
        lines.append(
            text(
                "slack.wie_line",
                language,
                team=team_names.get(pair.team, pair.team),
                primary=pair.primary or nobody,
                backup=pair.backup or nobody,
                reachable=pair.reachable or nobody,
            )
        )
        line = presence_line(pair, presence or {}, language)
        if line is not None:
            lines.append(line)
    return Message("slack.lines", {"lines": "\n".join(lines)}, language=language)


def presence_line(pair: Contact, states: Mapping[str, str], language: Language) -> str | None:
    """'Nu in Teams: Dewi Pranoto is beschikbaar, Emre Yilmaz is offline.', or None when
    the presence of neither is known."""
    parts = [
        text(f"presence.{states[pid]}", language, name=name)
        for pid, name in ((pair.primary_id, pair.primary), (pair.backup_id, pair.backup))
        if pid and name and states.get(pid) in PRESENCE_STATES
    ]
    if not parts:
        return None
    return text("presence.line", language, states=", ".join(parts))


async def who_is(
    data: Data,
    rules: Rules,
    query: str,
    language: Language,
    now: datetime,
    presence: PresenceSource | None,
    asker: Actor | None = None,
) -> Message:
    """The answer to "wie <query>": the one organisation's teams with their contact pairs
    (and their presence, where a source is given), or why there is no such answer. A case
    reference names the case's regisseur and contact person, for those involved."""
    if asker is not None and CASE_REF.fullmatch(query.strip()):
        led = await asyncio.to_thread(lead.who_leads, data.uow(), case_ref=query, asker=asker.id)
        if led is not None:
            nobody = text("lead.none", language)
            params = {
                "case_ref": led.case_ref,
                "lead": led.lead or nobody,
                "contact": led.contact or nobody,
                "team": led.team,
            }
            return Message("wie.case", params, language=language)
    found = await asyncio.to_thread(_lookup, data, rules, query, language, now)
    if isinstance(found, Message):
        return found
    organisation, team_names, pairs = found
    states = await presence.states(people_in(pairs)) if presence is not None else {}
    return who_message(organisation, team_names, pairs, language, states)


def _lookup(
    data: Data, rules: Rules, query: str, language: Language, now: datetime
) -> Message | tuple[str, dict[str, str], list[Contact]]:
    """The organisation's name, the team names and its contact pairs; or the answer
    when the query names no organisation, several, or one without contact persons."""
    with data.uow() as uow:
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
    pairs = contacts.who_is(data.uow(), rules, organisation=organisation.id, now=now)
    if not pairs:
        return Message("slack.wie_no_pairs", {"organisation": organisation.name}, language=language)
    return organisation.name, teams, pairs
