"""Retention: closed cases after TERUGKOPPEL_RETENTION_DAYS, audit rows after five years."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from store.uow import UnitOfWork

AUDIT_YEARS = 5
# A link lives at most 90 days (TERUGKOPPEL_LINK_DAYS): a record of its use is not needed
# after that, whatever the setting.
LINK_USES_KEPT = timedelta(days=91)
# An Idempotency-Key guards a client's retries of one request: a week covers any retry.
IDEMPOTENCY_KEPT = timedelta(days=7)
_BATCH = 500  # cases per transaction


@dataclass
class PurgeReport:
    cases: int = 0
    audit: int = 0
    rows: dict[str, int] = field(default_factory=dict)


def case_cutoff(now: datetime, days: int) -> datetime:
    return now - timedelta(days=days)


def audit_cutoff(now: datetime) -> datetime:
    """Five years back, and one day more: the table's trigger judges "older than five
    years" by the database's clock, which may run a little behind ours."""
    try:
        back = now.replace(year=now.year - AUDIT_YEARS)
    except ValueError:  # 29 February
        back = now.replace(year=now.year - AUDIT_YEARS, day=28)
    return back - timedelta(days=1)


def purge(
    uow: UnitOfWork, *, now: datetime, retention_days: int, dry_run: bool = False
) -> PurgeReport:
    """Purges (or with `dry_run` only counts) closed cases older than the retention and
    audit rows older than five years, a batch of cases per transaction."""
    report = PurgeReport()
    cutoff = case_cutoff(now, retention_days)
    if dry_run:
        with uow:
            report.cases = uow.retention.count_closed_before(cutoff=cutoff)
            report.audit = uow.retention.count_audit_before(cutoff=audit_cutoff(now))
        return report
    while True:
        with uow:
            ids = uow.retention.closed_before(cutoff=cutoff, limit=_BATCH)
            if not ids:
                break
            counts = uow.retention.purge_cases(case_ids=ids)
            uow.commit()
        report.cases += len(ids)
        for table, count in counts.items():
            report.rows[table] = report.rows.get(table, 0) + count
    # Each its own transaction: a refused audit purge (a database set up without the purge
    # function's grant) leaves the cases, link records and idempotency keys purged, and says so by raising.
    with uow:
        links = uow.retention.purge_link_uses(cutoff=now - LINK_USES_KEPT)
        keys = uow.api_idempotency.purge(before=now - IDEMPOTENCY_KEPT)
        # reported digests name case refs of overdue handovers: kept as long as closed cases
        reported = uow.reported.purge(before=cutoff)
        moves = uow.moves.purge_ended()  # this side's case is gone and the answer is in
        uow.commit()
    with uow:
        report.audit = uow.retention.purge_audit(cutoff=audit_cutoff(now))
        uow.commit()
    if links:
        report.rows["link_uses"] = links
    if keys:
        report.rows["api_idempotency"] = keys
    if reported:
        report.rows["reported_digests"] = reported
    if moves:
        report.rows["tenant_moves"] = moves
    return report
