"""The period of every report screen and export: one function, `resolve_period`.

Rules (the same everywhere, so that what a page shows is exactly what its export
links carry):

- `start` and `end` are read as `YYYY-MM-DD`, both inclusive;
- both missing → the current month in Africa/Ouagadougou (first to last day);
- one missing or unreadable → the current month too, and the page says so;
- `start` after `end` → the two are swapped;
- longer than `MAX_DAYS` days → cut to `MAX_DAYS` days from `start`, and the page
  says so."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext as _

MAX_DAYS = 365
# Years outside this range are typing mistakes (and would overflow date arithmetic).
MIN_YEAR = 2000
MAX_YEAR = 2999

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    was_cut: bool = False
    was_swapped: bool = False
    was_defaulted: bool = False
    messages: list[str] = field(default_factory=list, compare=False)

    @property
    def days(self) -> int:
        """Number of days, both ends included."""
        return (self.end - self.start).days + 1

    def as_params(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    def querystring(self) -> str:
        """`start=YYYY-MM-DD&end=YYYY-MM-DD`, the period as resolved."""
        return urlencode(self.as_params())

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Aware datetimes [first instant, first instant after) in the current
        time zone (Africa/Ouagadougou), to filter datetime fields."""
        tz = timezone.get_current_timezone()
        first = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return first, after

    def months(self) -> list[dt.date]:
        """The first day of each calendar month the period touches."""
        months = []
        current = self.start.replace(day=1)
        while current <= self.end:
            months.append(current)
            current = (current + dt.timedelta(days=32)).replace(day=1)
        return months

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of `day`'s month."""
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def current_month() -> tuple[dt.date, dt.date]:
    """First and last day of this month in Africa/Ouagadougou (the local date,
    not the UTC one)."""
    return month_of(timezone.localdate())


def parse_date(value) -> dt.date | None:
    """A `YYYY-MM-DD` string as a date, None when missing or unreadable."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not _DATE_RE.match(value):
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:  # 2026-02-30
        return None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    return day


def resolve_period(params: Mapping) -> Period:
    """The period asked for by `params` (a QueryDict or any mapping with
    `start` and `end`), after the rules of this module."""
    raw_start = (params.get("start") or "").strip() if params else ""
    raw_end = (params.get("end") or "").strip() if params else ""
    start, end = parse_date(raw_start), parse_date(raw_end)
    messages: list[str] = []

    if start is None or end is None:
        first, last = current_month()
        if (raw_start and start is None) or (raw_end and end is None):
            messages.append(
                _(
                    "The dates of the period could not be read (expected YYYY-MM-DD): "
                    "here is the current month."
                )
            )
        elif raw_start or raw_end:
            messages.append(_("Give both dates of the period: here is the current month."))
        return Period(first, last, was_defaulted=True, messages=messages)

    swapped = start > end
    if swapped:
        start, end = end, start
        messages.append(_("The start date was after the end date: the two were swapped."))

    cut = (end - start).days + 1 > MAX_DAYS
    if cut:
        end = start + dt.timedelta(days=MAX_DAYS - 1)
        messages.append(
            _("Period reduced to %(days)s days: from %(start)s to %(end)s.")
            % {
                "days": MAX_DAYS,
                "start": start.strftime("%d/%m/%Y"),
                "end": end.strftime("%d/%m/%Y"),
            }
        )
    return Period(start, end, was_cut=cut, was_swapped=swapped, messages=messages)
