"""Queries behind the overview page (/overzicht): a professional's own work, and a team's
open referrals, handovers, escalations, contact gaps and waiting-time figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col
from sqlmodel import select as sql_select

from store.schema.cases import Case, Escalation, Handover, Prompt, Referral
from store.schema.directory import ContactAssignment, Organisation, Person, Team

TERMINAL = ("closed", "declined")
LIMIT = 200  # rows per list: a team's open work, not its history


@dataclass(frozen=True)
class PromptRow:
    prompt_id: int
    case_ref: str
    organisation: str
    state: str
    since: datetime
    status: str
    consent: str


@dataclass(frozen=True)
class CaseRow:
    referral_id: int
    case_ref: str
    status: str
    assigned_to_me: bool
    lead: bool


@dataclass(frozen=True)
class ContactPair:
    partner: str
    primary: bool
    other: str | None  # the backup of a primary, the primary of a backup


@dataclass(frozen=True)
class TeamReferral:
    referral_id: int
    case_ref: str
    status: str
    received_at: datetime
    feedback_due_at: datetime
    first_feedback_at: datetime | None
    partner_id: str | None
    partner: str
    assignee_id: str | None
    assignee: str | None
    prompt_state: str | None  # the open feedback or intake prompt's state, if any


@dataclass(frozen=True)
class HandoverRow:
    case_ref: str
    outgoing: bool  # from this team (True) or to it
    other_team: str
    requested_at: datetime
    due_at: datetime


@dataclass(frozen=True)
class EscalationRow:
    kind: str
    referral_id: int | None
    case_ref: str | None
    partner: str | None
    since: datetime


@dataclass(frozen=True)
class Choice:
    id: str
    name: str


_Referrer = aliased(Person)
_Assignee = aliased(Person)
_Other = aliased(Person)


class OverviewRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def open_prompts(self, *, person: str) -> list[PromptRow]:
        """The person's open feedback prompts, with what a button needs (status, consent)."""
        stmt = (
            select(
                col(Prompt.id),
                col(Case.ref),
                col(Organisation.name),
                col(_Referrer.name),
                col(Prompt.state),
                col(Prompt.sent_at),
                col(Referral.status),
                col(Referral.consent),
            )
            .join(Referral, col(Referral.id) == col(Prompt.referral_id))
            .join(Case, col(Case.id) == col(Referral.case_id))
            .join(_Referrer, col(_Referrer.id) == col(Referral.referrer_id))
            .join(
                Organisation, col(Organisation.id) == col(_Referrer.organisation_id), isouter=True
            )
            .where(
                col(Prompt.person_id) == person,
                col(Prompt.kind) == "feedback",
                col(Prompt.closed_at).is_(None),
                col(Prompt.sent_at).is_not(None),
            )
            .order_by(col(Prompt.sent_at), col(Prompt.id))
            .limit(LIMIT)
        )
        return [
            PromptRow(pid or 0, ref, org or referrer, state, sent, status, consent)
            for pid, ref, org, referrer, state, sent, status, consent in self.session.execute(
                stmt
            ).all()
            if sent is not None
        ]

    def my_cases(self, *, person: str) -> list[CaseRow]:
        """Open referrals assigned to the person or whose case they lead (regisseur)."""
        stmt = (
            select(
                col(Referral.id),
                col(Case.ref),
                col(Referral.status),
                col(Referral.assignee_id),
                col(Case.lead_id),
            )
            .join(Case, col(Case.id) == col(Referral.case_id))
            .where(
                or_(col(Referral.assignee_id) == person, col(Case.lead_id) == person),
                col(Referral.status).not_in(TERMINAL),
            )
            .order_by(col(Case.ref))
            .limit(LIMIT)
        )
        return [
            CaseRow(rid or 0, ref, status, assignee == person, lead == person)
            for rid, ref, status, assignee, lead in self.session.execute(stmt).all()
        ]

    def contact_pairs(self, *, person: str) -> list[ContactPair]:
        """Where the person is vaste contactpersoon or backup, and who the other one is."""
        stmt = (
            select(
                col(Organisation.name),
                col(ContactAssignment.primary_id),
                col(ContactAssignment.backup_id),
            )
            .join(Organisation, col(Organisation.id) == col(ContactAssignment.partner_id))
            .where(
                or_(
                    col(ContactAssignment.primary_id) == person,
                    col(ContactAssignment.backup_id) == person,
                )
            )
            .order_by(col(Organisation.name))
        )
        rows = self.session.execute(stmt).all()
        names = self._names({other for _, p, b in rows for other in (p, b) if other})
        return [
            ContactPair(
                partner,
                primary == person,
                names.get(backup if primary == person else primary or ""),
            )
            for partner, primary, backup in rows
        ]

    def team_referrals(self, *, team: str) -> list[TeamReferral]:
        """The team's open referrals, oldest first, with the open prompt's state."""
        open_prompt = (
            select(col(Prompt.referral_id), col(Prompt.state))
            .where(col(Prompt.closed_at).is_(None))
            .subquery()
        )
        stmt = (
            select(
                col(Referral.id),
                col(Case.ref),
                col(Referral.status),
                col(Referral.received_at),
                col(Referral.feedback_due_at),
                col(Referral.first_feedback_at),
                col(Organisation.id),
                col(Organisation.name),
                col(_Referrer.name),
                col(Referral.assignee_id),
                col(_Assignee.name),
                open_prompt.c.state,
            )
            .join(Case, col(Case.id) == col(Referral.case_id))
            .join(_Referrer, col(_Referrer.id) == col(Referral.referrer_id))
            .join(
                Organisation, col(Organisation.id) == col(_Referrer.organisation_id), isouter=True
            )
            .join(_Assignee, col(_Assignee.id) == col(Referral.assignee_id), isouter=True)
            .join(open_prompt, open_prompt.c.referral_id == col(Referral.id), isouter=True)
            .where(col(Referral.team_id) == team, col(Referral.status).not_in(TERMINAL))
            .order_by(col(Referral.received_at), col(Referral.id))
            .limit(LIMIT)
        )
        seen: dict[int, TeamReferral] = {}
        for row in self.session.execute(stmt).all():
            rid = int(row[0] or 0)
            if rid in seen and seen[rid].prompt_state is not None:
                continue  # one line per referral; the first open prompt is enough
            seen[rid] = TeamReferral(
                rid, row[1], row[2], row[3], row[4], row[5], row[6], row[7] or row[8],
                row[9], row[10], row[11],
            )  # fmt: skip
        return list(seen.values())

    def handovers(self, *, team: str) -> list[HandoverRow]:
        """Open handovers from the team and to it."""
        other = aliased(Team)
        stmt = (
            select(
                col(Case.ref),
                col(Handover.from_team_id),
                col(Handover.to_team_id),
                col(other.name),
                col(Handover.requested_at),
                col(Handover.due_at),
            )
            .join(Referral, col(Referral.id) == col(Handover.referral_id))
            .join(Case, col(Case.id) == col(Referral.case_id))
            .join(
                other,
                or_(
                    and_(
                        col(Handover.from_team_id) == team,
                        col(other.id) == col(Handover.to_team_id),
                    ),
                    and_(
                        col(Handover.to_team_id) == team,
                        col(other.id) == col(Handover.from_team_id),
                    ),
                ),
            )
            .where(
                col(Handover.closed_at).is_(None),
                or_(col(Handover.from_team_id) == team, col(Handover.to_team_id) == team),
            )
            .order_by(col(Handover.due_at), col(Handover.id))
            .limit(LIMIT)
        )
        return [
            HandoverRow(ref, from_team == team, name, requested, due)
            for ref, from_team, _to, name, requested, due in self.session.execute(stmt).all()
        ]

    def escalations(self, *, team: str) -> list[EscalationRow]:
        stmt = (
            select(
                col(Escalation.kind),
                col(Escalation.referral_id),
                col(Case.ref),
                col(Organisation.name),
                col(Escalation.created_at),
            )
            .join(Referral, col(Referral.id) == col(Escalation.referral_id), isouter=True)
            .join(Case, col(Case.id) == col(Referral.case_id), isouter=True)
            .join(Organisation, col(Organisation.id) == col(Escalation.partner_id), isouter=True)
            .where(col(Escalation.team_id) == team, col(Escalation.resolved_at).is_(None))
            .order_by(col(Escalation.created_at), col(Escalation.id))
            .limit(LIMIT)
        )
        return [EscalationRow(*row) for row in self.session.execute(stmt).all()]

    def partners_without_contact(self, *, team: str) -> list[str]:
        """Partners of the team whose vaste contactpersoon is missing or has left."""
        stmt = (
            select(col(Organisation.name))
            .select_from(ContactAssignment)
            .join(Organisation, col(Organisation.id) == col(ContactAssignment.partner_id))
            .join(_Other, col(_Other.id) == col(ContactAssignment.primary_id), isouter=True)
            .where(
                col(ContactAssignment.team_id) == team,
                or_(col(_Other.id).is_(None), col(_Other.active).is_(False)),
            )
            .order_by(col(Organisation.name))
        )
        return [name for (name,) in self.session.execute(stmt).all()]

    def first_feedback_days(self, *, team: str, since: datetime) -> list[int]:
        """Working days to first feedback of the team's referrals received since `since`."""
        stmt = select(col(Referral.first_feedback_working_days)).where(
            col(Referral.team_id) == team,
            col(Referral.received_at) >= since,
            col(Referral.first_feedback_working_days).is_not(None),
        )
        return [int(days) for (days,) in self.session.execute(stmt).all()]

    def professionals(self, *, team: str) -> list[Choice]:
        """Active people of the team who can take a referral (for the assign list)."""
        stmt = (
            select(col(Person.id), col(Person.name), col(Person.roles))
            .where(col(Person.team_id) == team, col(Person.active).is_(True))
            .order_by(col(Person.name))
        )
        return [
            Choice(pid, name)
            for pid, name, roles in self.session.execute(stmt).all()
            if "professional" in roles.split()
        ]

    def person_by_login(self, *, oid: str | None, email: str | None) -> Person | None:
        """The directory's person for a signed-in account: Entra object id first, then e-mail."""
        if oid:
            by_oid = self.session.exec(sql_select(Person).where(col(Person.teams_id) == oid)).all()
            if len(by_oid) == 1:
                return by_oid[0]
        if email:
            wanted = email.strip().lower()
            rows = self.session.exec(
                sql_select(Person).where(func.lower(col(Person.email)) == wanted)
            ).all()
            if len(rows) == 1:  # an address two people share names nobody
                return rows[0]
        return None

    def _names(self, ids: set[str]) -> dict[str, str]:
        if not ids:
            return {}
        stmt = select(col(Person.id), col(Person.name)).where(col(Person.id).in_(ids))
        return {pid: name for pid, name in self.session.execute(stmt).all()}
