"""Waiting times and stalled care: the working days from receipt to each milestone (median
and 80th percentile, computed by the database), and the referrals whose care has stalled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from store.repos.base import Repository
from store.schema.cases import Case, Escalation, Referral

# The escalations of care that stalls (bot/app/stalls.py), counted in the digest.
STALL_KINDS = ("snooze_cap", "help_late", "stale", "page")
# The milestones a waiting time is measured to, in the order a referral reaches them.
LEGS = ("contact_made", "intake_planned", "help_started")


@dataclass(frozen=True)
class Wait:
    count: int  # referrals that reached the milestone in the period
    median: float | None
    p80: float | None


@dataclass(frozen=True)
class Stalled:
    referral_id: int
    case_ref: str
    team_id: str
    assignee_id: str | None
    status: str
    since: datetime  # the status change (or the intake) the working days are counted from


class WaitRepository(Repository):
    def waits(self, *, team: str | None, start: datetime, end: datetime) -> dict[str, Wait]:
        """Per milestone, over the referrals that reached it in [start, end): the working
        days from receipt (each read by the (intake team, milestone) index). A referral counts
        for the team that received it, also after a handover, like every digest figure."""
        return {leg: self._spread(leg, team=team, start=start, end=end) for leg in LEGS}

    def _spread(self, leg: str, *, team: str | None, start: datetime, end: datetime) -> Wait:
        days: Any = col(getattr(Referral, f"{leg}_days"))
        at: Any = col(getattr(Referral, f"{leg}_at"))
        where = [at >= start, at < end, days.is_not(None)]
        if team is not None:
            where.append(col(Referral.intake_team_id) == team)
        if self.session.get_bind().dialect.name == "postgresql":
            stmt = select(
                func.count(days),
                func.percentile_cont(0.5).within_group(days),
                func.percentile_cont(0.8).within_group(days),
            ).where(*where)
            count, median, p80 = self.session.exec(stmt).one()
            if not count:
                return Wait(0, None, None)
            return Wait(int(count), float(median), float(p80))
        # SQLite has no percentile: count, then read the one or two values each needs.
        count = int(self.session.exec(select(func.count(days)).where(*where)).one())
        if count == 0:
            return Wait(0, None, None)
        ordered = select(days).where(*where).order_by(days)

        def percentile(fraction: float) -> float:
            rank = (count - 1) * fraction
            low = int(rank)
            values = [int(v or 0) for v in self.session.exec(ordered.offset(low).limit(2))]
            upper = values[1] if len(values) > 1 else values[0]
            return float(values[0] + (upper - values[0]) * (rank - low))

        return Wait(count, percentile(0.5), percentile(0.8))

    def stalled(
        self,
        *,
        team: str,
        kind: str,
        statuses: Sequence[str],
        since_column: str,
        before: datetime,
        limit: int = 500,
    ) -> list[Stalled]:
        """Referrals of `team` in one of `statuses` whose `since_column` (a moment) lies
        before `before`, with no escalation of `kind` raised since that moment."""
        since: Any = col(getattr(Referral, since_column))
        raised = (
            select(Escalation.id)
            .where(
                col(Escalation.referral_id) == col(Referral.id),
                col(Escalation.kind) == kind,
                col(Escalation.created_at) >= since,
            )
            .exists()
        )
        stmt = (
            sa_select(
                col(Referral.id),
                col(Case.ref),
                col(Referral.team_id),
                col(Referral.assignee_id),
                col(Referral.status),
                since,
            )
            .join(Case, col(Case.id) == col(Referral.case_id))
            .where(
                and_(
                    col(Referral.team_id) == team,
                    since < before,
                    col(Referral.status).in_(statuses),
                    ~raised,
                )
            )
            .order_by(since, col(Referral.id))
            .limit(limit)
        )
        return [
            Stalled(int(id_ or 0), ref, team_id, assignee, status, moment)
            for id_, ref, team_id, assignee, status, moment in self.session.execute(stmt).all()
        ]

    def stalled_count(self, *, team: str | None, start: datetime, end: datetime) -> int:
        """Stalled-care escalations raised in [start, end)."""
        stmt = select(func.count(col(Escalation.id))).where(
            col(Escalation.created_at) >= start,
            col(Escalation.created_at) < end,
            col(Escalation.kind).in_(STALL_KINDS),
        )
        if team is not None:
            stmt = stmt.where(col(Escalation.team_id) == team)
        return int(self.session.exec(stmt).one())
