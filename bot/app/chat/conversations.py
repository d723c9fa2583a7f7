"""Where a chat may message a person or a channel first (Teams conversation references):
kept when the app is installed, dropped when it is removed, read before sending."""

from __future__ import annotations

from datetime import datetime

from bot.app.data import Data
from store.conversations import ConversationRef, TeamsConversationRepository

__all__ = ["ConversationRef", "by_conversation", "forget", "personal", "remember"]


def remember(data: Data, ref: ConversationRef, *, now: datetime) -> str | None:
    """Stores or refreshes `ref`; the id of the person a personal conversation is with."""
    with data.uow() as uow:
        person = TeamsConversationRepository(uow.session).remember(ref, now=now)
        uow.commit()
    return person


def forget(data: Data, conversation_id: str) -> None:
    with data.uow() as uow:
        TeamsConversationRepository(uow.session).forget(conversation_id=conversation_id)
        uow.commit()


def by_conversation(data: Data, conversation_id: str) -> ConversationRef | None:
    with data.uow() as uow:
        return TeamsConversationRepository(uow.session).by_conversation(
            conversation_id=conversation_id
        )


def personal(data: Data, user_aad_id: str) -> ConversationRef | None:
    """The most recent personal conversation with this Entra user."""
    with data.uow() as uow:
        return TeamsConversationRepository(uow.session).personal(user_aad_id=user_aad_id)
