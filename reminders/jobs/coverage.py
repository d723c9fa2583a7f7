"""The daily contact-coverage check, once per cluster per local day."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from bot.app.contacts import check_coverage
from bot.domain.rules import Rules
from reminders.jobs.once import once_per_cluster
from store.uow import UnitOfWork


def run_daily_coverage(engine: Engine, rules: Rules, *, now: datetime) -> int:
    """On working days, once per cluster (reminders/jobs/once.py)."""
    day = rules.today(now)
    if not rules.calendar.is_working_day(day):
        return 0
    ran = once_per_cluster(
        engine,
        job="coverage",
        period=day.isoformat(),
        now=now,
        work=lambda: check_coverage(UnitOfWork(engine), rules, now=now),
    )
    return ran or 0
