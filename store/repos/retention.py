"""Retention: closed cases purged with everything that hangs off them; old audit rows.

What hangs off a case is found through the schema's foreign keys, so a table added later
(with a key to cases, referrals, prompts, …) is purged along without a change here. Only
the columns in KEEP survive, with the link to the purged row cleared: the satisfaction
score keeps counting in the digest's trend, but no longer points at a referral.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Table, delete, func, text, update
from sqlmodel import col, select

from store.repos.base import Repository
from store.schema import metadata
from store.schema.audit import AuditAnchor, AuditEntry
from store.schema.cases import Case
from store.schema.idempotency import LinkUse

KEEP: frozenset[tuple[str, str]] = frozenset({("satisfaction", "referral_id")})
_CHUNK = 500


def _chunks(ids: Sequence[object]) -> list[list[object]]:
    items = list(ids)
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


class RetentionRepository(Repository):
    """What retention purges: closed cases with every row hanging off them, old audit rows, old
    records of used links."""

    def closed_before(self, *, cutoff: datetime, limit: int) -> list[int]:
        stmt = (
            select(Case.id)
            .where(col(Case.closed_at).is_not(None), col(Case.closed_at) < cutoff)
            .order_by(col(Case.id))
            .limit(limit)
        )
        return [id_ for id_ in self.session.exec(stmt).all() if id_ is not None]

    def count_closed_before(self, *, cutoff: datetime) -> int:
        stmt = (
            select(func.count())
            .select_from(Case)
            .where(col(Case.closed_at).is_not(None), col(Case.closed_at) < cutoff)
        )
        return int(self.session.exec(stmt).one())

    def purge_cases(self, *, case_ids: Sequence[int]) -> dict[str, int]:
        """Deletes the cases and every row depending on them; returns rows per table (the
        KEEP tables count the rows whose link was cleared)."""
        tables = metadata.sorted_tables  # parents before the tables that refer to them
        doomed: dict[str, set[object]] = {"cases": set(case_ids)}
        cleared: list[tuple[Table, str, set[object]]] = []
        for table in tables:
            if table.name == "cases":
                continue
            keys = [c for c in table.primary_key.columns]
            for column in table.columns:
                for fk in column.foreign_keys:
                    parents = doomed.get(fk.column.table.name)
                    if not parents:
                        continue
                    for chunk in _chunks(sorted(parents, key=str)):
                        if (table.name, column.name) in KEEP:
                            found = self.session.execute(
                                select(*keys).where(column.in_(chunk))
                            ).all()
                            cleared.append((table, column.name, {row[0] for row in found}))
                            continue
                        found = self.session.execute(select(*keys).where(column.in_(chunk))).all()
                        doomed.setdefault(table.name, set()).update(row[0] for row in found)
        counts: dict[str, int] = {}
        for table, column_name, kept in cleared:
            key = next(iter(table.primary_key.columns))
            for chunk in _chunks(sorted(kept, key=str)):
                self.session.execute(
                    update(table).where(key.in_(chunk)).values({column_name: None})
                )
            counts[table.name] = counts.get(table.name, 0) + len(kept)
        for table in reversed(tables):
            gone = doomed.get(table.name)
            if not gone:
                continue
            key = next(iter(table.primary_key.columns))
            for chunk in _chunks(sorted(gone, key=str)):
                self.session.execute(delete(table).where(key.in_(chunk)))
            counts[table.name] = counts.get(table.name, 0) + len(gone)
        return counts

    def count_audit_before(self, *, cutoff: datetime) -> int:
        stmt = select(func.count()).select_from(AuditEntry).where(col(AuditEntry.at) < cutoff)
        return int(self.session.exec(stmt).one())

    def purge_audit(self, *, cutoff: datetime) -> int:
        """The oldest audit rows, up to the first one younger than the cutoff (the table's
        trigger refuses younger ones), with an anchor where the chain now starts. On
        PostgreSQL the owner's terugkoppel_purge_audit() does it: the application's role
        may not delete audit rows itself."""
        if self.session.get_bind().dialect.name == "postgresql":
            purged = self.session.execute(
                text("SELECT terugkoppel_purge_audit(:before)"), {"before": cutoff}
            ).scalar_one()
            return int(purged)
        young = select(func.min(AuditEntry.id)).where(col(AuditEntry.at) >= cutoff)
        first_young = self.session.exec(young).one()
        last = select(AuditEntry.id, AuditEntry.hash).order_by(col(AuditEntry.id).desc()).limit(1)
        if first_young is not None:
            last = last.where(col(AuditEntry.id) < first_young)
        found = self.session.exec(last).first()
        if found is None:
            return 0
        last_id, last_hash = found
        result = self.session.execute(delete(AuditEntry).where(col(AuditEntry.id) <= last_id))
        purged = int(result.rowcount or 0)  # type: ignore[attr-defined]
        self.session.add(
            AuditAnchor(
                purged_at=datetime.now(UTC),
                last_id=int(last_id or 0),
                last_hash=last_hash or "",
                rows=purged,
            )
        )
        return purged

    def purge_link_uses(self, *, cutoff: datetime) -> int:
        """Records of used e-mail links older than the longest link lifetime: their links have
        expired, so the record no longer guards anything."""
        result = self.session.execute(delete(LinkUse).where(col(LinkUse.used_at) < cutoff))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
