"""A long fuzz run over every HTTP endpoint (tests/fuzz_http.py): thousands of generated
requests (REST, link pages, Slack, Teams, health and unknown paths) against the whole app,
on SQLite and, with TEST_DATABASE_URL set, on PostgreSQL.

    TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python tests/bench/fuzz_http.py [--examples 1000]

Prints one JSON object: {"cases", "status_counts", "5xx", "by_database": {...}, "failures"}.
Goal: "5xx" is 0.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
import uuid
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import Engine, create_engine, text

from bot.domain.rules import Rules
from store.db import make_engine, upgrade
from tests.fuzz_http import STRATEGIES, fuzz, target


@contextmanager
def database(kind: str, folder: Path) -> Iterator[Engine]:
    if kind == "sqlite":
        engine = make_engine(f"sqlite:///{folder / 'fuzz.db'}")
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    url = os.environ["TEST_DATABASE_URL"]
    schema = f"fuzz_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in url else "?"
    engine = make_engine(f"{url}{separator}options=-csearch_path%3D{schema}")
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def run(kind: str, examples: int) -> dict[str, Any]:
    with (
        tempfile.TemporaryDirectory() as folder,
        database(kind, Path(folder)) as engine,
        target(engine, Rules(), Path(folder)) as app,
    ):
        started = time.perf_counter()
        for name in STRATEGIES:
            fuzz(app, name, examples, strict=False)
        seconds = time.perf_counter() - started
    return {
        "cases": app.cases,
        "status_counts": {str(k): v for k, v in sorted(app.statuses.items())},
        "5xx": sum(v for k, v in app.statuses.items() if k >= 500),
        "seconds": round(seconds, 1),
        "failures": app.failures[:20],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=1000, help="per endpoint group")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # the app's own lines are not what is measured
    warnings.simplefilter("ignore")
    kinds = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
    results = {kind: run(kind, args.examples) for kind in kinds}
    total: Counter[str] = Counter()
    for result in results.values():
        total.update(result["status_counts"])
    print(
        json.dumps(
            {
                "cases": sum(r["cases"] for r in results.values()),
                "status_counts": dict(sorted(total.items())),
                "5xx": sum(r["5xx"] for r in results.values()),
                "groups": list(STRATEGIES),
                "examples_per_group": args.examples,
                "by_database": results,
            }
        )
    )


if __name__ == "__main__":
    main()
