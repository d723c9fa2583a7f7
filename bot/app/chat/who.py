"""The answer to "wie <organisatie>" in Slack and Teams: every team's contact person and
backup, who is reachable today and, where a presence source is configured, whether they
are available in Teams right now."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Protocol

from bot.app.contacts import Contact
from bot.messages import Language, Message, text

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
