"""The outbox: every message to a person waits here until a dispatcher delivered it.

Messages form one queue per conversation (a person, or a channel): only a queue's head
can be claimed, so one message per conversation is in flight across all workers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import Integer, String, Update, bindparam, column, func, or_, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from store.schema.delivery import OutboxMessage
from store.tenancy import DEFAULT_TENANT, DELIVERY, session_tenant
from store.types import UTCDateTime


@dataclass(frozen=True, slots=True)
class Queued:
    """An outbox row as a dispatcher needs it, read without building ORM objects."""

    id: int
    key: str
    conversation: str
    person_id: str | None
    platform: str | None
    address: str | None
    language: str
    message_key: str
    params: dict[str, Any]
    actions: list[dict[str, Any]]
    referral_id: int | None
    case_ref: str | None
    disclosure_basis: str | None
    attempts: int
    not_before: datetime  # not to be sent earlier (a conversation's pace, office hours, a retry)
    tenant_id: str = "default"  # whose message: its bookkeeping runs in that tenant


@dataclass(frozen=True)
class Claim:
    """A claimed outbox row. `unconfirmed_since` is set when an earlier attempt may have
    reached the provider (its worker's claim expired, or the provider timed out)."""

    row: Queued
    unconfirmed_since: datetime | None


_TABLE = OutboxMessage.__table__  # type: ignore[attr-defined]  # Core: no ORM objects
_FIELDS = tuple(Queued.__dataclass_fields__)
_QUEUED_COLUMNS = (*_FIELDS, "claimed_until", "claimed_at", "error")


# The model's own defaults, for outbox rows written without building model objects.
_OUTBOX_DEFAULTS: dict[str, Any] = {
    name: field.get_default(call_default_factory=True)
    for name, field in OutboxMessage.model_fields.items()
    if name != "id" and not field.is_required()
}


@dataclass(frozen=True)
class Sent:
    """A provider's answer for one outbox row, as `mark_sent` records it."""

    id: int
    conversation: str
    at: datetime
    channel: str
    message_id: str
    space: float  # seconds the conversation's next message waits (the channel's limit)


UNCONFIRMED = "unconfirmed"  # error text of a row whose last attempt may have arrived
_PENDING = (col(OutboxMessage.sent_at).is_(None), col(OutboxMessage.failed_at).is_(None))


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._collected: dict[str, dict[str, Any]] | None = None

    def _key(self, key: str) -> str:
        """The key as stored: unique in the installation, so another tenant's key (a
        digest's key names a week and a recipient) never silently drops this one."""
        tenant = session_tenant(self.session)
        return key if tenant in (DEFAULT_TENANT, DELIVERY) else f"{tenant}/{key}"

    def exists(self, *, key: str) -> bool:
        stmt = select(OutboxMessage.id).where(OutboxMessage.key == self._key(key))
        return self.session.exec(stmt).first() is not None

    def enqueue(self, **fields: Any) -> bool:
        """Adds a message unless one with the same idempotency key (`key`) exists; True when
        added. In a collecting unit of work the database checks the key at flush."""
        key = fields["key"] = self._key(fields["key"])
        if self._collected is not None:
            if key in self._collected:
                return False
            tenant = session_tenant(self.session)
            self._collected[key] = {**_OUTBOX_DEFAULTS, **fields, "tenant_id": tenant}
            return True
        if self.session.exec(select(OutboxMessage.id).where(OutboxMessage.key == key)).first():
            return False
        self.session.add(OutboxMessage(**fields))
        return True

    def collect(self) -> None:
        """From now on rows are gathered and written by `flush_collected` in one statement,
        skipping keys that already exist (INSERT ... ON CONFLICT DO NOTHING). For batches:
        building plain rows costs a fraction of building ORM objects."""
        self._collected = {}

    def flush_collected(self) -> None:
        if not self._collected:
            return
        rows = list(self._collected.values())
        self._collected = {}
        if self.session.get_bind().dialect.name == "postgresql" and all(
            row.keys() <= _NEW_ROW_KEYS for row in rows
        ):
            # One statement, one JSON parameter: thousands of rows cost one round trip. The
            # server reads the columns it names and ignores the rest.
            document = orjson.dumps(rows).decode()
            self.session.execute(_INSERT_NEW, {"rows": document})
            return
        dialect = self.session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        self.session.execute(insert(_TABLE).on_conflict_do_nothing(index_elements=["key"]), rows)

    def discard_collected(self) -> None:
        if self._collected is not None:
            self._collected = {}

    def get(self, *, id: int) -> OutboxMessage | None:
        return self.session.get(OutboxMessage, id)

    def claim_due(
        self,
        *,
        now: datetime,
        limit: int,
        lease_until: datetime,
        worker: str,
        horizon: datetime | None = None,
    ) -> list[Claim]:
        """Claims the head of each due conversation queue, so one message per conversation is
        in flight across all workers. SKIP LOCKED lets several dispatchers share PostgreSQL;
        a claim whose lease ran out (its worker died) is taken over. Plain rows, two
        statements: a dispatcher claims thousands a second. With `horizon`, rows due up to
        then are claimed too: the dispatcher holds each until its `not_before`."""
        table = _TABLE
        older = table.alias("older")
        # The queue's head, found per candidate by one probe of ix_outbox_conversation.
        head = (
            select(older.c.id)
            .where(
                older.c.conversation == table.c.conversation,
                older.c.sent_at.is_(None),
                older.c.failed_at.is_(None),
            )
            .order_by(older.c.id)
            .limit(1)
            .correlate(table)
            .scalar_subquery()
        )
        stmt = (
            select(*(table.c[name] for name in _QUEUED_COLUMNS))
            .where(
                table.c.sent_at.is_(None),
                table.c.failed_at.is_(None),
                table.c.not_before <= (horizon or now),
                or_(table.c.claimed_until.is_(None), table.c.claimed_until < now),
                table.c.id == head,
            )
            .order_by(table.c.not_before, table.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True, of=table)
        )
        rows = self.session.execute(stmt).mappings().all()
        if not rows:
            return []
        self.session.execute(
            update(table)
            .where(table.c.id.in_([row["id"] for row in rows]))
            .values(claimed_until=lease_until, claimed_at=now, claimed_by=worker)
        )
        claims = []
        for row in rows:
            unconfirmed = row["claimed_until"] is not None or row["error"] == UNCONFIRMED
            since = (row["claimed_at"] or now) if unconfirmed else None
            claims.append(Claim(Queued(**{name: row[name] for name in _FIELDS}), since))
        return claims

    def mark_sent(self, sent: Sequence[Sent]) -> None:
        """Records the provider's answers for a group of rows (a group commit). The next
        message of each conversation waits `space` seconds, which keeps every worker within
        the channel's rate limit. PostgreSQL gets each step as one statement over arrays
        (unnest); SQLite (one process, small volumes) the same statements row by row."""
        rows = [
            {
                "row_id": s.id,
                "sent_at_": s.at,
                "channel_": s.channel,
                "message_id_": s.message_id[:200],
                "queue": s.conversation,
                "until": s.at + timedelta(seconds=s.space),
            }
            for s in sent
        ]
        spaced = [row for row, s in zip(rows, sent, strict=True) if s.space > 0]
        postgres = self.session.get_bind().dialect.name == "postgresql"
        for build, data in ((_mark_sent, rows), (_space_next, spaced)):
            if not data:
                continue
            if postgres:
                self.session.execute(
                    build(_UNNESTED.c.__getitem__),
                    {name: [row[name] for row in data] for name, _ in _SENT_COLUMNS},
                )
            else:
                self.session.execute(build(bindparam), data)

    def defer(self, *, id: int, until: datetime, error: str, attempt: bool) -> None:
        """Back in the queue at `until`; `attempt` counts it towards the retry limit."""
        values: dict[str, object] = {"not_before": until, "claimed_until": None, "error": error}
        if attempt:
            values["attempts"] = OutboxMessage.attempts + 1
        self.session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.id) == id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    def release(self, *, worker: str) -> int:
        """Gives back what `worker` claimed but did not send (a clean shutdown)."""
        result = self.session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.claimed_by) == worker, *_PENDING)
            .where(col(OutboxMessage.claimed_until).is_not(None))
            .values(claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def next_due(self) -> datetime | None:
        """When the earliest pending message falls due (partial index, one row read)."""
        stmt = select(func.min(OutboxMessage.not_before)).where(*_PENDING)
        return self.session.exec(stmt).one()

    def pending_count(self) -> int:
        stmt = select(func.count()).select_from(OutboxMessage).where(*_PENDING)
        return int(self.session.exec(stmt).one())

    def all(self) -> Sequence[OutboxMessage]:
        return self.session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all()

    def for_referral(self, *, referral_id: int) -> Sequence[OutboxMessage]:
        """The messages about one referral, newest first (a card's refresh reads them)."""
        stmt = (
            select(OutboxMessage)
            .where(col(OutboxMessage.referral_id) == referral_id)
            .order_by(col(OutboxMessage.id).desc())
        )
        return self.session.exec(stmt).all()


# What `mark_sent` writes, named apart from the columns (SQLAlchemy reserves those names).
_SENT_COLUMNS = (
    ("row_id", Integer()),
    ("sent_at_", UTCDateTime()),
    ("channel_", String()),
    ("message_id_", String()),
    ("queue", String()),
    ("until", UTCDateTime()),
)
# PostgreSQL: the rows as one array per column, unnested into a table; the statement text
# is the same for any number of rows, so it is compiled once.
_UNNESTED = (
    func.unnest(*(bindparam(name, type_=ARRAY(type_)) for name, type_ in _SENT_COLUMNS))
    .table_valued(*(column(name, type_) for name, type_ in _SENT_COLUMNS))
    .render_derived(name="sent")
)


# What `enqueue` writes (a new row's other columns start empty), with PostgreSQL's types.
_NEW_COLUMNS = {
    "key": "varchar",
    "conversation": "varchar",
    "person_id": "varchar",
    "platform": "varchar",
    "address": "varchar",
    "language": "varchar",
    "message_key": "varchar",
    "params": "json",
    "actions": "json",
    "referral_id": "integer",
    "case_ref": "varchar",
    "disclosure_basis": "varchar",
    "created_at": "timestamptz",
    "not_before": "timestamptz",
    "attempts": "integer",
    "tenant_id": "varchar",
}
_NEW_ROW_KEYS = _NEW_COLUMNS.keys() | {
    name for name, value in _OUTBOX_DEFAULTS.items() if value is None
}
# PostgreSQL: the whole batch as one JSON document, read back as rows by the server.
_QUOTED = ", ".join(f'"{name}"' for name in _NEW_COLUMNS)
_RECORD = ", ".join(f'"{name}" {type_}' for name, type_ in _NEW_COLUMNS.items())
_INSERT_NEW = text(
    f"INSERT INTO outbox ({_QUOTED}) SELECT {_QUOTED} "
    f"FROM json_to_recordset(CAST(:rows AS json)) AS new({_RECORD}) "
    'ON CONFLICT ("key") DO NOTHING'
)


def _mark_sent(ref: Callable[[str], Any]) -> Update:
    return (
        update(_TABLE)
        .where(_TABLE.c.id == ref("row_id"))
        .values(
            sent_at=ref("sent_at_"),
            channel=ref("channel_"),
            provider_message_id=ref("message_id_"),
            claimed_until=None,
            attempts=_TABLE.c.attempts + 1,
            error=None,
        )
    )


def _space_next(ref: Callable[[str], Any]) -> Update:
    """The conversation's next messages wait until `until`."""
    return (
        update(_TABLE)
        .where(
            _TABLE.c.conversation == ref("queue"),
            _TABLE.c.sent_at.is_(None),
            _TABLE.c.failed_at.is_(None),
            _TABLE.c.id != ref("row_id"),
            _TABLE.c.not_before < ref("until"),
        )
        .values(not_before=ref("until"))
    )
