"""The reported digests: a week's figures kept as they were sent (store/schema/reports.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from store.repos.base import Repository
from store.schema.reports import ReportedDigest
from store.tenancy import session_tenant


class ReportedRepository(Repository):
    def get(self, *, scope: str, week: str) -> dict[str, Any] | None:
        row = self.session.get(ReportedDigest, (session_tenant(self.session), scope, week))
        return None if row is None else dict(row.figures)

    def of_weeks(self, *, scope: str, weeks: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The reported figures of these weeks that were reported, by week."""
        rows = self.session.exec(
            select(ReportedDigest).where(
                col(ReportedDigest.scope) == scope, col(ReportedDigest.week).in_(list(weeks))
            )
        )
        return {row.week: dict(row.figures) for row in rows}

    def keep(self, *, scope: str, week: str, figures: dict[str, Any], now: datetime) -> bool:
        """Keeps the figures unless the week was reported already (then the first stays);
        True when this call kept them. Safe when two workers race: the key decides."""
        if (
            self.session.get(ReportedDigest, (session_tenant(self.session), scope, week))
            is not None
        ):
            return False
        try:
            with self.session.begin_nested():
                self.session.add(
                    ReportedDigest(scope=scope, week=week, figures=figures, reported_at=now)
                )
        except IntegrityError:
            return False
        return True

    def purge(self, *, before: datetime) -> int:
        """Reported weeks older than the retention of closed cases (they name case refs)."""
        result = self.session.execute(
            delete(ReportedDigest).where(col(ReportedDigest.reported_at) < before)
        )
        return int(getattr(result, "rowcount", 0) or 0)
