"""API-key lookup: a known key, an unknown key of the same shape, a wrong secret for a
known lookup part, a configured key and a non-`tk_` token must cost the same (issue 19:
the lookup runs in constant time). Times `bot.app.apikeys.Authenticator` directly.

    .venv/bin/python tests/bench/bench_key_lookup.py [--rounds 2000] [--sqlite]

Prints one JSON object: per kind the median and p90 in microseconds. Needs PostgreSQL
(TEST_DATABASE_URL, default the local server) unless --sqlite.
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.app.apikeys import Authenticator, create_key
from store.uow import UnitOfWork
from tests.bench.seed import fresh_schema, migrated_engine

NOW = datetime(2026, 4, 22, 9, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    if args.sqlite:
        url = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    else:
        url = fresh_schema("bench_key_lookup")
    engine = migrated_engine(url)
    known = create_key(UnitOfWork(engine), name="bekend", now=NOW, organisation="hap-noord")
    for n in range(200):  # a realistic number of stored keys
        create_key(UnitOfWork(engine), name=f"k{n}", now=NOW)
    configured = "configured-" + secrets.token_urlsafe(24)
    authenticate = Authenticator(
        {f"c{n}": secrets.token_urlsafe(24) for n in range(5)} | {"c": configured}
    )
    kinds = {
        "known": lambda: known,
        "unknown": lambda: f"tk_{secrets.token_hex(8)}_{secrets.token_urlsafe(32)}",
        "wrong_secret": lambda: known[: known.rindex("_") + 1] + secrets.token_urlsafe(32),
        "configured": lambda: configured,
        "not_tk": lambda: secrets.token_urlsafe(40),
    }
    timings: dict[str, list[float]] = {kind: [] for kind in kinds}
    order = [kind for kind in kinds for _ in range(args.rounds)]
    random.shuffle(order)  # interleaved, so drift hits every kind alike
    for kind in order:
        token = kinds[kind]()
        started = time.perf_counter()
        authenticate(UnitOfWork(engine), token)
        timings[kind].append(time.perf_counter() - started)
    engine.dispose()
    result = {
        kind: {
            "median_us": round(statistics.median(values) * 1e6, 1),
            "p90_us": round(sorted(values)[int(len(values) * 0.9)] * 1e6, 1),
        }
        for kind, values in timings.items()
    }
    store = "sqlite" if args.sqlite else "postgresql"
    print(json.dumps({"bench": "key_lookup", "store": store, "rounds": args.rounds, **result}))


if __name__ == "__main__":
    main()
