"""What leaves the service: the outbox, and the Teams conversations it is sent to."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, text
from sqlmodel import Field

from store.schema.tenants import TenantScoped
from store.types import UTCDateTime, timestamp


class OutboxMessage(TenantScoped, table=True):
    """Everything that leaves the service, written in the transaction that caused it."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index(
            "ix_outbox_pending",
            "not_before",
            "id",
            postgresql_where=text("sent_at IS NULL AND failed_at IS NULL"),
            sqlite_where=text("sent_at IS NULL AND failed_at IS NULL"),
        ),
        # Head of each conversation's queue: one message per conversation is in flight.
        Index(
            "ix_outbox_conversation",
            "conversation",
            "id",
            postgresql_where=text("sent_at IS NULL AND failed_at IS NULL"),
            sqlite_where=text("sent_at IS NULL AND failed_at IS NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True)  # idempotency key
    # Who receives it, as one queue: "person:<id>" or "<platform>:<address>". Messages to one
    # conversation go out in order, one at a time, at the channel's pace.
    conversation: str = Field(max_length=220)
    person_id: str | None = Field(default=None, foreign_key="people.id", index=True)
    platform: str | None = Field(default=None, max_length=10)  # set for team channels
    address: str | None = Field(default=None, max_length=200)
    language: str = Field(default="nl", max_length=2)
    message_key: str = Field(max_length=80)
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    actions: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    referral_id: int | None = Field(default=None, foreign_key="referrals.id", index=True)
    case_ref: str | None = Field(default=None, max_length=40)
    disclosure_basis: str | None = Field(default=None, max_length=20)  # set: leaves the team
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    not_before: datetime = Field(sa_type=UTCDateTime, nullable=False)
    attempts: int = 0
    claimed_until: datetime | None = timestamp()
    claimed_by: str | None = Field(default=None, max_length=40)
    claimed_at: datetime | None = timestamp()
    sent_at: datetime | None = timestamp()
    failed_at: datetime | None = timestamp()
    error: str | None = Field(default=None, max_length=200)
    channel: str | None = Field(default=None, max_length=10)
    provider_message_id: str | None = Field(default=None, max_length=200)


class TeamsConversation(TenantScoped, table=True):
    """A conversation reference the bot may message proactively: a person's personal chat
    with the app (kind personal) or a team channel (kind channel), kept from the
    installationUpdate / conversationUpdate Teams sends, or from a Graph installation."""

    __tablename__ = "teams_conversations"
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(max_length=300, unique=True)
    kind: str = Field(max_length=10)  # personal | channel
    service_url: str = Field(max_length=300)
    aad_tenant_id: str | None = Field(default=None, max_length=64)  # Microsoft 365 tenant
    user_aad_id: str | None = Field(default=None, max_length=64, index=True)  # personal
    user_id: str | None = Field(default=None, max_length=200)  # the 29:… id, personal
    team_id: str | None = Field(default=None, max_length=300)  # the 19:… team id, channel
    person_id: str | None = Field(default=None, foreign_key="people.id", index=True)
    updated_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
