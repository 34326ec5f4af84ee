"""The import job: read the stored file, group its rows by broadcast day, then
apply each day in its own transaction (`apply.apply_day`), updating the
progress and the heartbeat after each. A refused file fails the import with its
French message and changes nothing; any other error is recorded and raised
again, so that django-q2 retries the job (the days already applied are kept
and skipped). An import already done is left as it is."""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo
from collections import defaultdict
from dataclasses import fields

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import clock

from ...models import AsRunFormat, AsRunImport, AsRunSource
from ..readers import CsvMapping, read_asrun_file
from ..rows import AsRunFileError, AsRunRow, ReadResult
from .apply import apply_day
from .upload import raw_path

logger = logging.getLogger(__name__)

# Rows not read kept on the import (the first ones), for its summary.
MAX_PROBLEMS_KEPT = 500
Status = AsRunImport.Status


def max_attempts() -> int:
    return int(settings.Q_CLUSTER.get("max_attempts") or 1)


def csv_mapping_of(source: AsRunSource | None) -> CsvMapping | None:
    """The source's saved CSV mapping (unknown keys left out), None without one."""
    if source is None or not source.csv_mapping:
        return None
    names = {field.name for field in fields(CsvMapping)}
    values = {k: v for k, v in dict(source.csv_mapping).items() if k in names}
    return CsvMapping(**values) if values else None


def zone_of(source: AsRunSource | None) -> dt.tzinfo | None:
    if source is None or not source.time_zone:
        return None
    try:
        return zoneinfo.ZoneInfo(source.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _start(import_id: int) -> AsRunImport | None:
    """Mark the import running (its row locked); None when there is nothing to
    do (gone, done, or running elsewhere with a fresh heartbeat)."""
    with transaction.atomic():
        asrun_import = AsRunImport.objects.select_for_update().filter(pk=import_id).first()
        if asrun_import is None or asrun_import.status == Status.DONE:
            return None
        now = timezone.now()
        stall = dt.timedelta(minutes=settings.ASRUN_STALL_MINUTES)
        if (
            asrun_import.status == Status.RUNNING
            and asrun_import.heartbeat_at
            and now - asrun_import.heartbeat_at < stall
        ):
            return None
        asrun_import.status = Status.RUNNING
        asrun_import.attempts += 1
        asrun_import.heartbeat_at = now
        asrun_import.error = ""
        asrun_import.save(update_fields=["status", "attempts", "heartbeat_at", "error"])
        return asrun_import


def fail(asrun_import: AsRunImport, message: str) -> None:
    asrun_import.status = Status.FAILED
    asrun_import.error = str(message)[:2000]
    asrun_import.finished_at = timezone.now()
    asrun_import.heartbeat_at = asrun_import.finished_at
    AsRunImport.objects.filter(pk=asrun_import.pk).update(
        status=asrun_import.status,
        error=asrun_import.error,
        finished_at=asrun_import.finished_at,
        heartbeat_at=asrun_import.heartbeat_at,
    )


def _read(asrun_import: AsRunImport) -> ReadResult:
    path = raw_path(asrun_import)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise AsRunFileError(_("The stored as-run file is missing.")) from None
    source = asrun_import.source
    with handle:
        result = read_asrun_file(
            handle,
            filename=asrun_import.filename,
            mapping=csv_mapping_of(source),
            zone=zone_of(source),
        )
    expected = source.format if source is not None else AsRunFormat.AUTO
    if expected != AsRunFormat.AUTO and result.format != expected:
        raise AsRunFileError(
            _(
                "This file is in the %(found)s format, but the source “%(source)s” sends "
                "%(expected)s."
            )
            % {
                "found": AsRunFormat(result.format).label,
                "source": source.name,
                "expected": AsRunFormat(expected).label,
            }
        )
    return result


def rows_by_day(rows) -> dict[dt.date, list[AsRunRow]]:
    """The rows by broadcast day (a day's log runs past midnight)."""
    days: dict[dt.date, list[AsRunRow]] = defaultdict(list)
    for row in rows:
        days[clock.day_of(row.aired_at)].append(row)
    return dict(sorted(days.items()))


def _record_reading(asrun_import: AsRunImport, result: ReadResult, days: list[dt.date]) -> None:
    asrun_import.format = result.format
    asrun_import.message_id = (result.message_id or "")[:200]
    asrun_import.rows_total = len(result.rows) + len(result.problems)
    asrun_import.first_day = days[0] if days else None
    asrun_import.last_day = days[-1] if days else None
    asrun_import.problems = [
        {"line": problem.line, "message": problem.message}
        for problem in result.problems[:MAX_PROBLEMS_KEPT]
    ]
    changes = {
        "format": asrun_import.format,
        "message_id": asrun_import.message_id,
        "rows_total": asrun_import.rows_total,
        "first_day": asrun_import.first_day,
        "last_day": asrun_import.last_day,
        "problems": asrun_import.problems,
        "heartbeat_at": timezone.now(),
    }
    if not asrun_import.days_done:  # a first run: the rows not read are ignored ones
        asrun_import.rows_ignored = len(result.problems)
        changes["rows_ignored"] = asrun_import.rows_ignored
    AsRunImport.objects.filter(pk=asrun_import.pk).update(**changes)


def run_import(*, import_id: int) -> AsRunImport | None:
    """Run the import `import_id` (the django-q2 job); returns it as it ends."""
    asrun_import = _start(import_id)
    if asrun_import is None:
        return AsRunImport.objects.filter(pk=import_id).first()
    try:
        result = _read(asrun_import)
        days = rows_by_day(result.rows)
        _record_reading(asrun_import, result, list(days))
        total = len(days)
        now = timezone.now()
        for index, (day, rows) in enumerate(days.items(), start=1):
            apply_day(
                import_id=asrun_import.pk,
                day=day,
                rows=rows,
                progress=min(99, index * 100 // max(total, 1)),
                now=now,
            )
    except AsRunFileError as exc:
        fail(asrun_import, exc.message)
        asrun_import.refresh_from_db()
        return asrun_import
    except Exception as exc:
        logger.exception("As-run import %s failed (attempt %s)", import_id, asrun_import.attempts)
        fail(
            asrun_import,
            _("The import stopped on an unexpected error (%(error)s).")
            % {"error": f"{type(exc).__name__}: {exc}"[:300]},
        )
        raise
    finished = timezone.now()
    AsRunImport.objects.filter(pk=asrun_import.pk).update(
        status=Status.DONE, progress=100, finished_at=finished, heartbeat_at=finished
    )
    asrun_import.refresh_from_db()
    return asrun_import
