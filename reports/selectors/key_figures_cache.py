"""This month's key figures of the admin dashboard, kept a minute in the cache.

`cached_key_figures(period)` reads them from the cache (`key_figures` computes
them on a miss, or when the cache is down: `core.cache` answers a miss then).
Every save or delete of an airing, a break or a campaign bumps a version key
(`bump_version`, connected in `ReportsConfig.ready`): the next dashboard reads
fresh figures at once. Bulk writes that send no signal (placement's
`bulk_create`, a running order's `update`) are seen within `TIMEOUT` seconds."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

from ..period import Period
from .dashboard import key_figures

TIMEOUT = 60
VERSION_KEY = "reports:key-figures:version"


def _key(period: Period, version) -> str:
    return f"reports:key-figures:{version}:{period.start.isoformat()}:{period.end.isoformat()}"


def cached_key_figures(period: Period) -> dict:
    """`key_figures(period)` (no filter), from the cache when it is there."""
    version = cache.get(VERSION_KEY) or 0
    key = _key(period, version)
    figures = cache.get(key)
    if figures is None:
        figures = key_figures(period)
        cache.set(
            key, {name: value for name, value in figures.items() if name != "period"}, TIMEOUT
        )
        return figures
    return {**figures, "period": period}


def _bump() -> None:
    cache.set(VERSION_KEY, time.time_ns(), None)


def bump_version(**_kwargs) -> None:
    """Forget the cached figures: now, and again when the transaction commits (so
    that a dashboard read meanwhile does not keep figures of before the change)."""
    _bump()
    transaction.on_commit(_bump)
