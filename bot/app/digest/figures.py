"""The coordinators' weekly digest: the figures for a team, all teams, or the municipality.

Every figure is an aggregate the database computes (store/repos/reports.py); Python only turns
working days into timestamps first. Rendering lives in bot/app/digest/render.py, the chart in
bot/app/digest/chart.py, the weekly sending in reminders/jobs/weekly.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from bot.app.waits import WAIT_WEEKS, window
from bot.domain.rules import Rules
from store.repos.reports import Scores, Spread
from store.repos.waits import Wait
from store.uow import UnitOfWork

TREND_WEEKS = 12
LISTED_HANDOVERS = 10  # a team's digest names at most this many overdue handovers
# Overdue handovers by working days past the deadline: (label, at least this many).
AGE_BUCKETS: tuple[tuple[str, int], ...] = (("11+", 11), ("6-10", 6), ("3-5", 3), ("0-2", 0))


@dataclass(frozen=True)
class TrendWeek:
    week: str
    new: int
    within: int
    measured: int
    scores: Scores = field(default_factory=lambda: Scores(0, None))


@dataclass(frozen=True)
class Digest:
    team: str | None
    team_name: str | None
    week: str
    norm: int
    new_by_kind: dict[str, int]
    within: int
    measured: int
    spread: Spread
    open_prompts: int
    escalations: int
    open_escalations: int = 0
    overdue_by_age: dict[str, int] = field(default_factory=dict)
    overdue_handovers: list[tuple[str, str, int]] = field(default_factory=list)
    partners_without_contact: list[str] = field(default_factory=list)  # names, team only
    partner_gaps: int = 0  # (team, partner) pairs without a reachable contact person
    scores: Scores = field(default_factory=lambda: Scores(0, None))
    trend: list[TrendWeek] = field(default_factory=list)
    municipal: bool = False  # aggregate only, small numbers suppressed
    # working days from receipt to each milestone over the last WAIT_WEEKS weeks
    waits: dict[str, Wait] = field(default_factory=dict)
    wait_weeks: int = WAIT_WEEKS
    stalled: int = 0  # stalled-care escalations raised in the period

    @property
    def new_referrals(self) -> int:
        return sum(self.new_by_kind.values())

    @property
    def within_share(self) -> float | None:
        return self.within / self.measured if self.measured else None

    @property
    def overdue_total(self) -> int:
        return sum(self.overdue_by_age.values())


def parse_week(value: str) -> date:
    """'2026-W48' → the Monday of that ISO week; ValueError when it is not such a week."""
    year, _, week = value.upper().partition("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def week_label(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def compute(
    uow: UnitOfWork,
    rules: Rules,
    *,
    team: str | None,
    monday: date,
    now: datetime,
    days: int = 7,
    label: str | None = None,
    municipal: bool = False,
) -> Digest:
    """Figures for referrals received in the period, measured as they stand at `now`.
    `municipal` (all teams only) leaves out case references and partner names; the
    renderers then suppress small numbers."""
    if municipal and team is not None:
        raise ValueError("the municipal digest covers all teams")
    tz = rules.calendar.tz
    start = datetime.combine(monday, time(0), tz)
    end = datetime.combine(monday + timedelta(days=days), time(0), tz)
    last_day = monday + timedelta(days=days - 1)
    trend_start = last_day - timedelta(days=last_day.weekday() + 7 * (TREND_WEEKS - 1))
    bounds = [
        datetime.combine(trend_start + timedelta(weeks=i), time(0), tz)
        for i in range(TREND_WEEKS + 1)
    ]
    as_of = now
    with uow:
        reports = uow.reports
        the_team = uow.directory.team(id=team) if team else None
        # A team's digest measures against the team's own norm (directory file).
        norm = rules.norms(the_team).feedback if the_team else rules.feedback_norm
        counts = reports.within_norm(team=team, start=start, end=end, norm=norm, as_of=as_of)
        wait_start, wait_end = window(rules, min(end, as_of))
        listed: list[tuple[str, str, int]] = []
        if not municipal:
            names = {t.id: t.name for t in uow.directory.teams()}
            names |= {o.id: o.name for o in uow.directory.organisations()}
            listed = [
                (
                    h.case_ref,
                    names.get(h.to_team, h.to_team),
                    rules.calendar.working_days_between(h.due_at, as_of),
                )
                for h in reports.overdue_handovers(team=team, as_of=as_of, limit=LISTED_HANDOVERS)
            ]
        gaps = reports.partners_without_contact(team=team, day=rules.today(as_of))
        weekly = reports.weekly(team=team, bounds=bounds, norm=norm, as_of=as_of)
        weekly_scores = reports.weekly_satisfaction(team=team, bounds=bounds)
        return Digest(
            team=team,
            team_name=the_team.name if the_team else None,
            week=label or week_label(monday),
            norm=norm,
            new_by_kind=reports.new_by_kind(team=team, start=start, end=end),
            within=counts.within,
            measured=counts.measured,
            spread=reports.days_to_feedback(team=team, start=start, end=end),
            open_prompts=reports.open_prompts(team=team),
            escalations=reports.escalations(team=team, start=start, end=end),
            open_escalations=reports.open_escalations(team=team),
            overdue_by_age=reports.overdue_by_age(
                team=team, as_of=as_of, bounds=age_bounds(rules, as_of)
            ),
            overdue_handovers=listed,
            partners_without_contact=[] if municipal else sorted(name for _, name in gaps),
            partner_gaps=len(gaps),
            scores=reports.satisfaction(team=team, start=start, end=end),
            trend=[
                TrendWeek(week_label(bounds[i].date()), w.new, w.within, w.measured, s)
                for i, (w, s) in enumerate(zip(weekly, weekly_scores, strict=True))
            ],
            municipal=municipal,
            waits=uow.waits.waits(team=team, start=wait_start, end=wait_end),
            stalled=uow.waits.stalled_count(team=team, start=start, end=end),
        )


def age_bounds(rules: Rules, as_of: datetime) -> list[tuple[str, datetime]]:
    """Per age bucket (oldest first) the moment a deadline must lie before to be that old.
    A handover is k working days overdue when k working days lie after its deadline's day,
    up to today: its deadline fell before the k-th most recent working day began."""
    today = rules.today(as_of)
    bounds = []
    for bucket, at_least in AGE_BUCKETS:
        if at_least == 0:
            bounds.append((bucket, as_of))
            continue
        day, seen = today, 0
        while True:
            if rules.calendar.is_working_day(day):
                seen += 1
                if seen == at_least:
                    break
            day -= timedelta(days=1)
        bounds.append((bucket, datetime.combine(day, time(0), rules.calendar.tz)))
    return bounds
