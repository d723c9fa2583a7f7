"""Outbox throughput: real `terugkoppel worker` processes sending to a fake Slack server
(its own process) across many channels, one worker and then two.

    .venv/bin/python tests/bench/bench_outbox.py [--channels 1000] [--per-channel 5]

Prints one JSON object: messages per second (from the enqueue to the last row recorded, and
from the first to the last message the fake received), per-channel limit breaches (the fake
counts a message that arrives within 1 s of the previous one in its channel), lost and
duplicated messages. Two scenarios: an instant fake Slack (how fast the dispatcher goes)
and one that answers in 100 ms like Slack does (what a second worker adds when sends wait
on the network). Needs PostgreSQL (TEST_DATABASE_URL, default the local server).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import Engine, text

from store.db import make_engine, upgrade
from tests.bench.seed import fresh_schema
from tests.outbox_load import ROOT, seed_outbox, start_worker


def fake_slack(latency: float) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.fakes.slack_server",
            "--port",
            "0",
            "--token",
            "xoxb-test",
            "--latency",
            str(latency),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def call(url: str, method: str = "GET") -> dict[str, float]:
    request = urllib.request.Request(url, method=method)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"{}")  # type: ignore[no-any-return]


def pending(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(
                text("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
            ).scalar_one()
        )


def run(
    engine: Engine, url: str, slack: str, workers: int, concurrency: int, args: argparse.Namespace
) -> dict:
    base = slack.removesuffix("/api/")
    call(f"{base}/_fake/reset", "POST")
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM outbox"))
    processes = [
        start_worker(url, slack, outbox_concurrency=str(concurrency)) for _ in range(workers)
    ]
    time.sleep(4)  # started and idle: the clock below measures sending, not start-up
    total = args.channels * args.per_channel
    seed_outbox(engine, channels=args.channels, per_channel=args.per_channel, prefix=f"w{workers}")
    started = time.perf_counter()
    while pending(engine) and time.perf_counter() - started < 600:
        time.sleep(0.02)
    elapsed = time.perf_counter() - started
    for process in processes:
        process.terminate()
        process.wait(timeout=30)
    stats = call(f"{base}/_fake/stats")
    return {
        "workers": workers,
        "messages": total,
        "seconds": round(elapsed, 2),
        "messages_per_second": round(total / elapsed, 1),
        "first_to_last_arrival_seconds": stats["first_to_last_seconds"],
        "messages_per_second_first_to_last": round(
            total / max(stats["first_to_last_seconds"], 1e-3), 1
        ),
        "channel_gap_p50_seconds": stats["channel_gap_p50"],
        "channel_gap_p90_seconds": stats["channel_gap_p90"],
        "first_round_seconds": stats["first_round_seconds"],
        "first_round_messages_per_second": round(
            args.channels / max(stats["first_round_seconds"], 1e-3), 1
        ),
        "received": stats["count"],
        "lost": total - stats["keys"],
        "double_sends": stats["duplicates"],
        "channel_limit_breaches": stats["breaches"],
    }


def scenario(url: str, latency: float, concurrency: int, args: argparse.Namespace) -> dict:
    """One and then two workers against a fake Slack that answers after `latency` seconds."""
    engine = make_engine(url)
    server, slack = fake_slack(latency)
    try:
        runs = [run(engine, url, slack, workers, concurrency, args) for workers in (1, 2)]
    finally:
        server.terminate()
        server.wait()
        engine.dispose()
    one, two = runs
    return {
        "fake_latency_s": latency,
        "concurrency_per_worker": concurrency,
        "one_worker": one,
        "two_workers": two,
        "two_over_one": round(two["messages_per_second"] / one["messages_per_second"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--channels", type=int, default=1000)
    parser.add_argument("--per-channel", type=int, default=5)
    parser.add_argument("--only", choices=["throughput", "scale_out"])
    args = parser.parse_args()
    url = fresh_schema("bench_outbox")
    upgrade(make_engine(url))
    print(
        json.dumps(
            {
                "channels": args.channels,
                "per_channel": args.per_channel,
                "channel_limit": "1 message per second per channel (Slack)",
                "fastest_possible_seconds": (args.per_channel - 1) * 1.0,
                # The dispatcher as fast as it goes: an instant fake Slack, 64 sends in flight.
                "throughput": None if args.only == "scale_out" else scenario(url, 0.0, 64, args),
                # Slack answers in about 100 ms; the default 32 sends in flight per worker.
                "scale_out": None if args.only == "throughput" else scenario(url, 0.1, 32, args),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
