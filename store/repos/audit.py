"""The audit log's repository: entries appended, never changed."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select

from store.repos.base import Repository
from store.schema.audit import AuditEntry


class AuditRepository(Repository):
    def add(self, entry: AuditEntry) -> None:
        self.session.add(entry)

    def all(self) -> Sequence[AuditEntry]:
        return self.session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()
