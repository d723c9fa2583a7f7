"""Audit rows the application cannot write: backdated (for retention tests) or forged (for
the chain's tests). Only a database superuser, with the triggers switched off for its own
session, or whoever holds the SQLite file can do this, and that is what these helpers are."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, text

from store.audit_chain import GENESIS, row_hash
from store.schema.audit import AuditEntry


@contextmanager
def superuser(engine: Engine) -> Iterator[Connection]:
    """A transaction that no audit trigger sees (PostgreSQL: session_replication_role)."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        yield connection


def last_hash(connection: Connection) -> str:
    last = connection.execute(text("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")).scalar()
    if last is None:
        last = connection.execute(
            text("SELECT last_hash FROM audit_anchor ORDER BY id DESC LIMIT 1")
        ).scalar()
    return str(last or GENESIS)


def insert_row(
    connection: Connection,
    *,
    at: datetime,
    prev_hash: str,
    row_id: int | None = None,
    hash_: str | None = None,
    case_ref: str = "JT-OLD-0001",
    event: str = "disclosed",
    actor: str = "terugkoppel",
) -> int:
    """Inserts a row as given (a correct hash over `prev_hash` unless `hash_` says otherwise)."""
    entry = AuditEntry(at=at, event=event, case_ref=case_ref, actor=actor)
    stored: object = at
    if connection.dialect.name == "sqlite":  # as UTCDateTime stores it: UTC, no offset
        stored = at.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    values = {
        "at": stored,
        "event": event,
        "case_ref": case_ref,
        "actor": actor,
        "prev_hash": prev_hash,
        "hash": hash_ or row_hash(entry, prev_hash),
    }
    if row_id is None and connection.dialect.name == "postgresql":
        row_id = int(
            connection.execute(
                text("SELECT nextval(pg_get_serial_sequence('audit', 'id'))")
            ).scalar_one()
        )
    if row_id is not None:
        values["id"] = row_id
    columns = ", ".join(values)
    placeholders = ", ".join(f":{name}" for name in values)
    inserted = connection.execute(
        text(f"INSERT INTO audit ({columns}) VALUES ({placeholders}) RETURNING id"),
        values,
    ).scalar_one()
    return int(inserted)


def backdated(engine: Engine, *, at: datetime, case_ref: str = "JT-OLD-0001") -> int:
    """A correctly chained audit row dated `at`."""
    with superuser(engine) as connection:
        return insert_row(connection, at=at, prev_hash=last_hash(connection), case_ref=case_ref)


def tamper(engine: Engine, statement: str, **params: object) -> None:
    """Runs `statement` past the append-only triggers (SQLite: drops them for good)."""
    with superuser(engine) as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER IF EXISTS audit_no_update"))
            connection.execute(text("DROP TRIGGER IF EXISTS audit_no_delete"))
        connection.execute(text(statement), params)
