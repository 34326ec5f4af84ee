"""Working hours between two moments, in the station's business hours
(Africa/Ouagadougou, Monday to Friday 8:00–17:00 by default). The hours come from
a provider that a higher app registers (`home` reads its site settings, from its
AppConfig.ready()), and fall back on the settings CONVERSATION_BUSINESS_DAYS,
_OPENS and _CLOSES when none is registered or it fails. The counting is pure (no
database); the service levels (the reminders of `tasks.py`) use it to measure
how long a message waited."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings

OUAGADOUGOU = ZoneInfo("Africa/Ouagadougou")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BusinessHours:
    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # 0 = Monday
    opens: dt.time = dt.time(8, 0)
    closes: dt.time = dt.time(17, 0)
    tz: dt.tzinfo = OUAGADOUGOU

    @property
    def daily(self) -> dt.timedelta:
        """The length of one working day (nothing when it closes before it opens)."""
        today = dt.date(2000, 1, 3)
        length = dt.datetime.combine(today, self.closes) - dt.datetime.combine(today, self.opens)
        return max(length, dt.timedelta(0))


def _time(value: str, default: dt.time) -> dt.time:
    try:
        hours, minutes = str(value).split(":", 1)
        return dt.time(int(hours), int(minutes))
    except (TypeError, ValueError):
        return default


def settings_business_hours() -> BusinessHours:
    """The business hours of the settings (the fallback)."""
    base = BusinessHours()
    days = getattr(settings, "CONVERSATION_BUSINESS_DAYS", None)
    return BusinessHours(
        days=frozenset(int(day) for day in days if 0 <= int(day) <= 6) if days else base.days,
        opens=_time(getattr(settings, "CONVERSATION_BUSINESS_OPENS", ""), base.opens),
        closes=_time(getattr(settings, "CONVERSATION_BUSINESS_CLOSES", ""), base.closes),
    )


_providers: list[Callable[[], BusinessHours | None]] = []


def register_business_hours_provider(provider: Callable[[], BusinessHours | None]) -> None:
    """`provider()` returns the station's BusinessHours (or None: the settings
    apply). The last one registered wins; registering twice is harmless."""
    if provider in _providers:
        _providers.remove(provider)
    _providers.append(provider)


def unregister_business_hours_provider(provider: Callable[[], BusinessHours | None]) -> None:
    if provider in _providers:
        _providers.remove(provider)


def _usable(hours) -> bool:
    return (
        isinstance(hours, BusinessHours)
        and bool(hours.days)
        and all(0 <= day <= 6 for day in hours.days)
        and hours.daily > dt.timedelta(0)
    )


def business_hours() -> BusinessHours:
    """The station's business hours: the registered provider's (the site
    settings), else the settings'. A provider that fails or returns hours that
    count nothing is logged and ignored: the reminders keep running."""
    if _providers:
        try:
            hours = _providers[-1]()
        except Exception:  # noqa: BLE001 - a broken provider must not stop the reminders
            logger.exception("The business hours provider failed; using the settings")
        else:
            if _usable(hours):
                return hours
            if hours is not None:
                logger.warning("Unusable business hours %r; using the settings", hours)
    return settings_business_hours()


def _business_days(first: dt.date, last: dt.date, days: frozenset[int]) -> int:
    """How many dates from `first` to `last` (both included) fall on a business day."""
    count = (last - first).days + 1
    if count <= 0:
        return 0
    weeks, rest = divmod(count, 7)
    extra = sum(1 for offset in range(rest) if (first.weekday() + offset) % 7 in days)
    return weeks * len(days) + extra


def _within_day(day: dt.date, start: dt.datetime, end: dt.datetime, hours) -> dt.timedelta:
    """The business time of `day` that lies between `start` and `end`."""
    if day.weekday() not in hours.days:
        return dt.timedelta(0)
    opens = dt.datetime.combine(day, hours.opens, tzinfo=hours.tz)
    closes = dt.datetime.combine(day, hours.closes, tzinfo=hours.tz)
    low, high = max(opens, start), min(closes, end)
    return high - low if high > low else dt.timedelta(0)


def working_time(start: dt.datetime, end: dt.datetime, hours: BusinessHours) -> dt.timedelta:
    """The business time between two aware moments (nothing when `end` is not
    after `start`), in the station's time zone: the first and the last day
    partly, every whole business day between them at once."""
    if end <= start or not hours.days or hours.daily <= dt.timedelta(0):
        return dt.timedelta(0)
    start = start.astimezone(hours.tz)
    end = end.astimezone(hours.tz)
    first, last = start.date(), end.date()
    if first == last:
        return _within_day(first, start, end, hours)
    between = _business_days(first + dt.timedelta(days=1), last - dt.timedelta(days=1), hours.days)
    return (
        _within_day(first, start, end, hours)
        + hours.daily * between
        + _within_day(last, start, end, hours)
    )


def working_hours_between(start: dt.datetime, end: dt.datetime, hours=None) -> float:
    """The business hours between two moments, as a number of hours."""
    return working_time(start, end, hours or business_hours()).total_seconds() / 3600
