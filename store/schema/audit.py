"""The audit log (after NEN 7513) and the REST API keys it names."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import FetchedValue, Text
from sqlmodel import Field

from store.schema.tenants import TenantScoped
from store.types import UTCDateTime, timestamp


class AuditEntry(TenantScoped, table=True):
    """Append-only disclosure log, after NEN 7513, chained by hashes (store/audit_chain.py).

    `at`, `prev_hash` and `hash` are the store's to set, never the caller's: the repository
    sets them (SQLite), PostgreSQL's BEFORE INSERT trigger sets them whatever an INSERT says
    (the server's clock, the chain), and they come back with the insert."""

    __tablename__ = "audit"
    __mapper_args__: ClassVar[dict[str, object]] = {"eager_defaults": True}
    id: int | None = Field(default=None, primary_key=True)
    at: datetime | None = Field(
        default=None,
        sa_type=UTCDateTime,
        nullable=False,
        index=True,
        sa_column_kwargs={"server_default": FetchedValue()},
    )
    event: str = Field(max_length=30)  # disclosed | refused
    case_ref: str | None = Field(default=None, max_length=40, index=True)
    actor: str = Field(max_length=100)
    on_behalf_of: str | None = Field(default=None, max_length=100)
    recipient: str | None = Field(default=None, max_length=100)
    channel: str | None = Field(default=None, max_length=10)
    # A refusal names every kind of personal data found ("note:bsn+phone+…"): never cut short.
    basis: str | None = Field(default=None, sa_type=Text)
    message_key: str | None = Field(default=None, max_length=80)
    prev_hash: str | None = Field(
        default=None, max_length=64, sa_column_kwargs={"server_default": FetchedValue()}
    )
    hash: str | None = Field(
        default=None, max_length=64, sa_column_kwargs={"server_default": FetchedValue()}
    )


class AuditAnchor(TenantScoped, table=True):
    """Where the chain starts after retention purged its oldest rows: the id and hash of the
    last row purged. The first remaining row must chain to the newest anchor."""

    __tablename__ = "audit_anchor"
    id: int | None = Field(default=None, primary_key=True)
    purged_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    last_id: int
    last_hash: str = Field(max_length=64)
    rows: int


class ApiKey(TenantScoped, table=True):
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
