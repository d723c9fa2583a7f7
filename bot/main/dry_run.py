"""`terugkoppel tick --dry-run`: the real pass of due work, on one database connection whose
commits are held back and rolled back at the end, then a list of the messages the outbox
would send now. Nothing is sent and nothing stays changed: no prompt moves a rung, no job
run is recorded, no audit row is added.

The pass is the real one (the same jobs, the same SQL, the same locks), so the list is what
`tick` would send, not a second guess of it. Only its own connection sees the writes; other
workers keep reading the committed state meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import StaticPool
from sqlmodel import col, select

from bot.messages import Action, Message, language_of
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork


@contextmanager
def rolled_back(engine: Engine) -> Iterator[Engine]:
    """An engine like `engine` (same database, same session settings) whose every change is
    undone when the block ends, however it ends."""
    pooled = engine.raw_connection()  # the connect events (pragmas, UTC) have run on it
    real = pooled.driver_connection
    assert real is not None
    dry = create_engine(
        engine.url, poolclass=StaticPool, creator=lambda: real, hide_parameters=True
    )
    # Every unit of work's commit and rollback, and the pool's close, do nothing on this
    # engine: all writes stay in the one open transaction, rolled back below for real.
    held: Any = dry.dialect
    held.do_commit = held.do_rollback = held.do_close = lambda _connection: None
    try:
        yield dry
    finally:
        dry.dispose()
        real.rollback()
        pooled.close()


@dataclass(frozen=True)
class WouldSend:
    to: str
    channel: str
    text: str


def pending(engine: Engine, *, now: datetime) -> list[WouldSend]:
    """The outbox rows a dispatcher would send at `now`, oldest first, as people read them."""
    with UnitOfWork(engine) as uow:
        rows = uow.session.exec(
            select(OutboxMessage)
            .where(
                col(OutboxMessage.sent_at).is_(None),
                col(OutboxMessage.failed_at).is_(None),
                col(OutboxMessage.not_before) <= now,
            )
            .order_by(col(OutboxMessage.id))
        ).all()
        names = {p.id: p.name for p in uow.directory.people()} if rows else {}
        out = []
        for row in rows:
            message = Message(
                key=row.message_key,
                params=dict(row.params),
                actions=tuple(Action.from_dict(a) for a in row.actions),
                language=language_of(row.language),
            )
            to = names.get(row.person_id or "", row.person_id or row.address or row.conversation)
            lines = [line.strip() for line in message.body().splitlines() if line.strip()]
            out.append(WouldSend(to=to, channel=row.platform or "", text=lines[0] if lines else ""))
        return out


def would_send(engine: Engine, *, now: datetime, run: Any) -> tuple[Any, list[WouldSend]]:
    """Runs `run(dry_engine)` (the pass without the dispatcher) and lists the outbox, then
    undoes it all."""
    with rolled_back(engine) as dry:
        report = run(dry)
        return report, pending(dry, now=now)
