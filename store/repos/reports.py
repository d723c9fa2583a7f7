"""Aggregate queries for the coordinators' digest: counted by the database, not in Python."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, not_, or_
from sqlmodel import Session, col, select

from store.schema.cases import Case, Escalation, Handover, Prompt, Referral
from store.schema.directory import Absence, ContactAssignment, Organisation, Person
from store.schema.loop import SatisfactionScore


@dataclass(frozen=True)
class NormCounts:
    within: int
    measured: int  # referrals whose first feedback came, or whose deadline passed without it


@dataclass(frozen=True)
class Spread:
    count: int  # referrals with a first terugkoppeling
    median: float | None
    p90: float | None


@dataclass(frozen=True)
class WeekCounts:
    new: int
    within: int
    measured: int


@dataclass(frozen=True)
class Scores:
    count: int
    average: float | None


# The team that received a referral counts it, also after a handover: a week's figures
# never move (always filled: store/schema/cases.py, migration 0013 for older rows).
_INTAKE_TEAM = Referral.intake_team_id


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
            .where(*self._team(_INTAKE_TEAM, team))  # type: ignore[arg-type]
            .group_by(Organisation.kind)
        )
        return {kind or "other": int(count) for kind, count in self.session.exec(stmt).all()}

    def within_norm(
        self, *, team: str | None, start: datetime, end: datetime, norm: int, as_of: datetime
    ) -> NormCounts:
        measured = _measured(as_of)
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
            .where(*self._team(_INTAKE_TEAM, team))  # type: ignore[arg-type]
        )
        row = self.session.exec(stmt).one()
        return NormCounts(int(row[0]), int(row[1]))

    def days_to_feedback(self, *, team: str | None, start: datetime, end: datetime) -> Spread:
        """Median and 90th percentile (continuous, as percentile_cont) of the working days
        to the first terugkoppeling, over the period's referrals that had one."""
        days = col(Referral.first_feedback_working_days)
        where = (
            col(Referral.received_at) >= start,
            col(Referral.received_at) < end,
            days.is_not(None),
            *self._team(_INTAKE_TEAM, team),
        )
        if self.session.get_bind().dialect.name == "postgresql":
            stmt = select(
                func.count(days),
                func.percentile_cont(0.5).within_group(days),
                func.percentile_cont(0.9).within_group(days),
            ).where(*where)  # type: ignore[arg-type]
            count, median, p90 = self.session.exec(stmt).one()
            if not count:
                return Spread(0, None, None)
            return Spread(int(count), float(median), float(p90))
        # SQLite has no percentile: count, then read the one or two values each needs.
        count = int(self.session.exec(select(func.count(days)).where(*where)).one())  # type: ignore[arg-type]
        if count == 0:
            return Spread(0, None, None)
        ordered = select(days).where(*where).order_by(days)  # type: ignore[arg-type]

        def percentile(fraction: float) -> float:
            rank = (count - 1) * fraction
            low = int(rank)
            values = [int(v or 0) for v in self.session.exec(ordered.offset(low).limit(2))]
            upper = values[1] if len(values) > 1 else values[0]
            return values[0] + (upper - values[0]) * (rank - low)

        return Spread(count, percentile(0.5), percentile(0.9))

    def open_prompts(self, *, team: str | None) -> int:
        stmt = (
            select(func.count())
            .select_from(Prompt)
            .join(Referral, col(Referral.id) == col(Prompt.referral_id))
            .where(col(Prompt.closed_at).is_(None), col(Prompt.sent_at).is_not(None))
            .where(*self._team(_INTAKE_TEAM, team))  # type: ignore[arg-type]
        )
        return int(self.session.exec(stmt).one())

    def escalations(self, *, team: str | None, start: datetime, end: datetime) -> int:
        stmt = (
            select(func.count(col(Escalation.id)))
            .where(col(Escalation.created_at) >= start, col(Escalation.created_at) < end)
            .where(*self._team(Escalation.team_id, team))  # type: ignore[arg-type]
        )
        return int(self.session.exec(stmt).one())

    def overdue_handovers(
        self, *, team: str | None, as_of: datetime, limit: int | None = None
    ) -> Sequence[OpenHandover]:
        """The oldest overdue handovers first, at most `limit`."""
        stmt = (
            select(
                Case.ref,
                func.coalesce(Handover.to_team_id, Handover.to_organisation_id),
                Handover.due_at,
            )
            .join(Referral, col(Referral.id) == col(Handover.referral_id))
            .join(Case, col(Case.id) == col(Referral.case_id))
            .where(col(Handover.closed_at).is_(None), col(Handover.due_at) < as_of)
            .order_by(col(Handover.due_at))
            .limit(limit)
        )
        if team is not None:
            stmt = stmt.where(
                or_(col(Handover.to_team_id) == team, col(Handover.from_team_id) == team)
            )
        return [OpenHandover(ref, to, due) for ref, to, due in self.session.exec(stmt).all()]

    def open_escalations(self, *, team: str | None) -> int:
        stmt = (
            select(func.count(col(Escalation.id)))
            .where(col(Escalation.resolved_at).is_(None))
            .where(*self._team(Escalation.team_id, team))  # type: ignore[arg-type]
        )
        return int(self.session.exec(stmt).one())

    def overdue_by_age(
        self, *, team: str | None, as_of: datetime, bounds: Sequence[tuple[str, datetime]]
    ) -> dict[str, int]:
        """Open handovers past their deadline, counted per age bucket. `bounds` runs from
        the oldest bucket to the youngest: (label, due before this moment); the last
        bucket's moment is `as_of` itself. The working-day arithmetic is in the bounds,
        so the database only compares timestamps."""
        due = col(Handover.due_at)
        bucket = case(*((due < moment, label) for label, moment in bounds), else_=None)
        inner = select(bucket.label("bucket")).where(col(Handover.closed_at).is_(None), due < as_of)
        if team is not None:
            inner = inner.where(
                or_(col(Handover.to_team_id) == team, col(Handover.from_team_id) == team)
            )
        sub = inner.subquery()
        stmt = select(sub.c.bucket, func.count()).group_by(sub.c.bucket)
        counts = {label: 0 for label, _ in bounds}
        for label, count in self.session.exec(stmt).all():
            if label is not None:
                counts[label] = int(count)
        return counts

    def partners_without_contact(self, *, team: str | None, day: date) -> list[tuple[str, str]]:
        """(team id, partner name) of each pair whose primary and backup are both unreachable
        on `day`: left, inactive, absent, or not assigned."""
        absent = (
            select(Absence.id)
            .where(
                col(Absence.person_id) == col(Person.id),
                col(Absence.starts_on) <= day,
                col(Absence.ends_on) >= day,
            )
            .exists()
        )
        reachable = (
            select(Person.id)
            .where(
                or_(
                    col(Person.id) == col(ContactAssignment.primary_id),
                    col(Person.id) == col(ContactAssignment.backup_id),
                ),
                col(Person.active).is_(True),
                ~absent,
            )
            .exists()
        )
        stmt = (
            select(ContactAssignment.team_id, Organisation.name)
            .join(Organisation, col(Organisation.id) == col(ContactAssignment.partner_id))
            .where(~reachable)
            .where(*self._team(ContactAssignment.team_id, team))  # type: ignore[arg-type]
            .order_by(col(ContactAssignment.team_id), col(Organisation.name))
        )
        return [(t, name) for t, name in self.session.exec(stmt).all()]

    def satisfaction(self, *, team: str | None, start: datetime, end: datetime) -> Scores:
        """Referrers' scores (1-10) answered in the period."""
        stmt = (
            select(func.count(col(SatisfactionScore.score)), func.avg(SatisfactionScore.score))
            .where(
                col(SatisfactionScore.answered_at) >= start,
                col(SatisfactionScore.answered_at) < end,
                col(SatisfactionScore.score).is_not(None),
            )
            .where(*self._team(SatisfactionScore.team_id, team))  # type: ignore[arg-type]
        )
        count, average = self.session.exec(stmt).one()
        return Scores(int(count or 0), float(average) if count else None)

    def weekly(
        self, *, team: str | None, bounds: Sequence[datetime], norm: int, as_of: datetime
    ) -> list[WeekCounts]:
        """Per week between consecutive `bounds` (local Mondays, as UTC moments): new
        referrals, and first terugkoppelingen within the norm out of those measured."""
        received = col(Referral.received_at)
        week = _bucket(received, bounds)
        within = and_(
            col(Referral.first_feedback_at) <= as_of,
            col(Referral.first_feedback_working_days) <= norm,
        )
        measured = _measured(as_of)
        inner = (
            select(
                week.label("week"),
                case((within, 1), else_=0).label("within"),
                case((measured, 1), else_=0).label("measured"),
            )
            .where(received >= bounds[0], received < bounds[-1])
            .where(*self._team(_INTAKE_TEAM, team))  # type: ignore[arg-type]
            .subquery()
        )
        stmt = select(
            inner.c.week, func.count(), func.sum(inner.c.within), func.sum(inner.c.measured)
        ).group_by(inner.c.week)
        weeks = [WeekCounts(0, 0, 0) for _ in bounds[1:]]
        for index, new, within_n, measured_n in self.session.exec(stmt).all():
            weeks[int(index)] = WeekCounts(int(new), int(within_n or 0), int(measured_n or 0))
        return weeks

    def weekly_satisfaction(self, *, team: str | None, bounds: Sequence[datetime]) -> list[Scores]:
        answered = col(SatisfactionScore.answered_at)
        inner = (
            select(_bucket(answered, bounds).label("week"), SatisfactionScore.score)
            .where(answered >= bounds[0], answered < bounds[-1])
            .where(col(SatisfactionScore.score).is_not(None))
            .where(*self._team(SatisfactionScore.team_id, team))  # type: ignore[arg-type]
            .subquery()
        )
        stmt = select(inner.c.week, func.count(), func.avg(inner.c.score)).group_by(inner.c.week)
        weeks = [Scores(0, None) for _ in bounds[1:]]
        for index, count, average in self.session.exec(stmt).all():
            weeks[int(index)] = Scores(int(count), float(average))
        return weeks


def _bucket(moment: Any, bounds: Sequence[datetime]) -> Any:
    """The index of the interval [bounds[i], bounds[i+1]) a timestamp falls in, as SQL: the
    week boundaries are local midnights (DST included), computed once in Python."""
    return case(*((moment < bound, index) for index, bound in enumerate(bounds[1:])), else_=None)


def _measured(as_of: datetime) -> ColumnElement[bool]:
    """A referral counts for the feedback norm once it had its first terugkoppeling or its
    due date passed, unless the referrer withdrew it before anything was due (issue 20)."""
    due = col(Referral.feedback_due_at)
    withdrawn_early = and_(
        col(Referral.first_feedback_at).is_(None),
        col(Referral.withdrawn_at) <= due,
    )
    return and_(
        or_(col(Referral.first_feedback_at) <= as_of, due <= as_of),
        not_(func.coalesce(withdrawn_early, false())),
    )
