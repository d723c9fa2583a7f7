"""The pace the outbox keeps towards Teams: 80 messages over 8 conversations through the
real dispatcher to the fake Bot Connector (a 429 with Retry-After 2 s, a 412, a 502 and a
504 on the way), measured on the fake's receive times.

    .venv/bin/python tests/bench/bench_teams_pace.py [--postgresql | --database-url URL]

Prints one JSON object. Default database: a fresh SQLite file (one message at a time, as
`terugkoppel` runs on SQLite); PostgreSQL (a fresh schema on the local server) sends with the production concurrency.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.domain.rules import Rules
from store.db import make_engine, upgrade
from tests.adapters.teams_env import fakes
from tests.adapters.test_teams_pace import most_in_a_second, seed, send_all
from tests.bench.seed import fresh_schema


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--postgresql", action="store_true", help="a fresh schema on PG_URL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        url = args.database_url or f"sqlite:///{folder}/pace.db"
        if args.postgresql:
            url = fresh_schema("bench_teams_pace")
        engine = make_engine(url)
        upgrade(engine)
        with fakes(Path(folder), patch) as the_fakes:
            connector = the_fakes.connector
            seed(engine, datetime.now(UTC))
            for status, headers in ((429, {"Retry-After": "2"}), (412, {}), (502, {}), (504, {})):
                connector.fail_next(status, headers)
            started = time.monotonic()
            send_all(engine, Rules(), the_fakes, connector)
            seconds = time.monotonic() - started
        engine.dispose()
    received = list(connector.received)
    per_conversation: dict[str, list[float]] = defaultdict(list)
    for conversation, _, at in received:
        per_conversation[conversation].append(at)
    print(
        json.dumps(
            {
                "database": engine.dialect.name,
                "messages": sum(1 for _, status, _ in received if status == 200),
                "requests": len(received),
                "refused": sorted(status for _, status, _ in received if status != 200),
                "seconds": round(seconds, 2),
                "most_requests_in_a_second_app": most_in_a_second([a for _, _, a in received]),
                "most_in_a_second_per_conversation": max(
                    map(most_in_a_second, per_conversation.values())
                ),
                "limits": {"app": 30, "conversation": 7},
            }
        )
    )


if __name__ == "__main__":
    main()
