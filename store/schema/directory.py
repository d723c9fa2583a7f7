"""The directory: organisations, teams, people, who is the contact for a partner, absences
and the piket (on-call) rota."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from store.schema.tenants import TenantScoped
from store.types import timestamp


class Organisation(TenantScoped, table=True):
    __tablename__ = "organisations"
    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)


class Team(TenantScoped, table=True):
    __tablename__ = "teams"
    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    case_prefix: str = Field(max_length=16)
    intake_platform: str | None = Field(default=None, max_length=10)
    intake_address: str | None = Field(default=None, max_length=200)
    # The team's own norms (directory file); None: the installation's default setting.
    feedback_norm: int | None = None  # working days to the first terugkoppeling
    snooze_cap: int | None = None  # "not yet" answers in a row before the coordinator is asked
    help_start_days: int | None = None  # working days from intake to help started
    stale_days: int | None = None  # working days without a status change
    repage_minutes: int | None = None  # minutes an urgent page waits for someone to take it


class Person(TenantScoped, table=True):
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
    left_at: datetime | None = timestamp()

    def has_role(self, role: str) -> bool:
        return role in self.roles.split()


class ContactAssignment(TenantScoped, table=True):
    """A team's vaste contactpersoon (and backup) for one partner organisation."""

    __tablename__ = "contact_assignments"
    __table_args__ = (UniqueConstraint("team_id", "partner_id"),)
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="teams.id")
    partner_id: str = Field(foreign_key="organisations.id", index=True)
    primary_id: str | None = Field(default=None, foreign_key="people.id")
    backup_id: str | None = Field(default=None, foreign_key="people.id")


class Absence(TenantScoped, table=True):
    __tablename__ = "absences"
    id: int | None = Field(default=None, primary_key=True)
    person_id: str = Field(foreign_key="people.id", index=True)
    starts_on: date
    ends_on: date
    source: str = Field(default="chat", max_length=20)
    created_at: datetime | None = timestamp()


class OnCall(TenantScoped, table=True):
    """The team's piket rota: who takes urgent referrals on which days."""

    __tablename__ = "on_call"
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="teams.id", index=True)
    person_id: str = Field(foreign_key="people.id")
    starts_on: date
    ends_on: date


class GuideEntry(TenantScoped, table=True):
    """ "Wie voor wat": what a team or partner organisation is the right place for, and how a
    referrer reaches it; told to a referrer whose referral went to the wrong place."""

    __tablename__ = "guide_entries"
    id: str = Field(primary_key=True, max_length=64)  # a team or organisation id
    helps_with: str = Field(max_length=300)
    how_to_refer: str | None = Field(default=None, max_length=300)
