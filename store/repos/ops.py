"""Read-only figures for operators (metrics gauges), each one indexed query."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from store.schema.cases import Escalation, Referral


def escalation_counts(session: Session, *, now: datetime) -> tuple[int, int]:
    """(open escalations, escalations raised in the last 24 hours)."""
    open_ = session.exec(
        select(func.count()).select_from(Escalation).where(col(Escalation.resolved_at).is_(None))
    ).one()
    recent = session.exec(
        select(func.count())
        .select_from(Escalation)
        .where(col(Escalation.created_at) >= now - timedelta(hours=24))
    ).one()
    return int(open_), int(recent)


def referrals_received(session: Session, *, now: datetime) -> int:
    """Referrals received in the last 24 hours."""
    found = session.exec(
        select(func.count())
        .select_from(Referral)
        .where(col(Referral.received_at) >= now - timedelta(hours=24))
    ).one()
    return int(found)
