"""Time as the station counts it, in Africa/Ouagadougou (the project's TIME_ZONE).

The broadcast day: BF1's schedule runs from 06:00 to about 00:30, so a break
before DAY_START belongs to the previous day's running order. "Now" is Django's
`timezone.now()`, which the tests move with time-machine."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

DAY_START = dt.time(5, 0)


def starts_at(day: dt.date, time: dt.time) -> dt.datetime:
    """The aware moment of a break at `time` in the running order of `day`."""
    calendar_day = day + dt.timedelta(days=1) if time < DAY_START else day
    return timezone.make_aware(dt.datetime.combine(calendar_day, time))


def day_of(moment: dt.datetime) -> dt.date:
    """The broadcast day a moment belongs to."""
    local = timezone.localtime(moment)
    if local.time() < DAY_START:
        return local.date() - dt.timedelta(days=1)
    return local.date()


def minute_of(moment: dt.datetime) -> int:
    """Minutes after the start of the broadcast day (orders a day's breaks)."""
    local = timezone.localtime(moment)
    minutes = local.hour * 60 + local.minute
    if local.time() < DAY_START:
        minutes += 24 * 60
    return minutes


def today() -> dt.date:
    """Today's broadcast day (until 05:00, last night's running order)."""
    return day_of(timezone.now())
