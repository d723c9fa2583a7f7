"""The tick: one pass over all due work, and the APScheduler job that repeats it."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import Engine

from bot.app.data import Data
from bot.app.moves import apply_answers, receive_moves
from bot.app.tenant_rules import rules_for
from bot.domain.rules import Rules
from reminders.delivery.dispatcher import Dispatcher, DispatchReport
from reminders.jobs.daily import run_daily_coverage, run_daily_retention, run_daily_stalls
from reminders.jobs.due import process_due_prompts, process_overdue_handovers
from reminders.jobs.referrer_loop import process_referrer_loop
from reminders.jobs.weekly import run_weekly_digests
from reminders.metrics import TICK_SECONDS
from store.tenancy import DEFAULT_TENANT, current_tenant, tenant_scope
from store.uow import UnitOfWork

log = logging.getLogger(__name__)

TICK_JOB_ID = "terugkoppel-tick"


@dataclass(frozen=True)
class TickReport:
    prompts: int
    handovers: int
    coverage: int
    sent: int
    retried: int
    failed: int
    digests: int = 0  # weekly digests queued
    purged: int = 0  # closed cases and audit rows purged by the daily retention job
    stalls: int = 0  # stalled-care escalations raised by the daily scan

    @property
    def actions(self) -> int:
        return self.prompts + self.handovers + self.coverage + self.digests + self.stalls


def run_due_work(engine: Engine, rules: Rules, *, now: datetime) -> tuple[int, int, int]:
    """Due prompts, overdue handovers and the daily coverage check: (prompts, handovers,
    coverage) actions taken. Every query here reads a partial index of due rows only."""
    started = time.perf_counter()
    try:
        with UnitOfWork(engine) as uow:
            due = uow.due.kinds(now=now)
        prompts = process_due_prompts(engine, rules, now=now) if due.prompts else 0
        handovers = process_overdue_handovers(engine, rules, now=now) if due.handovers else 0
        coverage = run_daily_coverage(engine, rules, now=now)
        # the referrer's own loop, counted with the prompts (messages to people)
        prompts += process_referrer_loop(engine, rules, now=now, due=due)
        if due.moves:  # a youth who moves between municipalities (bot/app/moves.py)
            handovers += _moves(engine, rules, now=now)
    finally:
        TICK_SECONDS.labels(tenant=current_tenant()).observe(time.perf_counter() - started)
    return prompts, handovers, coverage


def _moves(engine: Engine, rules: Rules, *, now: datetime) -> int:
    """This tenant's side of the moves between tenants: referrals to make of moves to it,
    answers to take in of moves from it."""
    data, tenant = Data(engine), current_tenant()
    received = receive_moves(data, rules, tenant=tenant, now=now)
    return len(received) + apply_answers(data, rules, tenant=tenant, now=now)


def _retention(engine: Engine, rules: Rules, *, now: datetime) -> int:
    """The daily retention, kept apart: when it fails (a database whose roles refuse the
    purge, a lock time-out) the failure is logged and the tick goes on to send the outbox.
    The day's run stays unrecorded, so the next tick tries again."""
    try:
        return run_daily_retention(engine, rules, now=now)
    except Exception:
        log.exception("retention failed; the tick goes on without it")
        return 0


async def run_tick(
    engine: Engine, rules: Rules, dispatcher: Dispatcher, *, now: datetime, dispatch: bool = True
) -> TickReport:
    """One pass: each tenant's due work, then (unless a dispatcher runs on its own) the
    outbox of all. The due work runs in a thread, so a dispatcher sharing the event loop
    keeps sending; each tenant's in its own units of work (store/tenancy.py)."""
    with UnitOfWork(engine) as uow:
        tenants = uow.tenants.ids() or [DEFAULT_TENANT]
    prompts = handovers = coverage = digests = purged = stalls = 0
    for tenant in tenants:
        own = rules_for(rules, tenant)  # the tenant's norms, office hours and retention
        with tenant_scope(tenant):
            p, h, c = await asyncio.to_thread(run_due_work, engine, own, now=now)
            digests += await asyncio.to_thread(run_weekly_digests, engine, own, now=now)
            purged += await asyncio.to_thread(_retention, engine, own, now=now)
            stalls += await asyncio.to_thread(run_daily_stalls, engine, own, now=now)
        prompts, handovers, coverage = prompts + p, handovers + h, coverage + c
    delivered = await dispatcher.run(now=now) if dispatch else DispatchReport()
    return TickReport(
        prompts,
        handovers,
        coverage,
        delivered.sent,
        delivered.retried,
        delivered.failed,
        digests,
        purged,
        stalls,
    )


def build_scheduler(
    engine: Engine,
    rules: Rules,
    dispatcher: Dispatcher,
    *,
    every_seconds: int,
    dispatch: bool = True,
) -> AsyncIOScheduler:
    """One job with a stable id; coalesced, never overlapping, tolerant of a late start.
    With `dispatch=False` the outbox is left to `Dispatcher.serve`, which runs continuously."""
    scheduler = AsyncIOScheduler(timezone=UTC)

    async def tick() -> None:
        report = await run_tick(engine, rules, dispatcher, now=datetime.now(UTC), dispatch=dispatch)
        if report.actions or report.sent:
            log.info("tick %s", report)

    scheduler.add_job(
        tick,
        "interval",
        seconds=every_seconds,
        id=TICK_JOB_ID,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=every_seconds * 5,
        replace_existing=True,
        next_run_time=datetime.now(UTC),
    )
    return scheduler


async def run_worker(
    engine: Engine,
    rules: Rules,
    dispatcher: Dispatcher,
    *,
    every_seconds: int,
    stop: asyncio.Event,
) -> None:
    """The scheduler for due work plus a continuously running dispatcher, until `stop`.
    Claimed messages that were not yet being sent are released on the way out."""
    scheduler = build_scheduler(
        engine, rules, dispatcher, every_seconds=every_seconds, dispatch=False
    )
    scheduler.start()
    try:
        await dispatcher.serve(stop)
    finally:
        scheduler.shutdown(wait=False)
