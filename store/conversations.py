"""Teams conversation references: where the bot may message a person or a channel first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from store.schema.delivery import TeamsConversation
from store.schema.directory import Person


@dataclass(frozen=True)
class ConversationRef:
    """What the Bot Connector needs to post into a conversation."""

    conversation_id: str
    service_url: str
    kind: str
    tenant_id: str | None = None
    user_aad_id: str | None = None
    user_id: str | None = None
    team_id: str | None = None


def _ref(row: TeamsConversation) -> ConversationRef:
    return ConversationRef(
        conversation_id=row.conversation_id,
        service_url=row.service_url,
        kind=row.kind,
        tenant_id=row.aad_tenant_id,
        user_aad_id=row.user_aad_id,
        user_id=row.user_id,
        team_id=row.team_id,
    )


class TeamsConversationRepository:
    """Keyword-only access to `teams_conversations`; the caller owns the transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def remember(self, ref: ConversationRef, *, now: datetime) -> str | None:
        """Stores or refreshes a reference; a personal one is linked to the person whose
        teams_id is the user's Entra object id. Returns that person's id, if any."""
        row = self.session.exec(
            select(TeamsConversation).where(
                TeamsConversation.conversation_id == ref.conversation_id
            )
        ).first()
        if row is None:
            row = TeamsConversation(
                conversation_id=ref.conversation_id,
                kind=ref.kind,
                service_url=ref.service_url,
                updated_at=now,
            )
            self.session.add(row)
        row.kind = ref.kind
        row.service_url = ref.service_url
        row.aad_tenant_id = ref.tenant_id or row.aad_tenant_id
        row.user_aad_id = ref.user_aad_id or row.user_aad_id
        row.user_id = ref.user_id or row.user_id
        row.team_id = ref.team_id or row.team_id
        row.updated_at = now
        if row.user_aad_id:
            person = self.session.exec(
                select(Person).where(col(Person.teams_id) == row.user_aad_id)
            ).first()
            row.person_id = person.id if person is not None else row.person_id
        self.session.flush()
        return row.person_id

    def forget(self, *, conversation_id: str) -> None:
        row = self.session.exec(
            select(TeamsConversation).where(TeamsConversation.conversation_id == conversation_id)
        ).first()
        if row is not None:
            self.session.delete(row)

    def personal(self, *, user_aad_id: str) -> ConversationRef | None:
        row = self.session.exec(
            select(TeamsConversation)
            .where(
                TeamsConversation.user_aad_id == user_aad_id,
                TeamsConversation.kind == "personal",
            )
            .order_by(col(TeamsConversation.updated_at).desc())
        ).first()
        return _ref(row) if row is not None else None

    def by_conversation(self, *, conversation_id: str) -> ConversationRef | None:
        row = self.session.exec(
            select(TeamsConversation).where(TeamsConversation.conversation_id == conversation_id)
        ).first()
        return _ref(row) if row is not None else None

    def all(self) -> list[ConversationRef]:
        rows = self.session.exec(select(TeamsConversation).order_by(col(TeamsConversation.id)))
        return [_ref(row) for row in rows]
