"""Concurrent REST intake: `POST /api/v1/referrals` against the real app on uvicorn
(127.0.0.1) and PostgreSQL, with 1, 8, 16 and 32 requests in flight. Issue 19: case numbers
come from a counter, so no request may answer 5xx and every case reference is distinct.

    .venv/bin/python tests/bench/bench_intake_concurrency.py [--requests 320]

Prints one JSON object: per in-flight level the throughput (requests/s), p50 and p99 in ms,
the 5xx count and whether the case references were distinct. Needs PostgreSQL
(TEST_DATABASE_URL, default the local server).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import httpx
import uvicorn
from pydantic import SecretStr

from bot.logs import configure
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build
from tests.bench.seed import fresh_schema, migrated_engine

KEY = "bench-key-0001"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=320, help="requests per level")
    args = parser.parse_args()
    configure(level="ERROR", stream=sys.stderr)  # stdout carries the JSON only
    url = fresh_schema("bench_intake")
    engine = migrated_engine(url, pool_size=20, max_overflow=20)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=url,
        api_keys=SecretStr(f"bench:{KEY}"),
        api_rate_per_minute=100_000,
        api_rate_burst=10_000,
        api_rate_per_address_per_minute=1_000_000,
        api_rate_per_address_burst=100_000,
        log_level="ERROR",
    )
    app = create_app(build(settings, engine=engine), scheduler=False)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    results: dict[str, object] = {}
    counter = iter(range(10**9))
    lock = threading.Lock()
    try:
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120, limits=limits) as http:

            def post(_: int) -> tuple[float, int, str | None]:
                with lock:
                    n = next(counter)
                body = {
                    "team": "jt-noord",
                    "referrer": "dr-bakker",
                    "external_ref": f"B-{n}",
                    "consent": "status",
                }
                started = time.perf_counter()
                answer = http.post(
                    "/api/v1/referrals", json=body, headers={"Authorization": f"Bearer {KEY}"}
                )
                elapsed = time.perf_counter() - started
                ref = answer.json().get("case_ref") if answer.status_code < 500 else None
                return elapsed, answer.status_code, ref

            for in_flight in (1, 8, 16, 32):
                started = time.perf_counter()
                with ThreadPoolExecutor(in_flight) as pool:
                    done = list(pool.map(post, range(args.requests)))
                wall = time.perf_counter() - started
                timings = sorted(d[0] for d in done)
                refs = [d[2] for d in done if d[2]]
                results[str(in_flight)] = {
                    "requests": len(done),
                    "throughput_per_s": round(len(done) / wall, 1),
                    "p50_ms": round(statistics.median(timings) * 1000, 1),
                    "p99_ms": round(timings[int(len(timings) * 0.99) - 1] * 1000, 1),
                    "status_5xx": sum(1 for d in done if d[1] >= 500),
                    "status_other": sorted({d[1] for d in done if d[1] not in (201,)}),
                    "case_refs_distinct": len(refs) == len(set(refs)),
                }
    finally:
        server.should_exit = True
        thread.join(10)
        engine.dispose()
    print(json.dumps({"bench": "intake_concurrency", "in_flight": results}, indent=2))


if __name__ == "__main__":
    main()
