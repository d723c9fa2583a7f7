"""Tests for the Dutch working-day and office-hours calendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.clock import WorkCalendar

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def ams(year: int, month: int, day: int, hour: int = 0, minute: int = 0, fold: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM, fold=fold)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def cal() -> WorkCalendar:
    return WorkCalendar()


# --- working days and holidays -------------------------------------------------------------


def test_ordinary_weekday_is_working_day(cal: WorkCalendar) -> None:
    assert cal.is_working_day(date(2026, 4, 22))
    assert cal.holiday_name(date(2026, 4, 22)) is None


def test_saturday_and_sunday_are_not_working_days(cal: WorkCalendar) -> None:
    assert not cal.is_working_day(date(2026, 4, 18))
    assert not cal.is_working_day(date(2026, 4, 19))


def test_koningsdag_2026_is_a_named_holiday_on_monday(cal: WorkCalendar) -> None:
    assert date(2026, 4, 27).weekday() == 0
    assert not cal.is_working_day(date(2026, 4, 27))
    assert cal.holiday_name(date(2026, 4, 27)) == "Koningsdag"


def test_christmas_days_2026_are_holidays(cal: WorkCalendar) -> None:
    assert not cal.is_working_day(date(2026, 12, 25))
    assert cal.holiday_name(date(2026, 12, 25)) is not None
    assert cal.holiday_name(date(2026, 12, 26)) is not None
    assert cal.is_working_day(date(2026, 12, 28))


def test_new_years_day_2027_is_a_holiday_on_friday(cal: WorkCalendar) -> None:
    assert date(2027, 1, 1).weekday() == 4
    assert not cal.is_working_day(date(2027, 1, 1))
    assert cal.holiday_name(date(2027, 1, 1)) == "Nieuwjaarsdag"


def test_holidays_package_treats_good_friday_2026_as_holiday(cal: WorkCalendar) -> None:
    # Pins package behaviour: Good Friday is in its NL public category, although the
    # Algemene termijnenwet does not list it.
    assert cal.holiday_name(date(2026, 4, 3)) == "Goede vrijdag"


def test_liberation_day_is_only_a_holiday_in_lustrum_years(cal: WorkCalendar) -> None:
    assert cal.is_working_day(date(2026, 5, 5))
    assert cal.holiday_name(date(2025, 5, 5)) == "Bevrijdingsdag"


def test_is_working_day_rejects_datetime_to_avoid_silent_holiday_misses(
    cal: WorkCalendar,
) -> None:
    with pytest.raises(TypeError):
        cal.is_working_day(ams(2026, 4, 27, 10))


# --- office hours --------------------------------------------------------------------------


def test_friday_16_59_is_office_hours(cal: WorkCalendar) -> None:
    assert cal.is_office_hours(ams(2026, 4, 24, 16, 59))


def test_friday_17_00_is_not_office_hours(cal: WorkCalendar) -> None:
    assert not cal.is_office_hours(ams(2026, 4, 24, 17, 0))


def test_office_opens_at_8_30_inclusive(cal: WorkCalendar) -> None:
    assert not cal.is_office_hours(ams(2026, 4, 22, 8, 29))
    assert cal.is_office_hours(ams(2026, 4, 22, 8, 30))


def test_office_hours_are_judged_in_local_time_not_utc(cal: WorkCalendar) -> None:
    # 07:00 UTC is 09:00 in summer (open) but 08:00 in winter (closed).
    assert cal.is_office_hours(utc(2026, 6, 17, 7, 0))
    assert not cal.is_office_hours(utc(2026, 12, 16, 7, 0))


# --- add_working_days ----------------------------------------------------------------------


def test_friday_afternoon_plus_one_working_day_is_monday(cal: WorkCalendar) -> None:
    assert cal.add_working_days(ams(2026, 4, 17, 15, 45), 1) == ams(2026, 4, 20, 15, 45)


def test_saturday_plus_one_working_day_is_monday_same_time(cal: WorkCalendar) -> None:
    assert cal.add_working_days(ams(2026, 4, 18, 11, 0), 1) == ams(2026, 4, 20, 11, 0)


def test_adding_zero_working_days_returns_same_instant_in_utc(cal: WorkCalendar) -> None:
    result = cal.add_working_days(ams(2026, 4, 25, 11, 0), 0)
    assert result == ams(2026, 4, 25, 11, 0)
    assert result.tzinfo is UTC


def test_adding_negative_working_days_raises(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError):
        cal.add_working_days(ams(2026, 4, 22, 10), -1)


def test_adding_working_days_skips_koningsdag_weekend(cal: WorkCalendar) -> None:
    assert cal.add_working_days(ams(2026, 4, 24, 10), 1) == ams(2026, 4, 28, 10)
    assert cal.add_working_days(ams(2026, 4, 24, 10), 3) == ams(2026, 4, 30, 10)


def test_christmas_eve_plus_one_working_day_is_28_december(cal: WorkCalendar) -> None:
    assert cal.add_working_days(ams(2026, 12, 24, 14), 1) == ams(2026, 12, 28, 14)


def test_adding_working_days_across_new_year_2027(cal: WorkCalendar) -> None:
    assert cal.add_working_days(ams(2026, 12, 31, 9), 1) == ams(2027, 1, 4, 9)


def test_adding_working_days_across_spring_dst_keeps_wall_clock(cal: WorkCalendar) -> None:
    # 10:00 CET on Friday is 09:00 UTC; 10:00 CEST on Monday is 08:00 UTC.
    result = cal.add_working_days(utc(2026, 3, 27, 9, 0), 1)
    assert result == utc(2026, 3, 30, 8, 0)
    assert cal.local(result).hour == 10


def test_adding_working_days_across_autumn_dst_keeps_wall_clock(cal: WorkCalendar) -> None:
    # 10:00 CEST on Friday is 08:00 UTC; 10:00 CET on Monday is 09:00 UTC.
    result = cal.add_working_days(utc(2026, 10, 23, 8, 0), 1)
    assert result == utc(2026, 10, 26, 9, 0)
    assert cal.local(result).hour == 10


def test_adding_working_days_into_dst_gap_shifts_forward() -> None:
    # Cairo springs forward 00:00 -> 01:00 on Friday 24 April 2026, a working day here,
    # so 00:30 does not exist on the target day.
    cairo = WorkCalendar(timezone="Africa/Cairo")
    start = datetime(2026, 4, 23, 0, 30, tzinfo=ZoneInfo("Africa/Cairo"))
    result = cairo.add_working_days(start, 1)
    assert result == utc(2026, 4, 23, 22, 30)
    assert cairo.local(result).replace(tzinfo=None) == datetime(2026, 4, 24, 1, 30)


# --- next_send_moment ----------------------------------------------------------------------


def test_next_send_moment_during_office_hours_is_unchanged(cal: WorkCalendar) -> None:
    result = cal.next_send_moment(ams(2026, 4, 22, 10, 15))
    assert result == ams(2026, 4, 22, 10, 15)
    assert result.tzinfo is UTC


def test_next_send_moment_before_opening_is_same_day_opening(cal: WorkCalendar) -> None:
    assert cal.next_send_moment(ams(2026, 4, 22, 6, 0)) == ams(2026, 4, 22, 8, 30)


def test_next_send_moment_at_night_is_next_morning_opening(cal: WorkCalendar) -> None:
    assert cal.next_send_moment(ams(2026, 4, 21, 23, 0)) == ams(2026, 4, 22, 8, 30)


def test_next_send_moment_friday_at_closing_is_monday_opening(cal: WorkCalendar) -> None:
    assert cal.next_send_moment(ams(2026, 4, 17, 17, 0)) == ams(2026, 4, 20, 8, 30)


def test_next_send_moment_on_weekend_is_monday_opening(cal: WorkCalendar) -> None:
    assert cal.next_send_moment(ams(2026, 4, 18, 12, 0)) == ams(2026, 4, 20, 8, 30)


def test_next_send_moment_over_koningsdag_is_tuesday_opening(cal: WorkCalendar) -> None:
    assert cal.next_send_moment(ams(2026, 4, 24, 18, 0)) == ams(2026, 4, 28, 8, 30)


def test_next_send_moment_on_christmas_is_28_december_opening(cal: WorkCalendar) -> None:
    assert cal.next_send_moment(ams(2026, 12, 25, 9, 0)) == ams(2026, 12, 28, 8, 30)


def test_next_send_moment_on_spring_dst_night_is_monday_in_summer_time(
    cal: WorkCalendar,
) -> None:
    result = cal.next_send_moment(ams(2026, 3, 29, 1, 30))
    assert result == utc(2026, 3, 30, 6, 30)


def test_next_send_moment_in_repeated_autumn_hour_is_monday_in_winter_time(
    cal: WorkCalendar,
) -> None:
    result = cal.next_send_moment(ams(2026, 10, 25, 2, 30, fold=1))
    assert result == utc(2026, 10, 26, 7, 30)


# --- office_opening ------------------------------------------------------------------------


def test_office_opening_follows_dst_offset(cal: WorkCalendar) -> None:
    assert cal.office_opening(date(2026, 3, 27)) == utc(2026, 3, 27, 7, 30)
    assert cal.office_opening(date(2026, 3, 30)) == utc(2026, 3, 30, 6, 30)


def test_office_opening_inside_dst_gap_shifts_forward() -> None:
    early = WorkCalendar(office_start=time(2, 30))
    # 02:30 does not exist on 29 March 2026; the next valid wall-clock time is 03:30 CEST.
    assert early.office_opening(date(2026, 3, 29)) == utc(2026, 3, 29, 1, 30)


# --- working_days_between ------------------------------------------------------------------


def test_working_days_between_same_day_is_zero(cal: WorkCalendar) -> None:
    assert cal.working_days_between(ams(2026, 4, 22, 9), ams(2026, 4, 22, 16)) == 0


def test_working_days_between_friday_and_monday_is_one(cal: WorkCalendar) -> None:
    assert cal.working_days_between(ams(2026, 4, 17, 16), ams(2026, 4, 20, 9)) == 1


def test_working_days_between_skips_koningsdag(cal: WorkCalendar) -> None:
    assert cal.working_days_between(ams(2026, 4, 24, 16), ams(2026, 4, 28, 9)) == 1


def test_working_days_between_across_christmas_and_new_year(cal: WorkCalendar) -> None:
    # Counts 28, 29, 30, 31 December and 4 January.
    assert cal.working_days_between(ams(2026, 12, 24, 12), ams(2027, 1, 4, 12)) == 5


def test_working_days_between_uses_local_dates(cal: WorkCalendar) -> None:
    # 22:30 UTC on Thursday is already Friday 00:30 in Amsterdam.
    assert cal.working_days_between(utc(2026, 4, 23, 10), utc(2026, 4, 23, 22, 30)) == 1


def test_working_days_between_reversed_range_is_zero(cal: WorkCalendar) -> None:
    assert cal.working_days_between(ams(2026, 4, 28, 9), ams(2026, 4, 20, 9)) == 0


# --- configuration, validation and return types -------------------------------------------


def test_custom_timezone_and_office_hours() -> None:
    curacao = WorkCalendar(
        timezone="America/Curacao", office_start=time(7, 30), office_end=time(16, 0)
    )
    assert curacao.tz == ZoneInfo("America/Curacao")
    # 11:30 UTC is 07:30 in Curacao (UTC-4), all year round.
    assert curacao.is_office_hours(utc(2026, 4, 22, 11, 30))
    assert not curacao.is_office_hours(utc(2026, 4, 22, 20, 0))
    assert curacao.next_send_moment(utc(2026, 4, 22, 20, 0)) == utc(2026, 4, 23, 11, 30)


@pytest.mark.parametrize(("start", "end"), [(time(9), time(9)), (time(17), time(8, 30))])
def test_office_start_must_be_before_office_end(start: time, end: time) -> None:
    with pytest.raises(ValueError):
        WorkCalendar(office_start=start, office_end=end)


@pytest.mark.parametrize(
    "call",
    [
        lambda c, m: c.local(m),
        lambda c, m: c.is_office_hours(m),
        lambda c, m: c.add_working_days(m, 1),
        lambda c, m: c.next_send_moment(m),
        lambda c, m: c.working_days_between(m, ams(2026, 4, 30)),
        lambda c, m: c.working_days_between(ams(2026, 4, 1), m),
    ],
)
def test_naive_datetime_raises(
    cal: WorkCalendar, call: Callable[[WorkCalendar, datetime], object]
) -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        call(cal, datetime(2026, 4, 22, 10, 0))


def test_returned_moments_are_utc_aware(cal: WorkCalendar) -> None:
    moment = ams(2026, 4, 25, 12)
    results = [
        cal.add_working_days(moment, 0),
        cal.add_working_days(moment, 2),
        cal.next_send_moment(moment),
        cal.next_send_moment(ams(2026, 4, 22, 12)),
        cal.office_opening(date(2026, 4, 22)),
    ]
    for result in results:
        assert result.tzinfo is UTC
        assert result.utcoffset() is not None
    assert cal.local(moment).tzinfo == AMSTERDAM
