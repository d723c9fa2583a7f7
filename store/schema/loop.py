"""The loops beyond the referral itself: the referrer's requests and check-in (DESIGN.md
flow 9), the satisfaction score, and the vaste overleg with partners."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint, text
from sqlmodel import Field

from store.schema.tenants import TenantScoped
from store.types import UTCDateTime, timestamp


class ReferrerRequest(TenantScoped, table=True):
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
    next_action_at: datetime | None = timestamp()
    reminders_sent: int = 0
    answered_by: str | None = Field(default=None, foreign_key="people.id")
    answered_at: datetime | None = timestamp()
    channel: str | None = Field(default=None, max_length=10)  # how the answer came
    outcome: str | None = Field(default=None, max_length=12)  # settled | done | ended
    closed_at: datetime | None = timestamp()


class CheckIn(TenantScoped, table=True):
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
    asked_at: datetime | None = timestamp()
    answer: str | None = Field(default=None, max_length=10)  # better | same | worse | unknown
    answered_at: datetime | None = timestamp()
    channel: str | None = Field(default=None, max_length=10)
    closed_at: datetime | None = timestamp()
    outcome: str | None = Field(default=None, max_length=12)  # answered | no_consent | ended


class SatisfactionScore(TenantScoped, table=True):
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
    answered_at: datetime | None = timestamp()
    score: int | None = None  # 1..10, None while unanswered


class Consultation(TenantScoped, table=True):
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
