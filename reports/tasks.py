"""django-q2 jobs of the reports app (thin wrappers around reports/services.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from . import services

# SQLite's page cache while an export runs (KiB; 2 000 by default, per connection).
SQLITE_EXPORT_CACHE_KIB = 256


@contextmanager
def sequential_reads() -> Iterator[None]:
    """A long export reads its rows once, in order: on SQLite, a small page cache
    for its duration (the default one would only keep pages never read again,
    2 MB of the worker's memory); the connection's own size comes back after."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        previous = int(cursor.execute("PRAGMA cache_size").fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_EXPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous}")


def run_export_job(job_id: int) -> str:
    """Write a long export's file (queued by `services.start`)."""
    with sequential_reads():
        return services.run(job_id)


def remove_expired_exports() -> int:
    """Hourly: delete the export files kept past their 24 hours, and their jobs."""
    return services.remove_expired()


def sweep_stalled_exports() -> dict[str, int]:
    """Every 5 minutes: fail the export jobs whose worker died, queue again
    those whose enqueue failed (reports/sweeper.py)."""
    from .sweeper import sweep_stalled

    return sweep_stalled()
