"""The daily contact-coverage check, once per cluster per local day."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from bot.rules import Rules
from bot.services.contacts import check_coverage
from store.uow import UnitOfWork


def run_daily_coverage(engine: Engine, rules: Rules, *, now: datetime) -> int:
    day = rules.today(now)
    if not rules.calendar.is_working_day(day):
        return 0
    with UnitOfWork(engine) as uow:
        first = uow.jobs.claim(name="coverage", period=day.isoformat(), now=now)
        uow.commit()
    if not first:
        return 0
    return check_coverage(UnitOfWork(engine), rules, now=now)
