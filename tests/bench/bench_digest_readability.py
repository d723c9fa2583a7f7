"""Flesch-Douma of the demo's digests as a whole (issue 23): runs the demo in-process on a
wide console, takes each "Overzicht …" block without its 12-week trend rows (a table of
figures), and scores the block with every line read as one sentence. Prints JSON.

    .venv/bin/python tests/bench/bench_digest_readability.py
"""

from __future__ import annotations

import io
import json
import re
import statistics

import textstat
from rich.console import Console

from bot.main.demo import run_demo

_TREND_ROW = re.compile(r"^\d{4}-W\d\d:")


def digests(output: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    for line in output.splitlines():
        row = line.strip()
        if row.startswith("Overzicht "):
            blocks.append([])
        if blocks and row and not _TREND_ROW.match(row):
            blocks[-1].append(row)
        elif blocks and not row:
            blocks[-1].append("")
    return [[row for row in block if row] for block in blocks]


def score(rows: list[str]) -> float:
    textstat.set_lang("nl")
    sentences = " ".join(row if row.endswith((".", "?", "!")) else f"{row}." for row in rows)
    return float(textstat.flesch_reading_ease(sentences))


def main() -> None:
    buffer = io.StringIO()
    run_demo(Console(file=buffer, width=1000, highlight=False), language="nl")
    scores = {block[0]: round(score(block), 1) for block in digests(buffer.getvalue())}
    print(json.dumps({"digests": scores, "mean": round(statistics.mean(scores.values()), 1)}))


if __name__ == "__main__":
    main()
