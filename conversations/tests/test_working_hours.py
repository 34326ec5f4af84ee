"""Working hours between two moments (conversations.working_hours): examples a
person can check on a calendar, then the invariants with Hypothesis."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from conversations.working_hours import OUAGADOUGOU, BusinessHours, working_time

HOURS = BusinessHours()  # Monday to Friday, 8:00–17:00, Africa/Ouagadougou


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of December 2026 in Ouagadougou (7 December is a Monday)."""
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=OUAGADOUGOU)


def hours(start, end) -> float:
    return working_time(start, end, HOURS).total_seconds() / 3600


def test_within_one_working_day():
    assert hours(at(7, 9), at(7, 13, 30)) == 4.5


def test_before_opening_and_after_closing_do_not_count():
    assert hours(at(7, 6), at(7, 9)) == 1
    assert hours(at(7, 16), at(7, 22)) == 1
    assert hours(at(7, 18), at(8, 7)) == 0


def test_the_night_and_the_weekend_do_not_count():
    # Friday 16:00 → Monday 10:00: one hour on Friday, two on Monday.
    assert hours(at(11, 16), at(14, 10)) == 3
    assert hours(at(12, 9), at(13, 18)) == 0  # Saturday and Sunday


def test_a_whole_week_is_45_hours():
    assert hours(at(7, 0), at(14, 0)) == 45
    assert hours(at(7, 0), at(28, 0)) == 3 * 45


def test_other_time_zones_are_converted():
    paris = dt.timezone(dt.timedelta(hours=1))
    start = dt.datetime(2026, 12, 7, 10, 0, tzinfo=paris)  # 9:00 in Ouagadougou
    assert hours(start, at(7, 10)) == 1


def test_nothing_when_the_end_is_not_after_the_start():
    assert hours(at(7, 12), at(7, 12)) == 0
    assert hours(at(8, 12), at(7, 12)) == 0


moments = st.datetimes(min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2028, 12, 31)).map(
    lambda moment: moment.replace(tzinfo=OUAGADOUGOU)
)


def _naive_count(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """A slow, obvious count, day by day, to compare with."""
    total = dt.timedelta(0)
    day = start.date()
    while day <= end.date():
        if day.weekday() < 5:
            opens = dt.datetime.combine(day, dt.time(8), tzinfo=OUAGADOUGOU)
            closes = dt.datetime.combine(day, dt.time(17), tzinfo=OUAGADOUGOU)
            low, high = max(opens, start), min(closes, end)
            if high > low:
                total += high - low
        day += dt.timedelta(days=1)
    return total


@settings(deadline=None, max_examples=200)
@given(moments, moments, moments)
def test_additive_over_a_split(a, b, c):
    a, b, c = sorted((a, b, c))
    assert working_time(a, c, HOURS) == working_time(a, b, HOURS) + working_time(b, c, HOURS)


@settings(deadline=None, max_examples=200)
@given(moments, moments)
def test_never_negative_nor_longer_than_the_real_time(a, b):
    result = working_time(a, b, HOURS)
    assert result >= dt.timedelta(0)
    assert result <= max(b - a, dt.timedelta(0))


@settings(deadline=None, max_examples=200)
@given(moments, st.integers(min_value=0, max_value=60 * 24 * 60))
def test_equals_the_day_by_day_count(start, minutes):
    end = start + dt.timedelta(minutes=minutes)
    assert working_time(start, end, HOURS) == _naive_count(start, end)


@settings(deadline=None, max_examples=100)
@given(moments, st.integers(min_value=1, max_value=200))
def test_whole_weeks_are_45_hours_each(start, weeks):
    end = start + dt.timedelta(weeks=weeks)
    assert working_time(start, end, HOURS) == dt.timedelta(hours=45 * weeks)
