"""The vaste overleg's calendar (pure): meeting days every N weeks and the reminder the
working day before, in office hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.domain.clock import WorkCalendar


@dataclass(frozen=True)
class Plan:
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
) -> Plan:
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
                return Plan(day, remind)
        day += timedelta(days=7 * every_weeks)


def parse_at(value: str) -> time:
    hours, _, minutes = value.partition(":")
    return time(int(hours), int(minutes))
