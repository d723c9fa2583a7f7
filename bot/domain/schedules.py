"""Schedules (pure). When the weekly digest goes out: a weekday and time, moved to the next
working day when that day is a holiday (the job in reminders/jobs/weekly.py asks
`latest_due`). The vaste overleg's calendar: meeting days every N weeks and the reminder the
working day before, in office hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.domain.clock import WorkCalendar

WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "maandag", "mon", "ma"),
            ("tuesday", "dinsdag", "tue", "di"),
            ("wednesday", "woensdag", "wed", "wo"),
            ("thursday", "donderdag", "thu", "do"),
            ("friday", "vrijdag", "fri", "vr"),
            ("saturday", "zaterdag", "sat", "za"),
            ("sunday", "zondag", "sun", "zo"),
        ),
        start=1,
    )
    for name in names
}


@dataclass(frozen=True)
class DigestSchedule:
    enabled: bool = True
    weekday: int = 1  # ISO: 1 = Monday
    at: time = time(8, 30)
    # Who gets the municipal digest: directory person ids or "<platform>:<address>".
    municipality: tuple[str, ...] = ()

    def moment(self, calendar: WorkCalendar, week_monday: date) -> datetime:
        """The send moment in the ISO week starting `week_monday`: the configured day, or
        the first working day after it (Koningsdag on a Monday: Tuesday)."""
        day = week_monday + timedelta(days=self.weekday - 1)
        while not calendar.is_working_day(day):
            day += timedelta(days=1)
        return datetime.combine(day, self.at, calendar.tz)

    def latest_due(self, calendar: WorkCalendar, now: datetime) -> tuple[date, datetime] | None:
        """(Monday of the week to report on, its send moment) for the most recent send
        moment at or before `now`; the digest reports on the ISO week before the one it is
        sent in. Only the latest counts: a worker that was down sends one digest, not a
        backlog. It is still sent on the working day after its send day (a worker that was
        down on Monday), not later: a first start on a Wednesday sends no stale digest."""
        if not self.enabled:
            return None
        today = calendar.local(now).date()
        this_monday = today - timedelta(days=today.weekday())
        for monday in (this_monday, this_monday - timedelta(weeks=1)):
            moment = self.moment(calendar, monday)
            if moment <= now:
                last_chance = calendar.local(calendar.add_working_days(moment, 1)).date()
                if today > last_chance:
                    return None
                return monday - timedelta(weeks=1), moment
        return None


# -- the vaste overleg ------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingPlan:
    meeting_on: date  # the next meeting day (may be a holiday: then it does not take place)
    remind_at: datetime  # UTC: the working day before, at office opening (or now)


def meeting_days(starts_on: date, every_weeks: int, *, from_day: date) -> date:
    """The first meeting day on or after `from_day`."""
    if from_day <= starts_on:
        return starts_on
    step = 7 * every_weeks
    periods = -(-(from_day - starts_on).days // step)  # ceiling
    return starts_on + timedelta(days=periods * step)


def reminder_day(calendar: WorkCalendar, meeting_on: date) -> date:
    """The last working day before the meeting (Friday for a Monday; Thursday when that
    Friday is Good Friday)."""
    day = meeting_on - timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def meeting_moment(calendar: WorkCalendar, meeting_on: date, at: time) -> datetime:
    return datetime.combine(meeting_on, at, tzinfo=calendar.tz).astimezone(calendar.tz)


def plan_next(
    calendar: WorkCalendar, *, starts_on: date, at: time, every_weeks: int, after: datetime
) -> MeetingPlan:
    """The next meeting that has not begun at `after`, with its reminder moment: office
    opening of the working day before, or `after` itself (in office hours) when that is
    already past, as long as it is before the meeting."""
    day = meeting_days(starts_on, every_weeks, from_day=calendar.local(after).date())
    while True:
        begins = meeting_moment(calendar, day, at)
        if begins > after:
            remind = calendar.office_opening(reminder_day(calendar, day))
            if remind < after:
                remind = calendar.next_send_moment(after)
            if remind < begins:
                return MeetingPlan(day, remind)
        day += timedelta(days=7 * every_weeks)


def parse_at(value: str) -> time:
    hours, _, minutes = value.partition(":")
    return time(int(hours), int(minutes))
