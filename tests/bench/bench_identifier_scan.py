"""The identifier scan over a generated run: every outbound message rendered and searched.

    .venv/bin/python tests/bench/bench_identifier_scan.py --cases 10000 [--database-url URL]

Prints JSON {cases, messages_scanned, hits, disclosures, audit_rows, notes_refused, seconds}.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.domain.rules import Rules
from store.db import make_engine, upgrade
from tests.identifier_scan import generated_run, scan, scan_rules
from tests.world import make_world


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(args.database_url or f"sqlite:///{folder}/scan.db")
        upgrade(engine)
        started = time.perf_counter()
        world = make_world(engine, scan_rules(Rules()))
        secrets = generated_run(world, cases=args.cases)
        result = scan(engine, secrets=secrets, cases=args.cases)
        seconds = round(time.perf_counter() - started, 1)
        engine.dispose()
    for key, body, found in result.hits[:10]:
        print(f"HIT {key}: {found}: {body}", file=sys.stderr)
    print(
        json.dumps(
            {
                "cases": result.cases,
                "messages_scanned": result.messages_scanned,
                "hits": len(result.hits),
                "disclosures": result.disclosures,
                "audit_rows": result.audit_rows,
                "notes_refused": result.notes_refused,
                "seconds": seconds,
            }
        )
    )


if __name__ == "__main__":
    main()
