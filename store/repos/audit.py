"""The audit log's repository: entries appended to the hash chain, never changed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from sqlalchemy import false, update
from sqlmodel import col, select

from store.audit_chain import GENESIS, row_hash
from store.repos.base import Repository
from store.schema.audit import AuditAnchor, AuditEntry

_WALK = 1000  # rows per fetch while verifying


class AuditRepository(Repository):
    def add(self, entry: AuditEntry) -> None:
        """Appends `entry` to the chain. Its id, time and hashes are the store's: whatever the
        caller put there is replaced by the clock and the chain (on PostgreSQL by the
        table's trigger, so raw SQL cannot do otherwise either). Written at once, one row
        per INSERT, so the next entry of this transaction chains to it."""
        entry.id = None
        if self.session.get_bind().dialect.name == "postgresql":
            entry.at = entry.prev_hash = entry.hash = None  # the trigger's, returned
        else:
            # SQLite writes one transaction at a time, but reads outside one: a write that
            # changes nothing takes the database's write lock first, so no other writer
            # chains to the same row meanwhile.
            self.session.execute(update(AuditAnchor).where(false()).values(rows=0))
            entry.at = datetime.now(UTC)
            entry.prev_hash = self._last_hash()
            entry.hash = row_hash(entry, entry.prev_hash)
        self.session.add(entry)
        self.session.flush()

    def all(self) -> Sequence[AuditEntry]:
        return self.session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()

    def anchor(self) -> str | None:
        """The hash of the last row retention purged (where the chain starts), or None."""
        stmt = select(AuditAnchor.last_hash).order_by(col(AuditAnchor.id).desc()).limit(1)
        return self.session.exec(stmt).first()

    def walk(self) -> Iterator[AuditEntry]:
        """Every row in id order, fetched in pages (the table grows for five years)."""
        after = 0
        while True:
            stmt = (
                select(AuditEntry)
                .where(col(AuditEntry.id) > after)
                .order_by(col(AuditEntry.id))
                .limit(_WALK)
            )
            page = self.session.exec(stmt).all()
            if not page:
                return
            yield from page
            after = int(page[-1].id or 0)
            self.session.expunge_all()  # keep memory flat over millions of rows

    def _last_hash(self) -> str:
        stmt = select(AuditEntry.hash).order_by(col(AuditEntry.id).desc()).limit(1)
        last = self.session.exec(stmt).first()
        return last or self.anchor() or GENESIS
