"""Repositories of what happens once: inbound event ids, periodic job runs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    delete,
)
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from store.repos.base import Repository
from store.schema.idempotency import ApiIdempotency, InboundKey, JobRun
from store.tenancy import session_tenant


class InboundRepository(Repository):
    def first_time(self, *, key: str, now: datetime) -> bool:
        """Records an inbound event id; False when it was seen before (a platform retry)."""
        if self.session.get(InboundKey, key) is not None:
            return False
        try:
            with self.session.begin_nested():
                self.session.add(InboundKey(key=key, received_at=now))
        except IntegrityError:
            return False
        return True

    def forget(self, *, key: str) -> None:
        """Drops a key whose event could not be applied (store down), so a retry may."""
        row = self.session.get(InboundKey, key)
        if row is not None:
            self.session.delete(row)

    def purge(self, *, before: datetime) -> None:
        """Platforms retry within hours; keys older than that only take up room."""
        self.session.execute(delete(InboundKey).where(col(InboundKey.received_at) < before))


class JobRepository(Repository):
    def has_run(self, *, name: str, period: str) -> bool:
        return self.session.get(JobRun, (session_tenant(self.session), name, period)) is not None

    def mark_run(self, *, name: str, period: str, now: datetime) -> None:
        """Called in the job's last transaction, under the job's cluster lock."""
        if not self.has_run(name=name, period=period):
            self.session.add(JobRun(name=name, period=period, ran_at=now))


class ApiIdempotencyRepository(Repository):
    """`Idempotency-Key`s of REST clients, scoped per client."""

    def get(self, *, client: str, key: str) -> ApiIdempotency | None:
        return self.session.get(ApiIdempotency, (client, key))

    def add(self, entry: ApiIdempotency) -> None:
        """Flushed at once: a concurrent request with the same key waits here for this
        transaction and then fails on the primary key (the caller rereads)."""
        self.session.add(entry)
        self.session.flush()

    def purge(self, *, before: datetime) -> int:
        result = self.session.execute(
            delete(ApiIdempotency).where(col(ApiIdempotency.created_at) < before)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
