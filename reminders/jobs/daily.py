"""The daily jobs, each once per cluster per local day: retention, and on working days the
contact-coverage check and the stalled-care scan."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import Engine

from bot.app.contacts import check_coverage
from bot.app.retention import purge
from bot.app.stalls import scan as scan_stalls
from bot.domain.rules import Rules
from reminders.jobs.once import once_per_cluster
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
JOB = "retention"


def run_daily_retention(engine: Engine, rules: Rules, *, now: datetime) -> int:
    """Once per cluster (reminders/jobs/once.py) every day, holidays included: retention is a
    legal limit, not office work. Returns the number of cases and audit rows purged."""

    def work() -> int:
        report = purge(UnitOfWork(engine), now=now, retention_days=rules.retention_days)
        if report.cases or report.audit:
            log.info(
                "retention: %s closed cases and %s audit rows purged", report.cases, report.audit
            )
        return report.cases + report.audit

    period = rules.today(now).isoformat()
    return once_per_cluster(engine, job=JOB, period=period, now=now, work=work) or 0


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


def run_daily_stalls(engine: Engine, rules: Rules, *, now: datetime) -> int:
    """Care that stalls (bot/app/stalls.py): on working days, once per cluster, from the
    opening of office hours (the coordinators read it that day). Returns escalations raised."""
    day = rules.today(now)
    if not rules.calendar.is_working_day(day) or now < rules.calendar.office_opening(day):
        return 0
    ran = once_per_cluster(
        engine,
        job="stalls",
        period=day.isoformat(),
        now=now,
        work=lambda: scan_stalls(UnitOfWork(engine), rules, now=now),
    )
    return ran or 0
