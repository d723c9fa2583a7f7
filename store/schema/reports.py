"""Reported digests: the figures of a week as they were sent, so the week stays as reported."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field

from store.schema.tenants import TenantScoped
from store.types import UTCDateTime


class ReportedDigest(TenantScoped, table=True):
    """One row per scope (a team id, `*` for all teams, `municipality`) and ISO week: the
    digest's figures when the weekly job first sent them. Asking for that week later gives
    these figures, not a recount (late answers would otherwise change a reported week)."""

    __tablename__ = "reported_digests"
    tenant_id: str = Field(default="default", primary_key=True, max_length=64)
    scope: str = Field(primary_key=True, max_length=64)
    week: str = Field(primary_key=True, max_length=20)
    figures: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    reported_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
