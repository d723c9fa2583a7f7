"""The daily contact-coverage check, once per cluster per local day."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from bot.rules import Rules
from bot.services.contacts import check_coverage
from store.locks import cluster_lock
from store.uow import UnitOfWork

# Days this process saw done, so an idle tick asks the database nothing about them.
_done: set[tuple[str, str]] = set()


def run_daily_coverage(engine: Engine, rules: Rules, *, now: datetime) -> int:
    """Under the cluster lock: run unless today's run is recorded, then record it. A crash
    mid-run leaves it unrecorded, so another replica runs it again; the outbox keys keep
    that from telling anyone twice."""
    day = rules.today(now)
    if not rules.calendar.is_working_day(day):
        return 0
    period = day.isoformat()
    memo = (str(engine.url), period)
    if memo in _done:
        return 0
    with UnitOfWork(engine) as uow:
        if uow.jobs.has_run(name="coverage", period=period):
            _done.add(memo)
            return 0
    with cluster_lock(engine, "coverage") as held:
        if not held:
            return 0
        with UnitOfWork(engine) as uow:
            if uow.jobs.has_run(name="coverage", period=period):
                return 0
        done = check_coverage(UnitOfWork(engine), rules, now=now)
        with UnitOfWork(engine) as uow:
            uow.jobs.mark_run(name="coverage", period=period, now=now)
            uow.commit()
        _done.add(memo)
        return done
