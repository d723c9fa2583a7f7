"""What the operator's exports read: the audit log, everything stored about a person, and a
digest's figures for one team or all."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from bot.app.digest import figures as digests
from bot.app.digest import frozen
from bot.domain.errors import UnknownPerson, UnknownTeam
from bot.domain.rules import Rules
from store.schema.audit import AuditEntry
from store.uow import UnitOfWork


def audit_rows(
    uow: UnitOfWork, *, case_ref: str | None, start: datetime | None, end: datetime | None
) -> Sequence[AuditEntry]:
    """The audit rows of a case (or all), from `start` up to `end`, oldest first."""
    with uow:
        return uow.privacy.audit_rows(case_ref=case_ref, start=start, end=end)


def about_person(uow: UnitOfWork, *, person_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every stored row about a known person, by table; UnknownPerson otherwise."""
    with uow:
        if uow.directory.person(id=person_id) is None:
            raise UnknownPerson(person=person_id)
        return uow.privacy.about_person(person_id=person_id)


def digest(
    uow: UnitOfWork,
    rules: Rules,
    *,
    team: str | None,
    monday: date,
    now: datetime,
    municipal: bool = False,
) -> digests.Digest:
    """The figures of one week for a known team, or all teams; UnknownTeam otherwise. A week
    the weekly job reported gives the figures it sent (bot/app/digest/frozen.py)."""
    if team is not None:
        with uow:
            if uow.directory.team(id=team) is None:
                raise UnknownTeam(team=team)
    return frozen.figures(uow, rules, team=team, monday=monday, now=now, municipal=municipal)
