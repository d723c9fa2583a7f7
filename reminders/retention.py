"""The daily retention job, once per cluster per local day (as the coverage check)."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import Engine

from bot.rules import Rules
from bot.services.retention import purge
from store.locks import cluster_lock
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
JOB = "retention"

# Days this process saw done, so an idle tick asks the database nothing about them.
_done: set[tuple[str, str]] = set()


def run_daily_retention(engine: Engine, rules: Rules, *, now: datetime) -> int:
    """Under the cluster lock: purge unless today's run is recorded, then record it. Every
    day, holidays included: retention is a legal limit, not office work. Returns the number
    of cases and audit rows purged."""
    period = rules.today(now).isoformat()
    memo = (str(engine.url), period)
    if memo in _done:
        return 0
    with UnitOfWork(engine) as uow:
        if uow.jobs.has_run(name=JOB, period=period):
            _done.add(memo)
            return 0
    with cluster_lock(engine, JOB) as held:
        if not held:
            return 0
        with UnitOfWork(engine) as uow:
            if uow.jobs.has_run(name=JOB, period=period):
                return 0
        report = purge(UnitOfWork(engine), now=now, retention_days=rules.retention_days)
        with UnitOfWork(engine) as uow:
            uow.jobs.mark_run(name=JOB, period=period, now=now)
            uow.commit()
        _done.add(memo)
    if report.cases or report.audit:
        log.info("retention: %s closed cases and %s audit rows purged", report.cases, report.audit)
    return report.cases + report.audit
