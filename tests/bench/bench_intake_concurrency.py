"""Concurrent REST intake: `POST /api/v1/referrals` against 1 or 2 `terugkoppel serve
--no-scheduler` processes (different ports, one PostgreSQL schema), with 1, 2, 4, 8, 16 and
32 requests in flight, over a store that already holds a year of referrals. Issue 19: case
numbers come from a counter, so no request may answer 5xx and every case reference is
distinct. Issue 22: ≥ 100 referrals/s with p99 ≤ 200 ms with 2 replicas.

    .venv/bin/python tests/bench/bench_intake_concurrency.py \
        [--requests 300] [--seed 200000] [--replicas 1,2] [--in-flight 1,2,4,8,16,32]

Prints one JSON object: per replica count and in-flight level the throughput (requests/s),
p50 and p99 in ms, the 5xx count and whether the case references were distinct; requests
go round-robin over the replicas. Needs PostgreSQL (TEST_DATABASE_URL, default the local
server); the schema `bench_intake` is dropped and made anew.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import httpx
from sqlalchemy import Engine, text

from tests.bench.seed import fresh_schema, migrated_engine, schema_url

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
KEY = "bench-key-0001"
RUN = f"{int(time.time()):x}"  # external references unique over runs on a reused schema


def seed_year(engine: Engine, *, count: int, now: datetime) -> None:
    """`count` referrals of the past year over both demo teams and their referrers, each with
    its case, a sent receipt in the outbox and a status update; most reached contact, some
    intake and help, so the receipt's waiting times have a year of rows to read."""
    params = {"n": count, "now": now}
    statements = (
        "INSERT INTO cases (id, ref, team_id, created_at) "
        "SELECT g, 'SEED-' || g, (ARRAY['jt-noord','st-zuid'])[1 + g % 2],"
        " :now - (g % 365) * interval '1 day' FROM generate_series(1, :n) g",
        "INSERT INTO referrals (id, public_id, case_id, team_id, intake_team_id, referrer_id,"
        " external_ref, consent, urgent, source, status, received_at, feedback_due_at,"
        " status_changed_at, contact_made_at, contact_made_days, intake_planned_at,"
        " intake_planned_days, help_started_at, help_started_days) "
        "SELECT g, substr(md5(g::text), 1, 16), g, t, t,"
        " (ARRAY['dr-bakker','ib-smits','wijkagent-vos'])[1 + g % 3], 'S-' || g, 'status',"
        " false, 'api', CASE WHEN g % 10 < 7 THEN 'in_progress' ELSE 'received' END,"
        " r, r + interval '7 days', r,"
        " CASE WHEN g % 10 < 7 THEN r + (g % 5) * interval '1 day' END,"
        " CASE WHEN g % 10 < 7 THEN g % 5 END,"
        " CASE WHEN g % 10 < 5 THEN r + (3 + g % 7) * interval '1 day' END,"
        " CASE WHEN g % 10 < 5 THEN 3 + g % 7 END,"
        " CASE WHEN g % 10 < 3 THEN r + (10 + g % 20) * interval '1 day' END,"
        " CASE WHEN g % 10 < 3 THEN 10 + g % 20 END "
        "FROM (SELECT g, (ARRAY['jt-noord','st-zuid'])[1 + g % 2] AS t,"
        " :now - (g % 365) * interval '1 day' - (g % 480) * interval '1 minute' AS r"
        " FROM generate_series(1, :n) g) s",
        "INSERT INTO outbox (key, conversation, person_id, language, message_key, params,"
        " actions, referral_id, case_ref, created_at, not_before, attempts, sent_at) "
        "SELECT 'receipt:' || g || '.received', 'person:dr-bakker', 'dr-bakker', 'nl',"
        " 'referrer.received', '{}', '[]', g, 'SEED-' || g, :now, :now, 1, :now"
        " FROM generate_series(1, :n) g",
        "INSERT INTO status_updates (referral_id, status, told_as, created_at) "
        "SELECT g, 'received', 'referrer.received', :now FROM generate_series(1, :n) g",
    )
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement), params)
        for table in ("cases", "referrals"):
            connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :n)"), params
            )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def replica(url: str, port: int) -> Iterator[str]:
    """One `terugkoppel serve --no-scheduler` process on `port`; yields its base URL."""
    env = {
        **os.environ,
        "TERUGKOPPEL_DATABASE_URL": url,
        "TERUGKOPPEL_API_KEYS": f"bench:{KEY}",
        "TERUGKOPPEL_API_RATE_PER_MINUTE": "100000",
        "TERUGKOPPEL_API_RATE_BURST": "10000",
        "TERUGKOPPEL_API_RATE_PER_ADDRESS_PER_MINUTE": "1000000",
        "TERUGKOPPEL_API_RATE_PER_ADDRESS_BURST": "100000",
        "TERUGKOPPEL_LOG_LEVEL": "ERROR",
        "TERUGKOPPEL_CONSOLE_OUTPUT": "false",
    }
    args = [str(BIN / "terugkoppel"), "serve", "--no-scheduler", "--port", str(port)]
    proc = subprocess.Popen(
        args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=0.5).status_code < 500:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                error = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"serve did not start: {error}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


