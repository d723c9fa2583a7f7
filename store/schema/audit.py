"""The audit log (after NEN 7513) and the REST API keys it names."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from store.types import UTCDateTime, timestamp


class AuditEntry(SQLModel, table=True):
    """Append-only disclosure log, after NEN 7513."""

    __tablename__ = "audit"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    event: str = Field(max_length=30)  # disclosed | refused
    case_ref: str | None = Field(default=None, max_length=40, index=True)
    actor: str = Field(max_length=100)
    on_behalf_of: str | None = Field(default=None, max_length=100)
    recipient: str | None = Field(default=None, max_length=100)
    channel: str | None = Field(default=None, max_length=10)
    basis: str | None = Field(default=None, max_length=40)
    message_key: str | None = Field(default=None, max_length=80)


class ApiKey(SQLModel, table=True):
    """A named REST API key: `tk_<lookup>_<secret>`. Only the lookup part and a SHA-256 hash
    of the secret are kept, never the key; a revoked key stays, so its name is not reused
    by accident and the audit can still name it."""

    __tablename__ = "api_keys"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, unique=True)
    lookup: str = Field(max_length=24, unique=True)
    secret_hash: str = Field(max_length=64)
    # Set: the key may only refer for and read referrals of this organisation's referrers.
    organisation_id: str | None = Field(default=None, foreign_key="organisations.id")
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    revoked_at: datetime | None = timestamp()
