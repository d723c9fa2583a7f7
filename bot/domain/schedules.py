"""When the weekly digest goes out: a weekday and time, moved to the next working day
when that day is a holiday. Pure: the job in reminders/jobs/weekly.py asks `latest_due`."""

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
