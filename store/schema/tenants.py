"""Tenants (a municipality, or any unit a regional installation separates) and how a
request's platform identity finds its tenant.

`TenantScoped` is the base of every table with tenant data: it adds `tenant_id`. These two
tables themselves hold no tenant data and are read before the tenant is known.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from store.types import UTCDateTime, timestamp


class TenantScoped(SQLModel):
    """A table whose rows belong to one tenant (store/tenancy.py scopes every query)."""

    tenant_id: str = Field(default="default", max_length=64, index=True)


class Tenant(SQLModel, table=True):
    __tablename__ = "tenants"
    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    # The tenant's own settings (norms, office hours, retention, mail sender); a key that is
    # missing falls back to the installation's setting.
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class TenantIdentity(SQLModel, table=True):
    """A platform identity that belongs to a tenant: a Slack workspace (`slack`, team id
    T…) or a Microsoft 365 tenant (`teams`, its directory id)."""

    __tablename__ = "tenant_identities"
    kind: str = Field(primary_key=True, max_length=10)
    external_id: str = Field(primary_key=True, max_length=64)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=64)


class TenantMove(SQLModel, table=True):
    """A youth who moves: a referral handed over to a team of another tenant (issue 22,
    point 4). The one row both tenants see (on PostgreSQL its policy admits either side), so
    it holds procedural facts only: the two case references, the receiving team, the consent
    level, urgency, where it stands and a decline reason code. No person of either side."""

    __tablename__ = "tenant_moves"
    id: int | None = Field(default=None, primary_key=True)
    from_tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=64)
    from_case_ref: str = Field(max_length=40)
    to_tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=64)
    to_team_id: str = Field(max_length=64)
    to_case_ref: str | None = Field(default=None, max_length=40)
    to_referral_id: int | None = Field(default=None, index=True)
    consent: str = Field(default="none", max_length=10)
    urgent: bool = False
    warm: bool = False
    state: str = Field(default="requested", max_length=10)  # requested | accepted | refused
    reason: str | None = Field(default=None, max_length=30)  # a DeclineReason, when refused
    requested_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    received_at: datetime | None = timestamp()  # the receiving side made its referral
    decided_at: datetime | None = timestamp()
    applied_at: datetime | None = timestamp()  # the giving side took the answer in
