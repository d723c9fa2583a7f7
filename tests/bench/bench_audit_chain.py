"""Audit chain benchmark on PostgreSQL: what the trigger (lock, chain, hash) costs a write,
and how long `audit verify` takes over a large table.

Writes audit rows one transaction each, from one thread and from four (the writers queue
on the chain's advisory lock), then 100 disclosures in one transaction (a group commit of
the outbox), then verifies 200,000 rows. Prints JSON. Run:
`.venv/bin/python tests/bench/bench_audit_chain.py` (TEST_DATABASE_URL or the local server;
its own schema, dropped afterwards).
"""

from __future__ import annotations

import json
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.app import notify
from bot.app.audit_check import verify_chain
from store.db import make_engine, upgrade
from store.uow import UnitOfWork
from tests.bench.seed import PG_URL, fresh_schema

SCHEMA = "bench_audit_chain"
SINGLE = 1000
THREADS, PER_THREAD = 4, 250
GROUP = 100
VERIFY_ROWS = 200_000


def write(engine: Engine, count: int, per_transaction: int = 1) -> None:
    for _ in range(count):
        with UnitOfWork(engine) as uow:
            for n in range(per_transaction):
                notify.audit(
                    uow,
                    event="disclosed",
                    now=datetime.now(UTC),
                    actor="terugkoppel",
                    case_ref="JT-2026-0001",
                    recipient=f"person-{n}",
                    channel="slack",
                    basis="consent:status",
                    message_key="referrer.status",
                )
            uow.commit()


def main() -> None:
    url = fresh_schema(SCHEMA)
    engine = make_engine(url, pool_size=THREADS + 1)
    upgrade(engine)
    figures: dict[str, float | int] = {}
    try:
        started = time.perf_counter()
        write(engine, SINGLE)
        elapsed = time.perf_counter() - started
        figures["one_writer_rows_per_s"] = round(SINGLE / elapsed)
        figures["one_writer_ms_per_row"] = round(elapsed / SINGLE * 1000, 2)

        threads = [
            threading.Thread(target=write, args=(engine, PER_THREAD)) for _ in range(THREADS)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        figures["four_writers_rows_per_s"] = round(THREADS * PER_THREAD / elapsed)

        started = time.perf_counter()
        write(engine, 1, per_transaction=GROUP)
        figures["group_of_100_ms"] = round((time.perf_counter() - started) * 1000, 1)

        # Bulk rows for the walk: inserted through the trigger, so the chain is real.
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit (event, actor, case_ref, recipient, basis) "
                    "SELECT 'disclosed', 'terugkoppel', 'JT-' || g, 'person-' || g, "
                    "'consent:status' FROM generate_series(1, :n) g"
                ),
                {"n": VERIFY_ROWS - SINGLE - THREADS * PER_THREAD - GROUP},
            )
        started = time.perf_counter()
        verdict = verify_chain(UnitOfWork(engine))
        elapsed = time.perf_counter() - started
        assert verdict.broken is None, verdict
        figures["verify_rows"] = verdict.rows
        figures["verify_s"] = round(elapsed, 2)
        figures["verify_rows_per_s"] = round(verdict.rows / elapsed)
    finally:
        engine.dispose()
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE'))
        admin.dispose()
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
