"""The tick: one pass over all due work, and the APScheduler job that repeats it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import Engine

from bot.rules import Rules
from reminders.coverage import run_daily_coverage
from reminders.dispatch import Dispatcher
from reminders.handovers import process_overdue_handovers
from reminders.prompts import process_due_prompts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TickReport:
    prompts: int
    handovers: int
    coverage: int
    sent: int
    retried: int
    failed: int

    @property
    def actions(self) -> int:
        return self.prompts + self.handovers + self.coverage


async def run_tick(
    engine: Engine, rules: Rules, dispatcher: Dispatcher, *, now: datetime
) -> TickReport:
    prompts = process_due_prompts(engine, rules, now=now)
    handovers = process_overdue_handovers(engine, rules, now=now)
    coverage = run_daily_coverage(engine, rules, now=now)
    delivered = await dispatcher.run(now=now)
    return TickReport(
        prompts, handovers, coverage, delivered.sent, delivered.retried, delivered.failed
    )


def build_scheduler(
    engine: Engine, rules: Rules, dispatcher: Dispatcher, *, every_seconds: int
) -> AsyncIOScheduler:
    """One job with a stable id; coalesced, never overlapping, tolerant of a late start."""
    scheduler = AsyncIOScheduler(timezone=UTC)

    async def tick() -> None:
        report = await run_tick(engine, rules, dispatcher, now=datetime.now(UTC))
        if report.actions or report.sent:
            log.info("tick %s", report)

    scheduler.add_job(
        tick,
        "interval",
        seconds=every_seconds,
        id="terugkoppel-tick",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=every_seconds * 5,
        replace_existing=True,
        next_run_time=datetime.now(UTC),
    )
    return scheduler
