"""Shared set-up for the benchmarks: a fresh PostgreSQL schema with the demo directory and
bulk rows made by the database itself (generate_series), so seeding a million takes seconds."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import yaml
from sqlalchemy import Engine, create_engine, text

from bot.app.directory.importer import import_directory
from store.db import make_engine, upgrade
from store.uow import UnitOfWork

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DIRECTORY = os.path.join(
    os.path.dirname(__file__), "..", "..", "bot", "main", "demo", "oosterwaard.yaml"
)


def fresh_schema(name: str) -> str:
    """Drops and creates schema `name`; returns a URL whose search_path is that schema."""
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    admin.dispose()
    return schema_url(name)


def schema_url(name: str) -> str:
    """The URL whose search_path is schema `name`."""
    separator = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{separator}options=-csearch_path%3D{name}"


def migrated_engine(url: str, **kwargs: object) -> Engine:
    engine = make_engine(url, **kwargs)
    upgrade(engine)
    with open(DIRECTORY, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    import_directory(UnitOfWork(engine), data, now=datetime(2026, 1, 5, 9, tzinfo=UTC))
    return engine


def seed_open_referrals(engine: Engine, *, count: int, at: datetime, due_after: timedelta) -> None:
    """`count` assigned referrals in jt-noord, each with an open feedback prompt that is
    sent and next due at `at + due_after` (in the future: nothing due)."""
    params = {"n": count, "at": at, "due": at + due_after, "feedback": at + timedelta(days=7)}
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO cases (id, ref, team_id, created_at) "
                "SELECT g, 'JT-NRD-B-' || g, 'jt-noord', :at FROM generate_series(1, :n) g"
            ),
            params,
        )
        connection.execute(
            text(
                "INSERT INTO referrals (id, case_id, team_id, referrer_id, consent, urgent,"
                " source, status, assignee_id, received_at, feedback_due_at, assigned_at) "
                "SELECT g, g, 'jt-noord', 'dr-bakker', 'status', false, 'api', 'assigned',"
                " (ARRAY['anna','carla','bram'])[1 + g % 3], :at, :feedback, :at "
                "FROM generate_series(1, :n) g"
            ),
            params,
        )
        connection.execute(
            text(
                "INSERT INTO prompts (id, referral_id, kind, person_id, state, created_at,"
                " next_action_at, sent_at, reminders_sent) "
                "SELECT g, g, 'feedback', (ARRAY['anna','carla','bram'])[1 + g % 3], 'open',"
                " :at, :due, :at, 0 FROM generate_series(1, :n) g"
            ),
            params,
        )
        for table in ("cases", "referrals", "prompts"):
            connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :n)"), params
            )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def make_due(engine: Engine, *, first: int, count: int, due: datetime, sent: datetime) -> None:
    """Prompts first..first+count-1 become due for their first reminder at `due`."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE prompts SET next_action_at = :due, sent_at = :sent, state = 'open',"
                " reminders_sent = 0 WHERE id >= :first AND id < :first + :count"
            ),
            {"due": due, "sent": sent, "first": first, "count": count},
        )
        connection.execute(text("DELETE FROM outbox"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("ANALYZE prompts"))
