"""The privacy guard (issue 19): quality on the corpus, speed, and what loading it costs.

    .venv/bin/python tests/bench/bench_privacy_guard.py [--per-kind 300] [--runs 3]

Prints one JSON object:
- recall per kind on tests/privacy_corpus.py (identifiers as professionals type them,
  several hundred per kind plus the variants named in the issue), the false-positive rate
  on its ordinary notes, and the median µs per note;
- `load`: the cost of the first check in a fresh process that has first imported what
  `serve` (bot.main.asgi, the Slack and Teams ways in, the use cases) or `worker`
  (reminders.scheduler, the use cases) import: seconds for that first check (the lookup
  structures are built then, lazily) and the RSS it adds (MiB, from /proc/self/status),
  median over `--runs` fresh processes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PROBE = r"""
import importlib, json, sys, time
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
for name in sys.argv[1].split(","):
    importlib.import_module(name)
before = rss()
start = time.perf_counter()
from bot.domain import privacy_guard
privacy_guard.check("Gesprek met emma gehad, bel moeder op 06 12345678.")
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rss_added_mib": rss() - before, "rss_mib": rss()}))
"""

PROCESSES = {
    "serve": "bot.main.asgi,adapters.slack.app,adapters.teams.endpoint,bot.app.prompts",
    "worker": "reminders.scheduler,bot.app.prompts",
}


def load_cost(modules: str, runs: int) -> dict[str, float]:
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, modules],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {
        "first_check_seconds": round(statistics.median(r["seconds"] for r in results), 3),
        "rss_added_mib": round(statistics.median(r["rss_added_mib"] for r in results), 1),
        "rss_after_mib": round(statistics.median(r["rss_mib"] for r in results), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-kind", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from bot.domain import privacy_guard
    from tests.privacy_corpus import corpus, ordinary, score

    privacy_guard.load()
    result = score(
        lambda note: [(f.kind, f.start, f.end) for f in privacy_guard.check(note)],
        per_kind=args.per_kind,
    )
    notes = [note for _, note, _, _ in corpus(args.per_kind)] + ordinary()
    timings = []
    for note in notes:
        start = time.perf_counter()
        privacy_guard.check(note)
        timings.append((time.perf_counter() - start) * 1e6)
    out = {
        "recall": result["recall"],
        "samples": result["samples"],
        "false_positive_rate": result["false_positive_rate"],
        "ordinary_notes": result["ordinary_notes"],
        "missed": len(result["missed"]),  # type: ignore[arg-type]
        "us_per_note_median": round(statistics.median(timings)),
        "us_per_note_p95": round(sorted(timings)[int(len(timings) * 0.95)]),
        "load": {name: load_cost(modules, args.runs) for name, modules in PROCESSES.items()},
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
