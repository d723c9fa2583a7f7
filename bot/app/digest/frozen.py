"""Reported weeks stay as reported: the weekly job keeps the figures it sends, and asking for
that week later (the CLI, a second run) gives those figures, not a recount.

A recount would differ: a prompt answered late moves a referral into or out of the norm, a
handover accepted since leaves the overdue list. A coordinator who compares this week's
digest with last week's mail must see the same numbers in both.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, datetime
from typing import Any

from bot.app.digest.figures import Digest, TrendWeek, compute, week_label
from bot.domain.rules import Rules
from store.repos.reports import Scores, Spread
from store.repos.waits import Wait
from store.uow import UnitOfWork

MUNICIPALITY = "municipality"
ALL_TEAMS = "*"


def scope_of(*, team: str | None, municipal: bool) -> str:
    if municipal:
        return MUNICIPALITY
    return team if team is not None else ALL_TEAMS


def to_json(digest: Digest) -> dict[str, Any]:
    return asdict(digest)


def from_json(data: dict[str, Any]) -> Digest:
    fields = dict(data)
    fields["spread"] = Spread(**fields["spread"])
    fields["scores"] = Scores(**fields["scores"])
    fields["overdue_handovers"] = [tuple(item) for item in fields["overdue_handovers"]]
    fields["waits"] = {leg: Wait(**wait) for leg, wait in fields.get("waits", {}).items()}
    fields["trend"] = [
        TrendWeek(**{**week, "scores": Scores(**week["scores"])}) for week in fields["trend"]
    ]
    return Digest(**fields)


def figures(
    uow: UnitOfWork,
    rules: Rules,
    *,
    team: str | None,
    monday: date,
    now: datetime,
    municipal: bool = False,
) -> Digest:
    """The week as reported when it was; otherwise counted now. Trend weeks that were
    reported show their reported figures too, so a week reads the same everywhere."""
    scope = scope_of(team=team, municipal=municipal)
    with uow:
        kept = uow.reported.get(scope=scope, week=week_label(monday))
    if kept is not None:
        return from_json(kept)
    counted = compute(uow, rules, team=team, monday=monday, now=now, municipal=municipal)
    return _with_reported_trend(uow, counted, scope)


def report(
    uow: UnitOfWork,
    rules: Rules,
    *,
    team: str | None,
    monday: date,
    now: datetime,
    municipal: bool = False,
) -> Digest:
    """The figures the weekly job sends: the kept ones when the week was reported before
    (a second run, another worker), else counted now and kept."""
    digest = figures(uow, rules, team=team, monday=monday, now=now, municipal=municipal)
    scope = scope_of(team=team, municipal=municipal)
    with uow:
        uow.reported.keep(scope=scope, week=digest.week, figures=to_json(digest), now=now)
        uow.commit()
    return digest


def _with_reported_trend(uow: UnitOfWork, digest: Digest, scope: str) -> Digest:
    weeks = [week.week for week in digest.trend if week.week != digest.week]
    if not weeks:
        return digest
    with uow:
        kept = uow.reported.of_weeks(scope=scope, weeks=weeks)
    if not kept:
        return digest
    trend = []
    for week in digest.trend:
        data = kept.get(week.week)
        if data is None or week.week == digest.week:
            trend.append(week)
            continue
        reported = from_json(data)
        trend.append(
            replace(
                week,
                new=reported.new_referrals,
                within=reported.within,
                measured=reported.measured,
                scores=reported.scores,
            )
        )
    return replace(digest, trend=trend)
