"""Rows for digest tests, written straight into the store (the digest only reads them)."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine

from store.schema.cases import Case, Escalation, Handover, Referral
from store.schema.directory import Absence
from store.schema.loop import SatisfactionScore
from store.uow import UnitOfWork

_ids = itertools.count(1)


def referral(
    engine: Engine,
    *,
    team: str,
    referrer: str,
    received: datetime,
    days: int | None = None,
    answered: datetime | None = None,
    due: datetime | None = None,
) -> int:
    """A referral; with `days` its first terugkoppeling came after that many working days
    (at `answered`, by default the day after it was received)."""
    with UnitOfWork(engine) as uow:
        case = Case(ref=f"T-{team}-{next(_ids):05d}", team_id=team, created_at=received)
        uow.session.add(case)
        uow.session.flush()
        assert case.id is not None
        row = Referral(
            case_id=case.id,
            team_id=team,
            referrer_id=referrer,
            status="assigned",
            received_at=received,
            feedback_due_at=due or received + timedelta(days=7),
            first_feedback_at=(answered or received + timedelta(days=1))
            if days is not None
            else None,
            first_feedback_working_days=days,
        )
        uow.session.add(row)
        uow.commit()
        assert row.id is not None
        return row.id


def handover(
    engine: Engine, *, referral_id: int, to_team: str, from_team: str, due: datetime
) -> None:
    with UnitOfWork(engine) as uow:
        uow.session.add(
            Handover(
                referral_id=referral_id,
                from_team_id=from_team,
                to_team_id=to_team,
                requested_by="bram",
                requested_at=due - timedelta(days=3),
                due_at=due,
                next_action_at=due,
            )
        )
        uow.commit()


def escalation(engine: Engine, *, team: str, at: datetime, resolved: bool) -> None:
    with UnitOfWork(engine) as uow:
        uow.session.add(
            Escalation(
                kind="prompt", team_id=team, created_at=at, resolved_at=at if resolved else None
            )
        )
        uow.commit()


def score(engine: Engine, *, team: str, answered: datetime | None, value: int | None) -> None:
    with UnitOfWork(engine) as uow:
        uow.session.add(
            SatisfactionScore(
                team_id=team,
                referrer_kind="gp",
                channel="email",
                asked_at=(answered or datetime(2026, 1, 1, tzinfo=UTC)) - timedelta(days=1),
                answered_at=answered,
                score=value,
            )
        )
        uow.commit()


def absent(engine: Engine, *, person: str, day: date) -> None:
    with UnitOfWork(engine) as uow:
        uow.session.add(Absence(person_id=person, starts_on=day, ends_on=day, source="chat"))
        uow.commit()


def sheet_rows(sheet: str, delimiter: str = ";") -> list[dict[str, str]]:
    """The digest's CSV read as Excel and Python read it: BOM first, then `;`-separated rows."""
    assert sheet.startswith("\ufeff"), "no byte order mark: Excel would misread the file"
    return list(csv.DictReader(io.StringIO(sheet[1:], newline=""), delimiter=delimiter))
