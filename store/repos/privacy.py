"""Privacy queries: a case's referrals for a consent change (and the disclosures it withholds),
the audit export, and every row about a person."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, update
from sqlmodel import col, select

from store.repos.base import Repository
from store.schema import metadata
from store.schema.audit import AuditEntry
from store.schema.cases import Referral
from store.schema.delivery import OutboxMessage
from store.tenancy import tenant_filter


class PrivacyRepository(Repository):
    def referrals_of_case(self, *, case_id: int, lock: bool = False) -> Sequence[Referral]:
        stmt = select(Referral).where(Referral.case_id == case_id).order_by(col(Referral.id))
        if lock:
            stmt = stmt.with_for_update()
        return self.session.exec(stmt).all()

    def withhold_queued(
        self, *, referral_ids: Iterable[int], bases: Iterable[str], now: datetime
    ) -> int:
        """Ends the disclosures still waiting in the outbox whose basis is one of `bases`
        (a consent since lowered or withdrawn): they are never sent. Returns how many."""
        ids, wanted = list(referral_ids), list(bases)
        if not ids or not wanted:
            return 0
        table = OutboxMessage.__table__  # type: ignore[attr-defined]
        result = self.session.execute(
            update(table)
            .where(
                tenant_filter(table, self.session),
                table.c.referral_id.in_(ids),
                table.c.disclosure_basis.in_(wanted),
                table.c.sent_at.is_(None),
                table.c.failed_at.is_(None),
            )
            .values(failed_at=now, claimed_until=None, error="consent_withdrawn")
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def audit_rows(
        self, *, case_ref: str | None, start: datetime | None, end: datetime | None
    ) -> Sequence[AuditEntry]:
        stmt = select(AuditEntry)
        if case_ref is not None:
            stmt = stmt.where(AuditEntry.case_ref == case_ref)
        if start is not None:
            stmt = stmt.where(col(AuditEntry.at) >= start)
        if end is not None:
            stmt = stmt.where(col(AuditEntry.at) < end)
        return self.session.exec(stmt.order_by(col(AuditEntry.at), col(AuditEntry.id))).all()

    def about_person(self, *, person_id: str) -> dict[str, list[dict[str, Any]]]:
        """Every row that points at the person: their own row, every table with a column
        referring to people.id, and audit rows naming them (actor, on behalf of, recipient).
        Found through the schema, so a table added later is included without a change here."""
        found: dict[str, list[dict[str, Any]]] = {}
        for table in metadata.sorted_tables:
            columns = [
                column
                for column in table.columns
                if any(fk.column.table.name == "people" for fk in column.foreign_keys)
            ]
            if table.name == "people":
                condition: Any = table.c.id == person_id
            elif table.name == "audit":
                condition = or_(
                    table.c.actor == person_id,
                    table.c.on_behalf_of == person_id,
                    table.c.recipient == person_id,
                )
            elif columns:
                condition = or_(*(column == person_id for column in columns))
            else:
                continue
            if "tenant_id" in table.c:
                condition = and_(condition, tenant_filter(table, self.session))
            rows = self.session.execute(
                table.select().where(and_(condition)).order_by(*table.primary_key.columns)
            )
            dumped = [dict(row._mapping) for row in rows]
            if dumped:
                found[table.name] = dumped
        return found
