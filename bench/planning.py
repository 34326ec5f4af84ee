"""The broadcasters' planning dashboard and its exports on the busy year
(bench/broadcast_data.py), through the Django test client signed in as the
bench broadcaster: the day page of the busiest day (`/diffusion/?date=`), and
the running order of that day's week as XLSX and PDF
(`/diffusion/export/<fmt>/?date=...&view=week`).

`planning_day_ms_x0_5`, `planning_day_ms_x2` (with `planning_day_airings_…`
and `planning_day_queries_…`): the same day page on the busy year generated at
half and twice the volume (bench/scaled.py: as many airings a day, half or
twice the days and advertisers), whose busiest day holds as many airings.

Run alone: `python bench/planning.py [--write]` (generates the year into a
throw-away SQLite file first, or uses DATABASE_URL; `--no-scaled` leaves out
the other volumes; `--write` puts the figures into bench/results/latest.json
beside the others)."""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.test")
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = (
            f"sqlite:///{tempfile.mkdtemp(prefix='bf1-bench-')}/bench.sqlite3"
        )
    import django

    django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGE_RUNS = 20
EXPORT_RUNS = 5


def _timed(client: Client, path: str, runs: int) -> tuple[float, int, object]:
    response = client.get(path)  # warm-up
    assert response.status_code == 200, (path, response.status_code)
    durations, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(path)
            if response.streaming:
                b"".join(response.streaming_content)
            durations.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries = len(ctx.captured_queries)
    return round(statistics.median(durations), 1), queries, response


def measure_day_page(summary: dict, runs: int = PAGE_RUNS) -> dict[str, float | int]:
    """The day page of the busiest day alone (at any volume)."""
    from accounts.models import User
    from bench.broadcast_data import BROADCASTER_EMAIL
    from broadcasting.models import Airing, AiringStatus

    day = summary["busiest_day"]
    client = Client()
    client.force_login(User.objects.get(email=BROADCASTER_EMAIL))
    ms, queries, _response = _timed(client, f"/diffusion/?date={day.isoformat()}", runs)
    return {
        "planning_day_ms": ms,
        "planning_day_queries": queries,
        "planning_day_airings": Airing.objects.filter(break_slot__day=day)
        .exclude(status=AiringStatus.CANCELLED)
        .count(),
    }


def measure(summary: dict, *, scaled: bool = True) -> dict[str, float | int | str]:
    from accounts.models import User
    from bench.broadcast_data import BROADCASTER_EMAIL
    from broadcasting.models import Airing, AiringStatus
    from broadcasting.selectors.planning import week_monday

    day = summary["busiest_day"]
    client = Client()
    client.force_login(User.objects.get(email=BROADCASTER_EMAIL))
    figures: dict[str, float | int | str] = {
        "planning_day": day.isoformat(),
        "planning_day_airings": Airing.objects.filter(break_slot__day=day)
        .exclude(status=AiringStatus.CANCELLED)
        .count(),
    }
    ms, queries, response = _timed(client, f"/diffusion/?date={day.isoformat()}", PAGE_RUNS)
    figures["planning_day_ms"] = ms
    figures["planning_day_queries"] = queries
    figures["planning_day_html_kb"] = round(len(response.content) / 1000, 1)
    # The same page for the quietest day of the year: the same number of queries.
    quiet = summary["last_day"]
    figures["planning_quiet_day_airings"] = (
        Airing.objects.filter(break_slot__day=quiet).exclude(status=AiringStatus.CANCELLED).count()
    )
    _ms, figures["planning_quiet_day_queries"], _response = _timed(
        client, f"/diffusion/?date={quiet.isoformat()}", 3
    )
    monday = week_monday(day)
    figures["export_week_rows"] = (
        Airing.objects.filter(break_slot__day__range=(monday, monday + dt.timedelta(days=6)))
        .exclude(status=AiringStatus.CANCELLED)
        .count()
    )
    for fmt in ("csv", "xlsx", "pdf"):
        path = f"/diffusion/export/{fmt}/?date={day.isoformat()}&view=week"
        ms, queries, response = _timed(client, path, EXPORT_RUNS)
        figures[f"export_week_{fmt}_ms"] = ms
        figures[f"export_week_{fmt}_queries"] = queries
        figures[f"export_week_{fmt}_kb"] = round(len(response.content) / 1000, 1)
    # Floors, in the same run: the same rows from one values_list query, written
    # by the csv module alone, and by openpyxl alone (write-only, plain values).
    figures["export_week_csv_floor_ms"] = _median_ms(lambda: _floor_csv(monday), EXPORT_RUNS)
    figures["export_week_openpyxl_ms"] = _median_ms(lambda: _floor_xlsx(monday), EXPORT_RUNS)
    figures["export_week_csv_vs_floor"] = round(
        figures["export_week_csv_ms"] / figures["export_week_csv_floor_ms"], 2
    )
    figures["export_week_xlsx_vs_openpyxl"] = round(
        figures["export_week_xlsx_ms"] / figures["export_week_openpyxl_ms"], 2
    )
    if scaled:
        from bench import scaled as scaled_runs

        figures.update(scaled_runs.measure("bench.planning"))
    return figures


def _median_ms(fn, runs: int) -> float:
    fn()  # warm-up
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        durations.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(durations), 1)


def _floor_rows(monday: dt.date):
    """The week's rows as the exports show them (10 columns), one values_list query."""
    from broadcasting.models import Airing, AiringStatus

    return (
        Airing.objects.filter(break_slot__day__range=(monday, monday + dt.timedelta(days=6)))
        .exclude(status=AiringStatus.CANCELLED)
        .order_by("break_slot__starts_at", "break_slot_id", "position", "pk")
        .values_list(
            "break_slot__day",
            "break_slot__starts_at",
            "break_slot__label",
            "position",
            "advertiser__name",
            "spot__image__title",
            "spot__house_code",
            "length",
            "spot__image__file",
            "status",
        )
    )


def _floor_csv(monday: dt.date) -> bytes:
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(_floor_rows(monday))
    return buffer.getvalue().encode("utf-8")


def _floor_xlsx(monday: dt.date) -> bytes:
    import io

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="floor")
    for row in _floor_rows(monday):
        sheet.append(row[:1] + (row[1].replace(tzinfo=None).time(),) + row[2:])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def merge_into_latest(figures: dict) -> None:
    from bench.results_file import merge_into_latest as merge

    merge(figures, bench="planning")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--scaled":  # a child of bench/scaled.py
        from bench import scaled as scaled_runs

        summary = scaled_runs.prepare(float(sys.argv[2]))
        print(json.dumps({**measure_day_page(summary), **scaled_runs.generation(summary)}))
        sys.exit(0)
    from django.core.management import call_command

    from bench import broadcast_data

    call_command("migrate", verbosity=0, interactive=False)
    figures = measure(broadcast_data.generate(), scaled="--no-scaled" not in sys.argv[1:])
    if "--write" in sys.argv[1:]:
        merge_into_latest(figures)
    print(json.dumps(figures, indent=2, default=str))
