"""Tick cost: an empty tick with many open referrals, and a tick with many due reminders,
against APScheduler with one persistent job per reminder (the design this one replaces).

    .venv/bin/python tests/bench/bench_tick.py [--open 1000000] [--due 20000]

Prints one JSON object. Needs PostgreSQL (TEST_DATABASE_URL, default the local server).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine, text

from bot.domain.rules import Rules
from reminders.jobs.due import apply_due_prompt
from reminders.scheduler import run_due_work
from tests.bench.seed import fresh_schema, make_due, migrated_engine, seed_open_referrals

# Tuesday 24 November 2026, 10:00 in Amsterdam: a working day, in office hours.
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
SENT = NOW - timedelta(days=1)
RULES = Rules()
_engine: Engine | None = None


def remind_job(prompt_id: int) -> None:
    """The baseline's job: one reminder, the same service call the tick makes per prompt."""
    assert _engine is not None
    apply_due_prompt(_engine, RULES, prompt_id, now=NOW)


def explain(engine: Engine) -> dict[str, str]:
    """Which plan each due-work query gets on the full tables."""
    queries = {
        "prompts": "SELECT id FROM prompts WHERE closed_at IS NULL AND next_action_at <= :now "
        "ORDER BY next_action_at LIMIT 500",
        "handovers": "SELECT id FROM handovers WHERE closed_at IS NULL AND next_action_at <= :now "
        "ORDER BY next_action_at LIMIT 1000",
        "outbox": "SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL "
        "AND not_before <= :now ORDER BY not_before, id LIMIT 200",
    }
    plans = {}
    with engine.connect() as connection:
        for name, sql in queries.items():
            rows = connection.execute(text("EXPLAIN " + sql), {"now": NOW}).all()
            plans[name] = " ".join(str(r[0]).strip() for r in rows if "Scan" in str(r[0]))
    return plans


def empty_ticks(engine: Engine, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run_due_work(engine, RULES, now=NOW)
        times.append((time.perf_counter() - started) * 1000)
    return times


def baseline(engine: Engine, due: int) -> dict[str, float]:
    """APScheduler 3 with a PostgreSQL job store (reminders must survive a restart), one
    date job per due reminder, its default thread pool of 10."""
    global _engine
    _engine = engine
    done = threading.Event()
    executed = 0
    errors = 0
    lock = threading.Lock()

    def listener(event: JobExecutionEvent) -> None:
        nonlocal executed, errors
        with lock:
            executed += 1
            errors += event.exception is not None
            if executed == due:
                done.set()

    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename="apscheduler_jobs")},
        executors={"default": ThreadPoolExecutor(10)},
        timezone=UTC,
    )
    scheduler.add_listener(listener, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    scheduler.start(paused=True)
    started = time.perf_counter()
    run_at = datetime.now(UTC)
    for prompt_id in range(1, due + 1):
        scheduler.add_job(
            remind_job,
            "date",
            run_date=run_at,
            args=[prompt_id],
            id=f"remind-{prompt_id}",
            misfire_grace_time=None,
        )
    scheduled = time.perf_counter() - started
    started = time.perf_counter()
    scheduler.resume()
    done.wait()
    handled = time.perf_counter() - started
    scheduler.shutdown(wait=True)
    return {"schedule_s": scheduled, "handle_s": handled, "errors": errors}


def outbox_rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM outbox")).scalar_one())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()

    engine = migrated_engine(fresh_schema("bench_tick"))
    seeded = time.perf_counter()
    seed_open_referrals(engine, count=args.open, at=SENT, due_after=timedelta(days=30))
    seed_s = time.perf_counter() - seeded

    empty_ticks(engine, 10)  # warm the pool and the caches
    empty = empty_ticks(engine, args.rounds)

    make_due(engine, first=1, count=args.due, due=NOW - timedelta(minutes=1), sent=SENT)
    started = time.perf_counter()
    prompts, _, _ = run_due_work(engine, RULES, now=NOW)
    tick_s = time.perf_counter() - started
    tick_rows = outbox_rows(engine)

    make_due(engine, first=1, count=args.due, due=NOW - timedelta(minutes=1), sent=SENT)
    base = baseline(engine, args.due)
    base_rows = outbox_rows(engine)

    result = {
        "open_referrals": args.open,
        "seed_s": round(seed_s, 1),
        "empty_tick_ms": {
            "median": round(statistics.median(empty), 3),
            "p95": round(sorted(empty)[int(len(empty) * 0.95) - 1], 3),
            "rounds": len(empty),
        },
        "due": args.due,
        "tick": {"handled": prompts, "seconds": round(tick_s, 3), "outbox_rows": tick_rows},
        "apscheduler_baseline": {
            "jobs": args.due,
            "schedule_seconds": round(base["schedule_s"], 3),
            "handle_seconds": round(base["handle_s"], 3),
            "errors": base["errors"],
            "outbox_rows": base_rows,
        },
        "speedup_handling": round(base["handle_s"] / tick_s, 1),
        "speedup_including_scheduling": round((base["handle_s"] + base["schedule_s"]) / tick_s, 1),
        "plans": explain(engine),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
