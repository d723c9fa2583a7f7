"""SQLModel tables: the whole schema, one class a table (changes go through Alembic)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from store.types import UTCDateTime


def _ts(*, index: bool = False, nullable: bool = True) -> Any:
    return Field(default=None, sa_type=UTCDateTime, index=index, nullable=nullable)


class Organisation(SQLModel, table=True):
    __tablename__ = "organisations"
    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)


class Team(SQLModel, table=True):
    __tablename__ = "teams"
    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    case_prefix: str = Field(max_length=16)
    intake_platform: str | None = Field(default=None, max_length=10)
    intake_address: str | None = Field(default=None, max_length=200)


class Person(SQLModel, table=True):
    __tablename__ = "people"
    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    email: str | None = Field(default=None, max_length=254, index=True)
    team_id: str | None = Field(default=None, foreign_key="teams.id", index=True)
    organisation_id: str | None = Field(default=None, foreign_key="organisations.id", index=True)
    roles: str = Field(default="", max_length=100)  # space-separated: professional coordinator …
    language: str = Field(default="nl", max_length=2)
    slack_id: str | None = Field(default=None, max_length=32, index=True)
    teams_id: str | None = Field(default=None, max_length=64, index=True)
    active: bool = True
    left_at: datetime | None = _ts()

    def has_role(self, role: str) -> bool:
        return role in self.roles.split()


class ContactAssignment(SQLModel, table=True):
    """A team's vaste contactpersoon (and backup) for one partner organisation."""

    __tablename__ = "contact_assignments"
    __table_args__ = (UniqueConstraint("team_id", "partner_id"),)
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="teams.id")
    partner_id: str = Field(foreign_key="organisations.id", index=True)
    primary_id: str | None = Field(default=None, foreign_key="people.id")
    backup_id: str | None = Field(default=None, foreign_key="people.id")


class Absence(SQLModel, table=True):
    __tablename__ = "absences"
    id: int | None = Field(default=None, primary_key=True)
    person_id: str = Field(foreign_key="people.id", index=True)
    starts_on: date
    ends_on: date
    source: str = Field(default="chat", max_length=20)
    created_at: datetime | None = _ts()


class OnCall(SQLModel, table=True):
    """The team's piket rota: who takes urgent referrals on which days."""

    __tablename__ = "on_call"
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="teams.id", index=True)
    person_id: str = Field(foreign_key="people.id")
    starts_on: date
    ends_on: date


class Case(SQLModel, table=True):
    """A case is only its pseudonymous reference; nothing about the youth is kept."""

    __tablename__ = "cases"
    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=40, unique=True)
    team_id: str = Field(foreign_key="teams.id", index=True)
    lead_id: str | None = Field(default=None, foreign_key="people.id")  # the regisseur
    birth_month: str | None = Field(default=None, max_length=7)  # YYYY-MM, for the Jeugdwet rule
    created_at: datetime | None = _ts()
    closed_at: datetime | None = _ts()


class Referral(SQLModel, table=True):
    __tablename__ = "referrals"
    __table_args__ = (
        Index("ix_referrals_team_received", "team_id", "received_at"),
        Index("ix_referrals_referrer_external", "referrer_id", "external_ref"),
        Index("ix_referrals_received", "received_at"),  # the municipal digest
    )
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    team_id: str = Field(foreign_key="teams.id")
    referrer_id: str = Field(foreign_key="people.id")
    external_ref: str | None = Field(default=None, max_length=64)
    consent: str = Field(default="none", max_length=10)
    # who gave the consent (parents | youth | both; None: not recorded) and when
    # it last changed. The rule behind it is the Jeugdwet's (bot/domain/consent.py).
    consent_given_by: str | None = Field(default=None, max_length=10)
    consent_changed_at: datetime | None = _ts()
    urgent: bool = False
    source: str = Field(default="api", max_length=10)
    status: str = Field(default="received", max_length=20)
    assignee_id: str | None = Field(default=None, foreign_key="people.id", index=True)
    received_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    feedback_due_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    first_feedback_at: datetime | None = _ts()
    first_feedback_working_days: int | None = None
    assigned_at: datetime | None = _ts()
    contact_made_at: datetime | None = _ts()
    intake_planned_at: datetime | None = _ts()
    help_started_at: datetime | None = _ts()
    handed_over_at: datetime | None = _ts()
    closed_at: datetime | None = _ts()
    declined_at: datetime | None = _ts()


