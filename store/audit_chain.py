"""The audit hash chain: the canonical form of a row, its hash, and the walk that finds the
first broken link.

Every audit row carries `prev_hash` (the hash of the row before it, in id order) and `hash`
(SHA-256, hex, over `prev_hash` and the row's fields in the canonical form below). On
PostgreSQL a BEFORE INSERT trigger computes both (store/migrations/versions/0011_audit_chain.py,
`audit_chain()`), on SQLite the repository does (store/repos/audit.py); the two must agree to
the byte, and `audit verify` recomputes every hash here. Changing the form breaks every chain
that exists: a new form needs a new version prefix and a migration.

The form: `v1`, then `prev_hash`, then each field as `<length>:<text>` (length in characters)
or `~` for NULL, joined by `|`. The time is UTC with microseconds:
`2026-11-24T09:00:00.000000Z`. The row's id is not in the hash: the chain itself fixes the
order, and a row moved or inserted between two others breaks the link of the next one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, Protocol

GENESIS = "0" * 64  # the prev_hash of the very first row, when no purge anchored the chain
VERSION = "v1"
FIELDS = (
    "event",
    "case_ref",
    "actor",
    "on_behalf_of",
    "recipient",
    "channel",
    "basis",
    "message_key",
)


class ChainRow(Protocol):
    id: int | None
    at: datetime | None
    event: str
    case_ref: str | None
    actor: str
    on_behalf_of: str | None
    recipient: str | None
    channel: str | None
    basis: str | None
    message_key: str | None
    prev_hash: str | None
    hash: str | None


def moment(at: datetime) -> str:
    """The time as the chain writes it (PostgreSQL: to_char(at AT TIME ZONE 'UTC', …))."""
    if at.tzinfo is None:
        raise ValueError("the audit chain needs an aware time")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _field(value: str | None) -> str:
    return "~" if value is None else f"{len(value)}:{value}"


def canonical(row: ChainRow, prev_hash: str) -> str:
    at = moment(row.at) if row.at is not None else None
    parts = [VERSION, prev_hash, _field(at), *(_field(getattr(row, name)) for name in FIELDS)]
    return "|".join(parts)


def row_hash(row: ChainRow, prev_hash: str) -> str:
    return hashlib.sha256(canonical(row, prev_hash).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first row where the chain does not hold: `link` when its prev_hash is not the
    hash of the row before it (a row deleted, inserted or reordered before it), `content`
    when its own fields no longer give its hash (the row was changed)."""

    row_id: int
    reason: Literal["link", "content"]


@dataclass(frozen=True)
class Verdict:
    rows: int
    head: str  # the hash the next row will chain to: keep it elsewhere to detect a rewrite
    broken: Break | None


def verify(rows: Iterable[ChainRow], *, anchor: str | None) -> Verdict:
    """Walks `rows` in id order from `anchor` (the hash of the last row retention purged, or
    None: the chain starts at GENESIS) and returns the first break, if any."""
    expected = anchor or GENESIS
    count = 0
    for row in rows:
        count += 1
        row_id = int(row.id or 0)
        if row.prev_hash != expected:
            return Verdict(count, expected, Break(row_id, "link"))
        if row.hash != row_hash(row, expected):
            return Verdict(count, expected, Break(row_id, "content"))
        expected = row.hash
    return Verdict(count, expected, None)
