"""Records that make a thing happen once: inbound event ids, used e-mail links, periodic
job runs."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from store.schema.tenants import TenantScoped
from store.types import UTCDateTime


class InboundKey(SQLModel, table=True):
    """Ids of inbound events already applied, so a platform retry changes state once."""

    __tablename__ = "inbound_keys"
    key: str = Field(primary_key=True, max_length=200)
    received_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class LinkUse(SQLModel, table=True):
    """A signed e-mail link that has been used: each link records one answer, once. Holds no
    personal data; rows older than the longest link lifetime may be purged."""

    __tablename__ = "link_uses"
    nonce: str = Field(primary_key=True, max_length=32)
    kind: str = Field(max_length=30)
    used_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)


class JobRun(TenantScoped, table=True):
    """One row per periodic job and period, so a daily or weekly job runs once per cluster."""

    __tablename__ = "job_runs"
    tenant_id: str = Field(default="default", primary_key=True, max_length=64)
    name: str = Field(primary_key=True, max_length=60)
    period: str = Field(primary_key=True, max_length=20)
    ran_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class ApiIdempotency(TenantScoped, table=True):
    """An `Idempotency-Key` of a REST client: the same key with the same body gives the same
    referral, with another body a conflict. Keys are scoped per client (key name); rows
    are purged after IDEMPOTENCY_KEPT (bot/app/retention.py)."""

    __tablename__ = "api_idempotency"
    client: str = Field(primary_key=True, max_length=64)
    key: str = Field(primary_key=True, max_length=200)
    body_hash: str = Field(max_length=64)
    referral_id: int = Field(foreign_key="referrals.id", index=True)
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
