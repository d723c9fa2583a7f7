"""Who clicked or typed in a chat: the person as the chat use cases hand it to an adapter,
never a store row."""

from __future__ import annotations

from dataclasses import dataclass

from bot.messages import Language, language_of
from store.schema.directory import Person


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    language: Language
    roles: frozenset[str]
    team: str | None
    organisation: str | None
    active: bool

    def has_role(self, role: str) -> bool:
        return role in self.roles


def actor_of(row: Person) -> Actor:
    return Actor(
        id=row.id,
        name=row.name,
        language=language_of(row.language),
        roles=frozenset(row.roles.split()),
        team=row.team_id,
        organisation=row.organisation_id,
        active=row.active,
    )
