"""Status webhooks: a URL per organisation, and the log of every delivery attempt."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from store.schema.tenants import TenantScoped
from store.types import UTCDateTime, timestamp


class Webhook(TenantScoped, table=True):
    """Where an organisation's case system hears status changes of its referrals. The
    secret signs each body (Standard Webhooks, HMAC-SHA256); it is kept as given, because
    signing needs it (it is shown once, at `webhook add`)."""

    __tablename__ = "webhooks"
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: str = Field(foreign_key="organisations.id", index=True)
    url: str = Field(max_length=500)
    secret: str = Field(max_length=100)
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    removed_at: datetime | None = timestamp()


class WebhookAttempt(TenantScoped, table=True):
    """One delivery attempt as the receiver answered it: what `webhook log` shows."""

    __tablename__ = "webhook_attempts"
    id: int | None = Field(default=None, primary_key=True)
    webhook_id: int = Field(foreign_key="webhooks.id", index=True)
    message_id: str = Field(max_length=200)  # the `webhook-id` header, the same on a retry
    event: str = Field(max_length=40)  # the body's type
    at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    status_code: int | None = None  # the receiver's HTTP status; None: no answer
    error: str | None = Field(default=None, max_length=200)