class Prompt(SQLModel, table=True):
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
    next_action_at: datetime | None = _ts()
    sent_at: datetime | None = _ts()
    reminders_sent: int = 0
    answer: str | None = Field(default=None, max_length=20)
    answered_by: str | None = Field(default=None, foreign_key="people.id")
    answered_at: datetime | None = _ts()
    closed_at: datetime | None = _ts()


class Handover(SQLModel, table=True):
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
    to_team_id: str = Field(foreign_key="teams.id", index=True)
    warm: bool = False
    requested_by: str = Field(foreign_key="people.id")
    state: str = Field(default="requested", max_length=10)
    requested_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    due_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    next_action_at: datetime | None = _ts()
    reminders_sent: int = 0
    decided_by: str | None = Field(default=None, foreign_key="people.id")
    decided_at: datetime | None = _ts()
    closed_at: datetime | None = _ts()


class Escalation(SQLModel, table=True):
    __tablename__ = "escalations"
    __table_args__ = (
        Index(  # the digest's open escalations
            "ix_escalations_open",
            "team_id",
            postgresql_where=text("resolved_at IS NULL"),
            sqlite_where=text("resolved_at IS NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # prompt | intake | handover | coverage | delivery
    team_id: str = Field(foreign_key="teams.id", index=True)
    referral_id: int | None = Field(default=None, foreign_key="referrals.id")
    prompt_id: int | None = Field(default=None, foreign_key="prompts.id")
    handover_id: int | None = Field(default=None, foreign_key="handovers.id")
    partner_id: str | None = Field(default=None, foreign_key="organisations.id")
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    resolved_at: datetime | None = _ts()


class StatusUpdate(SQLModel, table=True):
    """Each terugkoppeling: what the referrer was told, or that consent withheld it."""

    __tablename__ = "status_updates"
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(foreign_key="referrals.id", index=True)
    status: str = Field(max_length=20)
    told_as: str | None = Field(default=None, max_length=40)  # message key sent, None = withheld
    by_person_id: str | None = Field(default=None, foreign_key="people.id")
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class OutboxMessage(SQLModel, table=True):
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
    claimed_until: datetime | None = _ts()
    claimed_by: str | None = Field(default=None, max_length=40)
    claimed_at: datetime | None = _ts()
    sent_at: datetime | None = _ts()
    failed_at: datetime | None = _ts()
    error: str | None = Field(default=None, max_length=200)
    channel: str | None = Field(default=None, max_length=10)
    provider_message_id: str | None = Field(default=None, max_length=200)


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


# REST API keys
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
    revoked_at: datetime | None = _ts()


class SatisfactionScore(SQLModel, table=True):
    """The referrer's answer to "how satisfied are you with the collaboration (1-10)?",
    asked once after closure. Kept without the referral when the case is purged, so the
    digest's trend survives retention; the score says nothing about the youth."""

    __tablename__ = "satisfaction"
    __table_args__ = (
        Index("ix_satisfaction_team_answered", "team_id", "answered_at"),
        Index(  # the municipal digest
            "ix_satisfaction_answered",
            "answered_at",
            postgresql_where=text("score IS NOT NULL"),
            sqlite_where=text("score IS NOT NULL"),
        ),
        CheckConstraint("score IS NULL OR score BETWEEN 1 AND 10", name="ck_satisfaction_score"),
    )
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int | None = Field(default=None, foreign_key="referrals.id", unique=True)
    team_id: str = Field(foreign_key="teams.id")
    referrer_kind: str = Field(max_length=20)  # the referrer organisation's kind
    channel: str | None = Field(default=None, max_length=10)
    asked_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    answered_at: datetime | None = _ts()
    score: int | None = None  # 1..10, None while unanswered


class InboundKey(SQLModel, table=True):
    """Ids of inbound events already applied, so a platform retry changes state once."""

    __tablename__ = "inbound_keys"
    key: str = Field(primary_key=True, max_length=200)
    received_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class JobRun(SQLModel, table=True):
    """One row per periodic job and period, so a daily or weekly job runs once per cluster."""

    __tablename__ = "job_runs"
    name: str = Field(primary_key=True, max_length=60)
    period: str = Field(primary_key=True, max_length=20)
    ran_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


# Teams
class TeamsConversation(SQLModel, table=True):
    """A conversation reference the bot may message proactively: a person's personal chat
    with the app (kind personal) or a team channel (kind channel), kept from the
    installationUpdate / conversationUpdate Teams sends, or from a Graph installation."""

    __tablename__ = "teams_conversations"
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(max_length=300, unique=True)
    kind: str = Field(max_length=10)  # personal | channel
    service_url: str = Field(max_length=300)
    tenant_id: str | None = Field(default=None, max_length=64)
    user_aad_id: str | None = Field(default=None, max_length=64, index=True)  # personal
    user_id: str | None = Field(default=None, max_length=200)  # the 29:… id, personal
    team_id: str | None = Field(default=None, max_length=300)  # the 19:… team id, channel
    person_id: str | None = Field(default=None, foreign_key="people.id", index=True)
    updated_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


# the referrer's own loop (DESIGN.md flow 9)
class ReferrerRequest(SQLModel, table=True):
    """A referral waiting for the referrer: consent of the family, or missing information.
    The referrer is asked at once, reminded every few working days, and answers "geregeld";
    after the last reminder the professional hears that nothing came."""

    __tablename__ = "referrer_requests"
    __table_args__ = (
        Index(
            "ix_referrer_requests_due",
            "next_action_at",
            postgresql_where=text("closed_at IS NULL"),
            sqlite_where=text("closed_at IS NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(foreign_key="referrals.id", index=True)
    kind: str = Field(max_length=12)  # consent | information
    requested_by: str = Field(foreign_key="people.id")
    requested_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    next_action_at: datetime | None = _ts()
    reminders_sent: int = 0
    answered_by: str | None = Field(default=None, foreign_key="people.id")
    answered_at: datetime | None = _ts()
    channel: str | None = Field(default=None, max_length=10)  # how the answer came
    outcome: str | None = Field(default=None, max_length=12)  # settled | done | ended
    closed_at: datetime | None = _ts()


class CheckIn(SQLModel, table=True):
    """ "Merkt u verschil?": asked once per referral some working days after help started."""

    __tablename__ = "checkins"
    __table_args__ = (
        Index(
            "ix_checkins_due",
            "due_at",
            postgresql_where=text("asked_at IS NULL AND closed_at IS NULL"),
            sqlite_where=text("asked_at IS NULL AND closed_at IS NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(foreign_key="referrals.id", unique=True)
    due_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    asked_at: datetime | None = _ts()
    answer: str | None = Field(default=None, max_length=10)  # better | same | worse | unknown
    answered_at: datetime | None = _ts()
    channel: str | None = Field(default=None, max_length=10)
    closed_at: datetime | None = _ts()
    outcome: str | None = Field(default=None, max_length=12)  # answered | no_consent | ended


class Consultation(SQLModel, table=True):
    """The vaste overleg of a team with a partner organisation: every `every_weeks` weeks
    from `starts_on` at `at` (local wall-clock time), reminded the working day before."""

    __tablename__ = "consultations"
    __table_args__ = (
        UniqueConstraint("team_id", "partner_id"),
        Index("ix_consultations_due", "remind_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="teams.id")
    partner_id: str = Field(foreign_key="organisations.id")
    starts_on: date
    at: str = Field(max_length=5)  # HH:MM, local
    every_weeks: int = 1
    next_on: date  # the next meeting day the reminder is for
    remind_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class LinkUse(SQLModel, table=True):
    """A signed e-mail link that has been used: each link records one answer, once. Holds no
    personal data; rows older than the longest link lifetime may be purged."""

    __tablename__ = "link_uses"
    nonce: str = Field(primary_key=True, max_length=32)
    kind: str = Field(max_length=30)
    used_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
