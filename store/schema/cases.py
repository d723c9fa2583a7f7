"""Cases and referrals, and what moves a referral on: prompts, handovers, escalations and
the status updates told to the referrer."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import Index, UniqueConstraint, event, text
from sqlmodel import Field

from store.schema.tenants import TenantScoped
from store.types import UTCDateTime, timestamp


class Case(TenantScoped, table=True):
    """A case is only its pseudonymous reference; nothing about the youth is kept."""

    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("tenant_id", "ref", name="uq_cases_tenant_ref"),)
    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=40)  # unique within the tenant
    team_id: str = Field(foreign_key="teams.id", index=True)
    lead_id: str | None = Field(default=None, foreign_key="people.id")  # the regisseur
    birth_month: str | None = Field(default=None, max_length=7)  # YYYY-MM, for the Jeugdwet rule
    created_at: datetime | None = timestamp()
    closed_at: datetime | None = timestamp()


def new_public_id() -> str:
    """An opaque, unguessable id for the REST API: 16 URL-safe characters (96 random bits)."""
    return secrets.token_urlsafe(12)


class CaseCounter(TenantScoped, table=True):
    """The last case number given per reference prefix and year (`JT-NRD-2026` → 42),
    raised atomically in the transaction that creates the case: no scan, no retry."""

    __tablename__ = "case_counters"
    tenant_id: str = Field(default="default", primary_key=True, max_length=64)
    prefix: str = Field(primary_key=True, max_length=40)
    last: int = Field(default=0, nullable=False)


class Referral(TenantScoped, table=True):
    __tablename__ = "referrals"
    __table_args__ = (
        Index("ix_referrals_team_received", "team_id", "received_at"),
        Index("ix_referrals_referrer_external", "referrer_id", "external_ref"),
        Index("ix_referrals_received", "received_at"),  # the municipal digest
        Index("ix_referrals_intake_team_received", "intake_team_id", "received_at"),
        # waiting times (the receipt and the digest), by the team that received the referral,
        # and the stalled-care scan (the working days in the index too: the percentiles read
        # the index only; migration 0014 made them by team_id, 0013 by intake_team_id)
        Index(
            "ix_referrals_intake_contact", "intake_team_id", "contact_made_at", "contact_made_days"
        ),
        Index(
            "ix_referrals_intake_intake",
            "intake_team_id",
            "intake_planned_at",
            "intake_planned_days",
        ),
        Index("ix_referrals_intake_help", "intake_team_id", "help_started_at", "help_started_days"),
        Index("ix_referrals_team_changed", "team_id", "status_changed_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    # The id the REST API shows (the integer key never leaves the service over REST).
    # Always filled (old rows by migration 0012); nullable in the table only so SQLite could
    # add it in place.
    public_id: str = Field(
        default_factory=new_public_id, max_length=24, unique=True, index=True, nullable=True
    )
    case_id: int = Field(foreign_key="cases.id", index=True)
    team_id: str = Field(foreign_key="teams.id")  # the team responsible now
    # The team that received the referral: the digest counts it there, also after a
    # handover, so a week's figures never move (None only on rows older than 0013).
    intake_team_id: str | None = Field(default=None, max_length=64)
    referrer_id: str = Field(foreign_key="people.id")
    # The name of the API key that submitted it over REST (None: another channel); a key
    # bound to no organisation reads only the referrals it submitted itself.
    submitted_by: str | None = Field(default=None, max_length=64)
    external_ref: str | None = Field(default=None, max_length=64)
    consent: str = Field(default="none", max_length=10)
    # who gave the consent (parents | youth | both; None: not recorded) and when
    # it last changed. The rule behind it is the Jeugdwet's (bot/domain/consent.py).
    consent_given_by: str | None = Field(default=None, max_length=10)
    consent_changed_at: datetime | None = timestamp()
    urgent: bool = False
    source: str = Field(default="api", max_length=10)
    status: str = Field(default="received", max_length=20)
    assignee_id: str | None = Field(default=None, foreign_key="people.id", index=True)
    received_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    feedback_due_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    first_feedback_at: datetime | None = timestamp()
    first_feedback_working_days: int | None = None
    assigned_at: datetime | None = timestamp()
    contact_made_at: datetime | None = timestamp()
    intake_planned_at: datetime | None = timestamp()
    help_started_at: datetime | None = timestamp()
    handed_over_at: datetime | None = timestamp()
    closed_at: datetime | None = timestamp()
    declined_at: datetime | None = timestamp()
    # The last change of `status` (the stalled-care scan), and the working days from receipt
    # to each milestone (the waiting times), stamped when the milestone is reached.
    status_changed_at: datetime | None = timestamp()
    contact_made_days: int | None = None
    intake_planned_days: int | None = None
    help_started_days: int | None = None
    withdrawn_at: datetime | None = timestamp()  # by the referrer
    # A declined referral: the reason (bot.domain.model.DeclineReason) and, where known, the
    # better place (a team or organisation id of the directory).
    decline_reason: str | None = Field(default=None, max_length=30)
    redirect_to: str | None = Field(default=None, max_length=64)


class Prompt(TenantScoped, table=True):
    """A question to a professional (kind feedback) or to a team's intake (kind intake)."""

    __tablename__ = "prompts"
    __table_args__ = (
        Index(
            "ix_prompts_due",
            "next_action_at",
            postgresql_where=text("closed_at IS NULL"),
            sqlite_where=text("closed_at IS NULL"),
        ),
        Index(  # the digest's open questions
            "ix_prompts_open_sent",
            "referral_id",
            postgresql_where=text("closed_at IS NULL AND sent_at IS NOT NULL"),
            sqlite_where=text("closed_at IS NULL AND sent_at IS NOT NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(foreign_key="referrals.id", index=True)
    kind: str = Field(max_length=10)
    person_id: str | None = Field(default=None, foreign_key="people.id", index=True)
    state: str = Field(default="open", max_length=10)
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    next_action_at: datetime | None = timestamp()
    sent_at: datetime | None = timestamp()
    reminders_sent: int = 0
    snoozes: int = 0  # "not yet" answers to this question in a row (the snooze cap)
    answer: str | None = Field(default=None, max_length=20)
    answered_by: str | None = Field(default=None, foreign_key="people.id")
    answered_at: datetime | None = timestamp()
    closed_at: datetime | None = timestamp()


class Handover(TenantScoped, table=True):
    __tablename__ = "handovers"
    __table_args__ = (
        Index(
            "ix_handovers_due",
            "next_action_at",
            postgresql_where=text("closed_at IS NULL"),
            sqlite_where=text("closed_at IS NULL"),
        ),
        Index(  # the digest's overdue handovers by age
            "ix_handovers_open_due",
            "due_at",
            postgresql_where=text("closed_at IS NULL"),
            sqlite_where=text("closed_at IS NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(foreign_key="referrals.id", index=True)
    from_team_id: str = Field(foreign_key="teams.id")
    # To a team of ours, or (to_team_id None) to a partner organisation.
    to_team_id: str | None = Field(default=None, foreign_key="teams.id", index=True)
    to_organisation_id: str | None = Field(default=None, foreign_key="organisations.id")
    warm: bool = False
    meeting_at: datetime | None = timestamp()  # the proposed joint meeting (warm handover)
    reason: str | None = Field(default=None, max_length=30)  # why it was declined
    requested_by: str = Field(foreign_key="people.id")
    state: str = Field(default="requested", max_length=10)
    requested_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    due_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    next_action_at: datetime | None = timestamp()
    reminders_sent: int = 0
    decided_by: str | None = Field(default=None, foreign_key="people.id")
    decided_at: datetime | None = timestamp()
    closed_at: datetime | None = timestamp()


class Escalation(TenantScoped, table=True):
    __tablename__ = "escalations"
    __table_args__ = (
        Index(  # the digest's open escalations
            "ix_escalations_open",
            "team_id",
            postgresql_where=text("resolved_at IS NULL"),
            sqlite_where=text("resolved_at IS NULL"),
        ),
        Index("ix_escalations_referral", "referral_id"),  # raised before? (stalled care)
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # prompt | intake | handover | coverage | delivery
    team_id: str = Field(foreign_key="teams.id", index=True)
    referral_id: int | None = Field(default=None, foreign_key="referrals.id")
    prompt_id: int | None = Field(default=None, foreign_key="prompts.id")
    handover_id: int | None = Field(default=None, foreign_key="handovers.id")
    partner_id: str | None = Field(default=None, foreign_key="organisations.id")
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    resolved_at: datetime | None = timestamp()


class StatusUpdate(TenantScoped, table=True):
    """Each terugkoppeling: what the referrer was told, or that consent withheld it."""

    __tablename__ = "status_updates"
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(foreign_key="referrals.id", index=True)
    status: str = Field(max_length=20)
    told_as: str | None = Field(default=None, max_length=40)  # message key sent, None = withheld
    by_person_id: str | None = Field(default=None, foreign_key="people.id")
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


@event.listens_for(Referral, "before_insert")
def _intake_team(_mapper: object, _connection: object, referral: Referral) -> None:
    """A referral is counted by the team that received it: the team it is made for."""
    if referral.intake_team_id is None:
        referral.intake_team_id = referral.team_id
