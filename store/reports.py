"""Aggregate queries for the coordinators' digest: counted by the database, not in Python."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, or_
from sqlmodel import Session, col, select

from store.tables import (
    Case,
    ContactAssignment,
    Escalation,
    Handover,
    Organisation,
    Person,
    Prompt,
    Referral,
)


@dataclass(frozen=True)
class NormCounts:
    within: int
    measured: int  # referrals whose first feedback came, or whose deadline passed without it


@dataclass(frozen=True)
class OpenHandover:
    case_ref: str
    to_team: str
    due_at: datetime


class ReportRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _team(self, column: object, team: str | None) -> list[object]:
        return [] if team is None else [column == team]

    def new_by_kind(self, *, team: str | None, start: datetime, end: datetime) -> dict[str, int]:
        stmt = (
            select(Organisation.kind, func.count(col(Referral.id)))
            .join(Person, col(Person.id) == col(Referral.referrer_id))
            .join(Organisation, col(Organisation.id) == col(Person.organisation_id), isouter=True)
            .where(col(Referral.received_at) >= start, col(Referral.received_at) < end)
            .where(*self._team(Referral.team_id, team))  # type: ignore[arg-type]
            .group_by(Organisation.kind)
        )
        return {kind or "other": int(count) for kind, count in self.session.exec(stmt).all()}

    def within_norm(
        self, *, team: str | None, start: datetime, end: datetime, norm: int, as_of: datetime
    ) -> NormCounts:
        measured = or_(
            col(Referral.first_feedback_at) <= as_of, col(Referral.feedback_due_at) <= as_of
        )
        within = and_(
            col(Referral.first_feedback_at) <= as_of,
            col(Referral.first_feedback_working_days) <= norm,
        )
        stmt = (
            select(
                func.coalesce(func.sum(case((within, 1), else_=0)), 0),
                func.coalesce(func.sum(case((measured, 1), else_=0)), 0),
            )
            .where(col(Referral.received_at) >= start, col(Referral.received_at) < end)
            .where(*self._team(Referral.team_id, team))  # type: ignore[arg-type]
        )
        row = self.session.exec(stmt).one()
        return NormCounts(int(row[0]), int(row[1]))

    def median_days_to_feedback(
        self, *, team: str | None, start: datetime, end: datetime
    ) -> float | None:
        """Portable median (SQLite has no percentile): count, then read the middle value(s)."""
        base = (
            select(Referral.first_feedback_working_days)
            .where(col(Referral.received_at) >= start, col(Referral.received_at) < end)
            .where(col(Referral.first_feedback_working_days).is_not(None))
            .where(*self._team(Referral.team_id, team))  # type: ignore[arg-type]
        )
        count = int(self.session.exec(select(func.count()).select_from(base.subquery())).one())
        if count == 0:
            return None
        ordered = base.order_by(col(Referral.first_feedback_working_days))
        middle = list(self.session.exec(ordered.offset((count - 1) // 2).limit(2 - count % 2)))
        return sum(int(v or 0) for v in middle) / len(middle)

    def open_prompts(self, *, team: str | None) -> int:
        stmt = (
            select(func.count(col(Prompt.id)))
            .join(Referral, col(Referral.id) == col(Prompt.referral_id))
            .where(col(Prompt.closed_at).is_(None), col(Prompt.sent_at).is_not(None))
            .where(*self._team(Referral.team_id, team))  # type: ignore[arg-type]
        )
        return int(self.session.exec(stmt).one())

    def escalations(self, *, team: str | None, start: datetime, end: datetime) -> int:
        stmt = (
            select(func.count(col(Escalation.id)))
            .where(col(Escalation.created_at) >= start, col(Escalation.created_at) < end)
            .where(*self._team(Escalation.team_id, team))  # type: ignore[arg-type]
        )
        return int(self.session.exec(stmt).one())

    def overdue_handovers(self, *, team: str | None, as_of: datetime) -> Sequence[OpenHandover]:
        stmt = (
            select(Case.ref, Handover.to_team_id, Handover.due_at)
            .join(Referral, col(Referral.id) == col(Handover.referral_id))
            .join(Case, col(Case.id) == col(Referral.case_id))
            .where(col(Handover.closed_at).is_(None), col(Handover.due_at) < as_of)
            .order_by(col(Handover.due_at))
        )
        if team is not None:
            stmt = stmt.where(
                or_(col(Handover.to_team_id) == team, col(Handover.from_team_id) == team)
            )
        return [OpenHandover(ref, to, due) for ref, to, due in self.session.exec(stmt).all()]

    def contact_pairs(self, *, team: str | None) -> Sequence[ContactAssignment]:
        stmt = select(ContactAssignment)
        if team is not None:
            stmt = stmt.where(ContactAssignment.team_id == team)
        return self.session.exec(stmt.order_by(col(ContactAssignment.id))).all()
