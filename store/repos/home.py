"""Queries behind a person's home view in chat (Slack App Home): what is open for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from store.schema.cases import Case, Escalation, Prompt, Referral
from store.schema.directory import ContactAssignment, Organisation, Person, Team

TERMINAL = ("closed", "declined", "withdrawn")


@dataclass(frozen=True)
class OpenPrompt:
    case_ref: str
    organisation: str
    state: str
    since: datetime
    lead: str | None = None  # the regisseur's name


@dataclass(frozen=True)
class OverdueReferral:
    case_ref: str
    organisation: str
    assignee: str | None
    due: datetime


@dataclass(frozen=True)
class ContactRole:
    team: str
    partner: str
    primary: bool


@dataclass(frozen=True)
class OpenEscalation:
    kind: str
    case_ref: str | None
    partner: str | None
    since: datetime


_Referrer = aliased(Person)
_Assignee = aliased(Person)
_Lead = aliased(Person)


class HomeRepository:
    """Each list comes back with at most `limit` rows, oldest first."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def open_prompts(self, *, person: str, limit: int) -> list[OpenPrompt]:
        stmt = (
            select(
                col(Case.ref),
                col(Organisation.name),
                col(_Referrer.name),
                col(Prompt.state),
                col(Prompt.sent_at),
                col(_Lead.name),
            )
            .join(Referral, col(Referral.id) == col(Prompt.referral_id))
            .join(Case, col(Case.id) == col(Referral.case_id))
            .join(_Lead, col(_Lead.id) == col(Case.lead_id), isouter=True)
            .join(_Referrer, col(_Referrer.id) == col(Referral.referrer_id))
            .join(
                Organisation,
                col(Organisation.id) == col(_Referrer.organisation_id),
                isouter=True,
            )
            .where(
                col(Prompt.person_id) == person,
                col(Prompt.kind) == "feedback",
                col(Prompt.closed_at).is_(None),
                col(Prompt.sent_at).is_not(None),
            )
            .order_by(col(Prompt.sent_at), col(Prompt.id))
            .limit(limit)
        )
        return [
            OpenPrompt(ref, organisation or referrer, state, sent_at, lead)
            for ref, organisation, referrer, state, sent_at, lead in self.session.execute(
                stmt
            ).all()
            if sent_at is not None
        ]

    def led_by(self, *, person: str, limit: int) -> list[str]:
        """The open cases this person is regisseur of, by reference."""
        stmt = (
            select(col(Case.ref))
            .where(col(Case.lead_id) == person, col(Case.closed_at).is_(None))
            .order_by(col(Case.ref))
            .limit(limit)
        )
        return [ref for (ref,) in self.session.execute(stmt).all()]

    def overdue(
        self, *, now: datetime, limit: int, assignee: str | None = None, team: str | None = None
    ) -> list[OverdueReferral]:
        """Referrals past the feedback norm without a first terugkoppeling."""
        stmt = (
            select(
                col(Case.ref),
                col(Organisation.name),
                col(_Referrer.name),
                col(_Assignee.name),
                col(Referral.feedback_due_at),
            )
            .join(Case, col(Case.id) == col(Referral.case_id))
            .join(_Referrer, col(_Referrer.id) == col(Referral.referrer_id))
            .join(
                Organisation,
                col(Organisation.id) == col(_Referrer.organisation_id),
                isouter=True,
            )
            .join(_Assignee, col(_Assignee.id) == col(Referral.assignee_id), isouter=True)
            .where(
                col(Referral.first_feedback_at).is_(None),
                col(Referral.feedback_due_at) <= now,
                col(Referral.status).not_in(TERMINAL),
            )
        )
        if assignee is not None:
            stmt = stmt.where(col(Referral.assignee_id) == assignee)
        if team is not None:
            stmt = stmt.where(col(Referral.team_id) == team)
        stmt = stmt.order_by(col(Referral.feedback_due_at), col(Referral.id)).limit(limit)
        return [
            OverdueReferral(ref, organisation or referrer, name, due)
            for ref, organisation, referrer, name, due in self.session.execute(stmt).all()
        ]

    def contact_roles(self, *, person: str) -> list[ContactRole]:
        stmt = (
            select(col(Team.name), col(Organisation.name), col(ContactAssignment.primary_id))
            .join(Team, col(Team.id) == col(ContactAssignment.team_id))
            .join(Organisation, col(Organisation.id) == col(ContactAssignment.partner_id))
            .where(
                or_(
                    col(ContactAssignment.primary_id) == person,
                    col(ContactAssignment.backup_id) == person,
                )
            )
            .order_by(col(Organisation.name))
        )
        return [
            ContactRole(team, partner, primary == person)
            for team, partner, primary in self.session.execute(stmt).all()
        ]

    def open_escalations(self, *, team: str, limit: int) -> list[OpenEscalation]:
        stmt = (
            select(
                col(Escalation.kind),
                col(Case.ref),
                col(Organisation.name),
                col(Escalation.created_at),
            )
            .join(Referral, col(Referral.id) == col(Escalation.referral_id), isouter=True)
            .join(Case, col(Case.id) == col(Referral.case_id), isouter=True)
            .join(Organisation, col(Organisation.id) == col(Escalation.partner_id), isouter=True)
            .where(col(Escalation.team_id) == team, col(Escalation.resolved_at).is_(None))
            .order_by(col(Escalation.created_at), col(Escalation.id))
            .limit(limit)
        )
        return [
            OpenEscalation(kind, ref, partner, since)
            for kind, ref, partner, since in self.session.execute(stmt).all()
        ]
