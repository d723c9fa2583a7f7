"""The people behind chat accounts (Slack user ids, Teams Entra object ids): who someone
is, and keeping the chat id of a person found by their e-mail address."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from bot.app.chat.actor import Actor, actor_of
from bot.app.data import Data
from store.schema.directory import Person


@dataclass(frozen=True)
class Linked:
    """The person as found (None: no such person, or another person holds the chat id)
    and whether their chat id was stored just now."""

    person: Actor | None
    new: bool


def _chat_id(row: Person, platform: str) -> str | None:
    return row.slack_id if platform == "slack" else row.teams_id


def by_chat(data: Data, *, platform: str, chat_id: str) -> Actor | None:
    """The person with this chat id, active or not."""
    with data.uow() as uow:
        row = uow.directory.person_by_chat(platform=platform, chat_id=chat_id)
    return actor_of(row) if row is not None else None


def active_by_chat(data: Data, *, platform: str, chat_id: str) -> Actor | None:
    found = by_chat(data, platform=platform, chat_id=chat_id) if chat_id else None
    return found if found is not None and found.active else None


def person(data: Data, person_id: str) -> Actor | None:
    with data.uow() as uow:
        row = uow.directory.person(id=person_id)
    return actor_of(row) if row is not None else None


def unlinked(data: Data, *, platform: str) -> list[tuple[str, str]]:
    """(person id, e-mail) of active people with an address and no chat id on `platform`."""
    with data.uow() as uow:
        return [
            (p.id, p.email)
            for p in uow.directory.people()
            if p.active and p.email and not _chat_id(p, platform)
        ]


def link(data: Data, *, platform: str, person: str, chat_id: str) -> Linked:
    """Stores the chat id unless the person already has one, is inactive, or another
    person holds it."""
    with data.uow() as uow:
        row = uow.directory.person(id=person)
        if row is None or _chat_id(row, platform) or not row.active:
            return Linked(actor_of(row) if row is not None else None, False)
        if uow.directory.person_by_chat(platform=platform, chat_id=chat_id) is not None:
            return Linked(None, False)
        if platform == "slack":
            row.slack_id = chat_id
        else:
            row.teams_id = chat_id
        uow.commit()
        return Linked(actor_of(row), True)


def by_email(data: Data, *, platform: str, email: str, chat_id: str) -> Actor | None:
    """The active person with this address, linked to `chat_id` when they had no id yet."""
    with data.uow() as uow:
        row = uow.directory.person_by_email(email=email)
    if row is None or not row.active:
        return None
    known = _chat_id(row, platform)
    if known and known != chat_id:
        return None  # someone else's account carries this address too: do not guess
    if known:
        return actor_of(row)
    return link(data, platform=platform, person=row.id, chat_id=chat_id).person


def chat_ids(data: Data, *, platform: str, person_ids: Collection[str]) -> dict[str, str]:
    """Chat id -> person id, for the active people among `person_ids` who have one."""
    with data.uow() as uow:
        people = uow.directory.people_by_ids(ids=set(person_ids))
        return {chat: p.id for p in people if p.active and (chat := _chat_id(p, platform))}


def contact_people(data: Data, *, platform: str) -> list[tuple[str, str]]:
    """(person id, chat id) of active primary and backup contact persons with a chat id."""
    with data.uow() as uow:
        ids = {
            pid
            for pair in uow.directory.contact_assignments()
            for pid in (pair.primary_id, pair.backup_id)
            if pid
        }
        people = uow.directory.people_by_ids(ids=ids)
        return sorted((p.id, chat) for p in people if p.active and (chat := _chat_id(p, platform)))
