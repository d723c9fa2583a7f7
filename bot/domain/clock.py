"""Working days and office hours for Dutch youth-care teams."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

# Pinned because the holidays package otherwise picks the name language from the process locale
# (LANG=C.UTF-8 yields English, most other locales Dutch), which would make names unstable.
_HOLIDAY_LANGUAGE = "nl"
_ONE_DAY = timedelta(days=1)


class WorkCalendar:
    """Dutch working days (Mon-Fri minus NL public holidays) and office hours in one timezone."""

    def __init__(
        self,
        *,
        timezone: str = "Europe/Amsterdam",
        office_start: time = time(8, 30),
        office_end: time = time(17, 0),
    ) -> None:
        if office_start.tzinfo is not None or office_end.tzinfo is not None:
            # Office hours are local wall-clock times; an attached tzinfo would be ignored or
            # make comparisons with local times fail.
            raise ValueError("office_start and office_end must be naive wall-clock times")
        if not office_start < office_end:
            raise ValueError(
                f"office_start must be before office_end: {office_start} >= {office_end}"
            )
        self.tz: ZoneInfo = ZoneInfo(timezone)
        self.office_start: time = office_start
        self.office_end: time = office_end
        # Holidays are loaded per year on first use so the calendar works for any year,
        # including spans across a year boundary, without loading a fixed range up front.
        self._holidays_by_year: dict[int, dict[date, str]] = {}
        # The tick asks about the same few days for every due prompt.
        self._working: dict[date, bool] = {}

    def is_working_day(self, day: date) -> bool:
        known = self._working.get(day)  # a datetime never hits: its hash differs, see below
        if known is None:
            day = _require_date(day)
            known = day.weekday() < 5 and self.holiday_name(day) is None
            self._working[day] = known
        return known

    def holiday_name(self, day: date) -> str | None:
        day = _require_date(day)
        return self._holidays_for(day.year).get(day)

    def local(self, moment: datetime) -> datetime:
        return _require_aware(moment).astimezone(self.tz)

    def is_office_hours(self, moment: datetime) -> bool:
        local = self.local(moment)
        return (
            self.is_working_day(local.date())
            and self.office_start <= local.time() < self.office_end
        )

    def add_working_days(self, moment: datetime, days: int) -> datetime:
        local = self.local(moment)
        if days < 0:
            raise ValueError(f"days must be >= 0, got {days}")
        if days == 0:
            return moment.astimezone(UTC)
        day = local.date()
        counted = 0
        while counted < days:
            day += _ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return self._wall_clock_to_utc(day, local.time())

    def next_send_moment(self, moment: datetime) -> datetime:
        if self.is_office_hours(moment):
            return moment.astimezone(UTC)
        day = self.local(moment).date()
        while True:
            if self.is_working_day(day):
                opening = self.office_opening(day)
                # Checking the candidate itself (not just the local time of day) keeps the
                # guarantee even when office_start falls in a DST gap or repeated hour.
                if opening >= moment and self.is_office_hours(opening):
                    return opening
            day += _ONE_DAY

    def working_days_between(self, start: datetime, end: datetime) -> int:
        start_day = self.local(start).date()
        end_day = self.local(end).date()
        if end < start:
            return 0
        count = 0
        day = start_day + _ONE_DAY
        while day <= end_day:
            if self.is_working_day(day):
                count += 1
            day += _ONE_DAY
        return count

    def office_opening(self, day: date) -> datetime:
        return self._wall_clock_to_utc(_require_date(day), self.office_start)

    def _wall_clock_to_utc(self, day: date, wall_clock: time) -> datetime:
        # fold=0 picks the earlier instant for a repeated hour and, per PEP 495, maps a
        # non-existent time in a spring-forward gap to the instant after the gap.
        local = datetime.combine(day, wall_clock.replace(tzinfo=None, fold=0), tzinfo=self.tz)
        return local.astimezone(UTC)

    def _holidays_for(self, year: int) -> dict[date, str]:
        cached = self._holidays_by_year.get(year)
        if cached is None:
            cached = dict(holidays.country_holidays("NL", years=year, language=_HOLIDAY_LANGUAGE))
            self._holidays_by_year[year] = cached
        return cached


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime: {moment!r}")
    return moment


def _require_date(day: date) -> date:
    # datetime subclasses date, and a datetime never equals a date key in the holiday table,
    # so passing one would silently report holidays as working days.
    if isinstance(day, datetime):
        raise TypeError(f"expected a date, got datetime {day!r}; use local(moment).date()")
    return day
