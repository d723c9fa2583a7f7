"""Jobs that run once per period for the whole cluster (the coverage check, the digests,
retention): whichever replica takes the job's PostgreSQL advisory lock first runs it, and
records the period in `job_runs`. A crash mid-run leaves it unrecorded, so another replica
runs it again; the jobs' outbox keys keep that from telling anyone twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from store.locks import cluster_lock
from store.tenancy import current_tenant
from store.uow import UnitOfWork

# Periods this process saw done, per tenant, so an idle tick asks the database nothing
# about them (a tenant's run says nothing about another's: each has its own job_runs).
_done: set[tuple[str, str, str, str]] = set()


def once_per_cluster(
    engine: Engine, *, job: str, period: str, now: datetime, work: Callable[[], int]
) -> int | None:
    """Runs `work` unless this period's run is recorded or another replica holds the job;
    returns its result, or None when it did not run here."""
    memo = (str(engine.url), current_tenant(), job, period)
    if memo in _done:
        return None
    with UnitOfWork(engine) as uow:
        if uow.jobs.has_run(name=job, period=period):
            _done.add(memo)
            return None
    with cluster_lock(engine, job) as held:
        if not held:
            return None
        with UnitOfWork(engine) as uow:
            if uow.jobs.has_run(name=job, period=period):
                return None
        result = work()
        with UnitOfWork(engine) as uow:
            uow.jobs.mark_run(name=job, period=period, now=now)
            try:
                uow.commit()
            except IntegrityError:  # recorded by another process meanwhile (SQLite: no lock)
                uow.rollback()
        _done.add(memo)
        return result


def forget() -> None:
    """Drops this process's memory of runs done (tests that delete `job_runs` rows)."""
    _done.clear()
