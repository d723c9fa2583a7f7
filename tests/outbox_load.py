"""Outbox load for the worker tests and benchmarks: bulk rows to Slack channels, and real
`terugkoppel worker` processes pointed at a fake Slack server."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, insert

from store.schema.delivery import OutboxMessage

ROOT = Path(__file__).resolve().parents[1]


def seed_outbox(
    engine: Engine,
    *,
    channels: int,
    per_channel: int,
    prefix: str = "load",
    at: datetime | None = None,
) -> list[str]:
    """`channels` x `per_channel` messages to Slack channels C0000.., interleaved so that a
    channel's messages are spread through the queue; returns the idempotency keys."""
    at = at or datetime.now(UTC)
    rows = []
    for round_ in range(per_channel):
        for channel in range(channels):
            address = f"C{channel:05d}"
            rows.append(
                {
                    "key": f"{prefix}:{address}:{round_}",
                    "conversation": f"slack:{address}",
                    "platform": "slack",
                    "address": address,
                    "language": "nl",
                    "message_key": "intake.reminder",
                    "params": {"case_ref": f"JT-NRD-2026-{round_:04d}", "received": "maandag"},
                    "actions": [],
                    "created_at": at,
                    "not_before": at,
                    "attempts": 0,
                }
            )
    with engine.begin() as connection:
        for start in range(0, len(rows), 5000):
            connection.execute(insert(OutboxMessage.__table__), rows[start : start + 5000])  # type: ignore[attr-defined]
    return [row["key"] for row in rows]


def start_worker(
    database_url: str, slack_url: str, *, log: Path | None = None, **settings: str
) -> subprocess.Popen[bytes]:
    """A real `terugkoppel worker` process (the console script's code, run by this Python).
    Its log goes to `log` (appended), never to a pipe nobody reads, which would block it."""
    env = {
        **os.environ,
        "TERUGKOPPEL_DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "TERUGKOPPEL_SLACK_API_URL": slack_url,
        "TERUGKOPPEL_CONSOLE_OUTPUT": "false",
        "TERUGKOPPEL_TICK_SECONDS": "3600",
        **{f"TERUGKOPPEL_{name.upper()}": value for name, value in settings.items()},
    }
    return subprocess.Popen(
        [sys.executable, "-c", "from bot.main.cli import main; main()", "worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("ab") if log is not None else subprocess.DEVNULL,
    )
