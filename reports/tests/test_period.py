"""The period rules shared by every report screen and export."""

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.http import QueryDict
from django.utils import timezone

from reports.period import MAX_DAYS, Period, current_month, parse_date, resolve_period

UTC = dt.UTC


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.fixture
def today_is():
    """Freeze `timezone.now()` at an aware instant."""
    patches = []

    def freeze(moment: dt.datetime):
        patcher = mock.patch("django.utils.timezone.now", return_value=moment)
        patcher.start()
        patches.append(patcher)

    yield freeze
    for patcher in reversed(patches):
        patcher.stop()


def test_a_valid_range_is_kept_as_is():
    period = resolve_period({"start": "2026-03-05", "end": "2026-04-20"})
    assert (period.start, period.end) == (dt.date(2026, 3, 5), dt.date(2026, 4, 20))
    assert not (period.was_cut or period.was_swapped or period.was_defaulted)
    assert period.messages == []
    assert period.days == 47
    assert period.querystring() == "start=2026-03-05&end=2026-04-20"


def test_a_single_day_is_a_period():
    period = resolve_period({"start": "2026-03-05", "end": "2026-03-05"})
    assert period.start == period.end == dt.date(2026, 3, 5)
    assert period.days == 1


def test_a_query_dict_is_read_too():
    period = resolve_period(QueryDict("start=2026-01-01&end=2026-01-31&band=x"))
    assert (period.start, period.end) == (dt.date(2026, 1, 1), dt.date(2026, 1, 31))


@pytest.mark.parametrize("params", [{}, {"start": "", "end": ""}, None, QueryDict("")])
def test_no_dates_mean_the_current_month_without_a_message(today_is, params):
    today_is(at(2026, 5, 14, 10, 0))
    period = resolve_period(params)
    assert (period.start, period.end) == (dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    assert period.was_defaulted
    assert period.messages == []


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-13-01", "end": "2026-12-31"},
        {"start": "2026-02-30", "end": "2026-03-10"},
        {"start": "05/03/2026", "end": "2026-03-10"},
        {"start": "20260305", "end": "20260310"},
        {"start": "2026-3-5", "end": "2026-03-10"},
        {"start": "demain", "end": "2026-03-10"},
        {"start": "2026-03-05T10:00", "end": "2026-03-10"},
        {"start": "0001-01-01", "end": "2026-03-10"},
        {"start": "9999-12-31", "end": "9999-12-31"},
        {"start": "2026-03-05"},
        {"end": "2026-03-10"},
    ],
)
def test_an_invalid_or_missing_date_gives_the_current_month_and_says_so(today_is, params):
    today_is(at(2026, 5, 14, 10, 0))
    period = resolve_period(params)
    assert (period.start, period.end) == (dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    assert period.was_defaulted
    assert len(period.messages) == 1


def test_dates_are_read_with_surrounding_spaces():
    period = resolve_period({"start": " 2026-03-05 ", "end": "2026-03-06\n"})
    assert (period.start, period.end) == (dt.date(2026, 3, 5), dt.date(2026, 3, 6))


def test_start_after_end_is_swapped():
    period = resolve_period({"start": "2026-04-20", "end": "2026-03-05"})
    assert (period.start, period.end) == (dt.date(2026, 3, 5), dt.date(2026, 4, 20))
    assert period.was_swapped and not period.was_cut
    assert len(period.messages) == 1


def test_exactly_365_days_are_kept():
    period = resolve_period({"start": "2025-01-01", "end": "2025-12-31"})
    assert period.days == MAX_DAYS == 365
    assert not period.was_cut
    assert period.messages == []


def test_a_longer_period_is_cut_to_365_days_from_the_start_and_says_so():
    period = resolve_period({"start": "2024-01-01", "end": "2026-06-30"})
    assert period.start == dt.date(2024, 1, 1)
    assert period.end == dt.date(2024, 12, 30)  # 2024 is a leap year: 366 days
    assert period.days == 365
    assert period.was_cut
    assert len(period.messages) == 1
    assert "365" in period.messages[0]
    assert "30/12/2024" in period.messages[0]


def test_swapped_then_cut():
    period = resolve_period({"start": "2027-03-01", "end": "2025-01-01"})
    assert period.was_swapped and period.was_cut
    assert (period.start, period.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert len(period.messages) == 2


def test_one_day_too_long_is_cut():
    period = resolve_period({"start": "2025-01-01", "end": "2026-01-01"})
    assert period.was_cut
    assert period.end == dt.date(2025, 12, 31)


def test_the_current_month_on_its_first_and_last_day_in_ouagadougou(today_is):
    # Africa/Ouagadougou is UTC+0: 00:00 on the 1st and 23:59 on the last day.
    today_is(at(2026, 3, 1, 0, 0))
    assert current_month() == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    today_is(at(2026, 2, 28, 23, 30))
    period = resolve_period({})
    assert (period.start, period.end) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    today_is(at(2028, 2, 29, 23, 59))  # leap year
    assert current_month() == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    today_is(at(2026, 12, 31, 23, 30))
    assert current_month() == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


def test_the_local_date_is_used_not_the_utc_one(today_is, settings):
    assert settings.TIME_ZONE == "Africa/Ouagadougou"
    today_is(at(2026, 1, 31, 23, 30))
    assert timezone.localdate() == dt.date(2026, 1, 31)
    assert current_month() == (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    # In a zone ahead of UTC, 23:30 UTC on 31 January is already February: the
    # month follows the local date.
    with timezone.override(ZoneInfo("Pacific/Kiritimati")):
        assert resolve_period({}).start == dt.date(2026, 2, 1)
    with timezone.override(ZoneInfo("America/Los_Angeles")):
        today_is(at(2026, 3, 1, 3, 0))
        assert resolve_period({}).start == dt.date(2026, 2, 1)


def test_bounds_are_local_midnights():
    period = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    first, after = period.bounds()
    assert first == dt.datetime(2026, 3, 1, tzinfo=ZoneInfo("Africa/Ouagadougou"))
    assert after == dt.datetime(2026, 4, 1, tzinfo=ZoneInfo("Africa/Ouagadougou"))


def test_months_of_a_period():
    period = resolve_period({"start": "2025-11-15", "end": "2026-02-02"})
    assert period.months() == [
        dt.date(2025, 11, 1),
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
    ]
    assert dt.date(2026, 2, 2) in period
    assert dt.date(2026, 2, 3) not in period


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-05", dt.date(2026, 3, 5)),
        ("2026-02-29", None),
        ("", None),
        (None, None),
        (5, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected
