"""Waiting times: what a team's referrers usually wait, from the database's figures over the
last 13 weeks, for the receipt ("meestal binnen … werkdagen") and the coordinators' digest;
and the day by which a referrer hears from the team at the latest."""

from __future__ import annotations

import math
import threading
from datetime import datetime, time, timedelta
from weakref import WeakKeyDictionary

from sqlalchemy import Engine

from bot.domain.rules import Rules
from bot.domain.suppression import SUPPRESSED
from bot.messages import text
from store.repos.waits import LEGS, Wait
from store.schema.cases import Referral
from store.uow import UnitOfWork

WAIT_WEEKS = 13
# The milestone keys of the receipt's sentences ("wait.contact", …), in the order reached.
_RECEIPT_KEYS = {
    "contact_made": "wait.contact",
    "intake_planned": "wait.intake_planned",
    "help_started": "wait.help_started",
}
# How long a receipt reuses a team's figures: three percentiles over 13 weeks of referrals
# cost more than the rest of an intake (issue 22), and move by a day at most in minutes.
RECEIPT_WAITS_KEPT = timedelta(minutes=5)


class _RecentWaits:
    """The receipt's figures per database and team, computed at most once per
    RECEIPT_WAITS_KEPT of the use case's clock (and again after this process stamped a
    milestone of the team). Another replica's milestones show within that time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: WeakKeyDictionary[Engine, dict[str, tuple[datetime, dict[str, Wait]]]]
        self._kept = WeakKeyDictionary()

    def get(self, engine: Engine, team: str, now: datetime) -> dict[str, Wait] | None:
        with self._lock:
            found = self._kept.get(engine, {}).get(team)
        if found is None or not timedelta(0) <= now - found[0] < RECEIPT_WAITS_KEPT:
            return None
        return found[1]

    def put(self, engine: Engine, team: str, now: datetime, waits: dict[str, Wait]) -> None:
        with self._lock:
            self._kept.setdefault(engine, {})[team] = (now, waits)

    def forget(self, *teams: str | None) -> None:
        with self._lock:
            for kept in self._kept.values():
                for team in teams:
                    kept.pop(team or "", None)


_RECENT = _RecentWaits()


def stamp_milestone(rules: Rules, referral: Referral, status: str, *, now: datetime) -> None:
    """Records the working days from receipt to a milestone the first time it is reached,
    and the moment of the status change (the stalled-care scan counts from it)."""
    referral.status_changed_at = now
    if status in LEGS and getattr(referral, f"{status}_days") is None:
        _RECENT.forget(referral.intake_team_id, referral.team_id)
        days = rules.calendar.working_days_between(referral.received_at, now)
        setattr(referral, f"{status}_days", days)


def window(rules: Rules, end: datetime) -> tuple[datetime, datetime]:
    """The 13 weeks up to `end`, from a local midnight."""
    first = rules.calendar.local(end).date() - timedelta(weeks=WAIT_WEEKS)
    return datetime.combine(first, time(0), rules.calendar.tz), end


def team_waits(
    uow: UnitOfWork, rules: Rules, *, team: str | None, now: datetime
) -> dict[str, Wait]:
    start, end = window(rules, now)
    return uow.waits.waits(team=team, start=start, end=end)


def receipt_waits(uow: UnitOfWork, rules: Rules, *, team: str, now: datetime) -> dict[str, Wait]:
    """`team_waits` for a receipt, reused for a few minutes (_RecentWaits)."""
    waits = _RECENT.get(uow.engine, team, now)
    if waits is None:
        waits = team_waits(uow, rules, team=team, now=now)
        _RECENT.put(uow.engine, team, now, waits)
    return waits


def days_text(days: int, language: str) -> str:
    return text("wait.one_day" if days == 1 else "wait.days", language, days=days)


def usually(waits: dict[str, Wait], language: str) -> str:
    """The receipt's "meestal binnen … werkdagen" sentences: per milestone the 80th
    percentile, rounded up, shown only over at least 5 referrals (the referrer is outside the
    team: small numbers are suppressed as in the municipal digest). Empty when none shows."""
    sentences = []
    for leg in LEGS:
        wait = waits.get(leg)
        p80 = SUPPRESSED.statistic(wait.p80, wait.count) if wait else None
        if p80 is None:
            continue
        days = max(1, math.ceil(p80 - 1e-9))
        sentences.append(text(_RECEIPT_KEYS[leg], language, days=days_text(days, language)))
    return " ".join(sentences)


def receipt_params(
    uow: UnitOfWork, rules: Rules, referral: Referral, *, language: str, now: datetime
) -> dict[str, str]:
    """`expected` (the working day by which the referrer hears from us at the latest: the
    team's feedback norm on the working-day clock) and `usually` (what is usual), each a
    sentence ending where the receipt goes on."""
    waits = receipt_waits(uow, rules, team=referral.team_id, now=now)
    expected = text("wait.expected_by", language, day=rules.day_text(referral.feedback_due_at))
    shown = usually(waits, language)
    return {"expected": expected, "usually": f" {shown}" if shown else ""}
