"""The referrer's satisfaction scores: asked once per closed referral, answered once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from store.schema.loop import SatisfactionScore


class SatisfactionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_referral(self, *, referral: int) -> SatisfactionScore | None:
        query = select(SatisfactionScore).where(SatisfactionScore.referral_id == referral)
        return self.session.exec(query).first()

    def get(self, *, id: int) -> SatisfactionScore | None:
        return self.session.get(SatisfactionScore, id)

    def add(self, row: SatisfactionScore) -> SatisfactionScore:
        self.session.add(row)
        self.session.flush()
        return row

    def record(self, *, id: int, score: int, channel: str, now: datetime) -> bool:
        """Stores the score unless one is stored already; one UPDATE … WHERE score IS NULL,
        so two clicks at the same moment (two replicas) still store one score."""
        result = self.session.execute(
            update(SatisfactionScore)
            .where(col(SatisfactionScore.id) == id, col(SatisfactionScore.score).is_(None))
            .values(score=score, channel=channel, answered_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))