async def level(
    bases: list[str], in_flight: int, requests: int, numbers: Iterator[int]
) -> dict[str, object]:
    """`requests` intakes with `in_flight` at a time, round-robin over `bases`."""
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    headers = {"Authorization": f"Bearer {KEY}"}
    done: list[tuple[float, int, str | None]] = []
    async with httpx.AsyncClient(timeout=120, limits=limits, headers=headers) as http:

        async def post(base: str, n: int) -> None:
            ref = f"B-{RUN}-{n}"
            body = {"team": "jt-noord", "referrer": "dr-bakker", "external_ref": ref}
            started = time.perf_counter()
            url, payload = f"{base}/api/v1/referrals", {**body, "consent": "status"}
            try:
                answer = await http.post(url, json=payload)
            except (httpx.ReadError, httpx.RemoteProtocolError):
                # a kept-alive connection the server closed while idle: sent again (the same
                # external_ref, so a request that did arrive answers 200, shown in status_other)
                answer = await http.post(url, json=payload)
            elapsed = time.perf_counter() - started
            ref = answer.json().get("case_ref") if answer.status_code < 500 else None
            done.append((elapsed, answer.status_code, ref))

        async def worker(queue: asyncio.Queue[tuple[str, int]]) -> None:
            while not queue.empty():
                await post(*queue.get_nowait())

        await asyncio.gather(*(post(bases[i % len(bases)], next(numbers)) for i in range(4)))
        done.clear()  # warm-up: connections opened, caches filled
        queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
        for i in range(requests):
            queue.put_nowait((bases[i % len(bases)], next(numbers)))
        started = time.perf_counter()
        await asyncio.gather(*(worker(queue) for _ in range(in_flight)))
        wall = time.perf_counter() - started
    timings = sorted(d[0] for d in done)
    refs = [d[2] for d in done if d[2]]
    return {
        "requests": len(done),
        "throughput_per_s": round(len(done) / wall, 1),
        "p50_ms": round(statistics.median(timings) * 1000, 1),
        "p99_ms": round(timings[max(0, int(len(timings) * 0.99) - 1)] * 1000, 1),
        "status_5xx": sum(1 for d in done if d[1] >= 500),
        "status_other": sorted({d[1] for d in done if d[1] != 201}),
        "case_refs_distinct": len(refs) == len(set(refs)),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300, help="requests per level")
    parser.add_argument("--seed", type=int, default=200_000, help="referrals already stored")
    parser.add_argument("--replicas", default="1,2", help="replica counts to measure")
    parser.add_argument("--in-flight", default="1,2,4,8,16,32", help="in-flight levels")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the schema of the last run (seeded already)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    if args.reuse:
        url = schema_url("bench_intake")
    else:
        url = fresh_schema("bench_intake")
        engine = migrated_engine(url)
        if args.seed:
            seed_year(engine, count=args.seed, now=datetime.now(UTC))
        engine.dispose()
    seeded_s = round(time.perf_counter() - started, 1)
    numbers = itertools.count()
    results: dict[str, object] = {}
    for replicas in (int(r) for r in args.replicas.split(",")):
        with ExitStack() as stack:
            bases = [stack.enter_context(replica(url, free_port())) for _ in range(replicas)]
            results[str(replicas)] = {
                str(n): asyncio.run(level(bases, n, args.requests, numbers))
                for n in (int(n) for n in args.in_flight.split(","))
            }
    report = {
        "bench": "intake_concurrency",
        "seeded_referrals": args.seed,
        "seed_s": seeded_s,
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "replicas": results,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
