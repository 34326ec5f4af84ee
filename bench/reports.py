"""The reports on the busy broadcast year (bench/broadcast_data.py): the overview
of 365 days and the year's exports.

- `report_year_ms`, `report_year_queries`: the staff overview page
  (`/admin/reports/overview/?start=…&end=…`, 365 days from the first day of the
  generated year) through the Django test client signed in as an administrator
  (median of REPORT_RUNS); `report_month_queries`: the same page for one month
  (the queries must not depend on the period); `report_year_selector_ms`:
  `reports.selectors.overview` alone; `report_year_aggregate_ms`: the floor, one
  aggregate (count and sum of the prices) over the year's airings, measured
  right after; `report_year_vs_aggregate`: the page ÷ that floor.
- `export_year_xlsx_s`, `export_year_xlsx_rss_mb`: the XLSX of the year's
  airings (~130 000 lines, `dataset=airings`), written by `reports.exports.Export`
  exactly as the export job does (reports/jobs.py: a temporary file), in a
  child process so that its memory is its own: growth of the resident memory
  (peak − before, VmHWM reset just before, see bench/upload.py) in MB.
- `export_year_xlsx_vs_openpyxl`: that time ÷ the time openpyxl's write-only
  mode alone takes to write as many plain lines of the same values (the first
  airing's, in local time), in the same child process: what the database reads,
  the typing, the formats and the neutralisation cost on top of openpyxl.
- `export_year_pdf_s`: the year's summary PDF (`/reports/export/pdf/?…&dataset=
  overview`) through the test client (median of PDF_RUNS).
- `report_year_ms_x0_5`, `report_year_ms_x2` (with `report_year_airings_…`,
  `report_year_queries_…` and the floor `report_year_aggregate_ms_…`): the same
  page on the busy year generated at half and twice the volume
  (bench/scaled.py), the 365 days centred on today (those measured above).

Run alone: `python bench/reports.py` (generates the year into a throw-away
SQLite file first, or uses DATABASE_URL; `--no-scaled` leaves out the other
volumes); `--write` also merges the figures into the `results` of
bench/results/latest.json (the others kept)."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# First, so that `reports` is the app, never this file (run as a script).
sys.path.insert(0, str(ROOT))

ADMIN_EMAIL = "bench-commercial@bf1.bf"
REPORT_RUNS = 7
PDF_RUNS = 3
MB = 1_000_000
CHILD_TIMEOUT = 900


def _administrator():
    from accounts.roles import Role
    from bench.staff import staff_user

    return staff_user(ADMIN_EMAIL, Role.ADMINISTRATOR, "Commercial")


def _timed(client, path: str, runs: int) -> tuple[float, int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def fetch():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        return response, content

    fetch()  # warm-up
    durations, queries, content = [], 0, b""
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            _response, content = fetch()
            durations.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    return round(statistics.median(durations), 1), queries, content


def year_of(summary: dict) -> tuple[dt.date, dt.date]:
    """The 365 days centred on today (at the bench's volume: its first day on)."""
    from bench.scaled import year_around

    return year_around(summary)


def measure_year_page(summary: dict, runs: int = REPORT_RUNS) -> dict[str, float | int]:
    """The overview of the year alone, its airings and its floor (at any volume)."""
    from django.test import Client

    from broadcasting.models import Airing

    start, end = year_of(summary)
    client = Client()
    client.force_login(_administrator())
    ms, queries, _content = _timed(
        client, f"/admin/reports/overview/?start={start.isoformat()}&end={end.isoformat()}", runs
    )
    return {
        "report_year_ms": ms,
        "report_year_queries": queries,
        "report_year_airings": Airing.objects.filter(
            break_slot__day__gte=start, break_slot__day__lte=end
        ).count(),
        "report_year_aggregate_ms": year_aggregate_ms(start, end),
    }


def measure(summary: dict, *, scaled: bool = True) -> dict[str, float | int | str]:
    from django.test import Client

    from reports import selectors
    from reports.filters import resolve_filters
    from reports.period import resolve_period

    start, end = year_of(summary)
    query = f"start={start.isoformat()}&end={end.isoformat()}"
    client = Client()
    client.force_login(_administrator())
    figures: dict[str, float | int | str] = {"report_year": f"{start} → {end}"}

    ms, queries, _content = _timed(client, f"/admin/reports/overview/?{query}", REPORT_RUNS)
    figures["report_year_ms"] = ms
    figures["report_year_queries"] = queries
    month_end = start + dt.timedelta(days=30)
    _ms, figures["report_month_queries"], _content = _timed(
        client, f"/admin/reports/overview/?start={start}&end={month_end}", 2
    )
    period = resolve_period({"start": start.isoformat(), "end": end.isoformat()})
    filters = resolve_filters({})
    durations = []
    selectors.overview(period, filters)
    for _ in range(REPORT_RUNS):
        began = time.perf_counter()
        selectors.overview(period, filters)
        durations.append((time.perf_counter() - began) * 1000)
    figures["report_year_selector_ms"] = round(statistics.median(durations), 1)
    floor = year_aggregate_ms(start, end)
    figures["report_year_aggregate_ms"] = floor
    figures["report_year_vs_aggregate"] = round(figures["report_year_ms"] / floor, 2)

    figures.update(measure_xlsx(start, end))

    ms, queries, content = _timed(
        client, f"/reports/export/pdf/?{query}&dataset=overview", PDF_RUNS
    )
    figures["export_year_pdf_s"] = round(ms / 1000, 2)
    figures["export_year_pdf_queries"] = queries
    figures["export_year_pdf_kb"] = round(len(content) / 1000, 1)
    if scaled:
        from bench import scaled as scaled_runs

        figures.update(scaled_runs.measure("bench.reports"))
    return figures


def year_aggregate_ms(start: dt.date, end: dt.date) -> float:
    """The floor of the overview: one aggregate over the year's airings (median)."""
    from django.db.models import Count, Sum

    from broadcasting.models import Airing

    airings = Airing.objects.filter(break_slot__day__gte=start, break_slot__day__lte=end)
    durations = []
    airings.aggregate(count=Count("pk"), amount=Sum("unit_price"))
    for _ in range(REPORT_RUNS):
        began = time.perf_counter()
        airings.aggregate(count=Count("pk"), amount=Sum("unit_price"))
        durations.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(durations), 1)


def write_latest(figures: dict) -> None:
    from bench.results_file import merge_into_latest

    merge_into_latest(figures, bench="reports")


# --- The year's XLSX, in a child process ------------------------------------------------
def measure_xlsx(start: dt.date, end: dt.date) -> dict[str, float | int]:
    """Run `child_xlsx` in a fresh Python on the same database; its figures."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "bench.reports", "--xlsx", start.isoformat(), end.isoformat()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise RuntimeError(f"the XLSX child process failed ({done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def child_xlsx(start: str, end: str) -> dict[str, float | int]:
    """In the child: a warm-up export of one week, then the year's airings
    with the memory watched, then openpyxl alone on as many plain lines."""
    import django

    django.setup()
    from openpyxl import Workbook

    from bench.upload import RssSampler, peak_since_reset, reset_high_water_mark, rss_bytes
    from reports.exports import Export, local_naive

    pid = os.getpid()
    params = {"start": start, "end": end, "dataset": "airings"}
    week_end = (dt.date.fromisoformat(start) + dt.timedelta(days=6)).isoformat()
    with tempfile.TemporaryFile() as scratch:  # every code path loaded before measuring
        Export.from_params({**params, "end": week_end}, fmt="xlsx").write(scratch)
    export = Export.from_params(params, fmt="xlsx")
    gc.collect()

    before = rss_bytes(pid) or 0
    high_water_reset = reset_high_water_mark(pid)
    sampler = RssSampler(pid)
    sampler.start()
    began = time.perf_counter()
    with tempfile.TemporaryFile() as scratch:
        rows = export.write(scratch)
        size = scratch.tell()
    seconds = time.perf_counter() - began
    peak = peak_since_reset(pid, sampler.finish(), high_water_reset)

    sample = tuple(local_naive(value) for value in export.queryset()[:1][0])
    began = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("plain")
    for _ in range(rows):
        sheet.append(sample)
    with tempfile.TemporaryFile() as scratch:
        workbook.save(scratch)
    plain = time.perf_counter() - began
    return {
        "export_year_xlsx_rows": rows,
        "export_year_xlsx_s": round(seconds, 2),
        "export_year_xlsx_mb": round(size / MB, 1),
        "export_year_xlsx_rss_mb": round((peak - before) / MB, 1),
        "export_year_xlsx_rss_before_mb": round(before / MB, 1),
        "export_year_openpyxl_s": round(plain, 2),
        "export_year_xlsx_vs_openpyxl": round(seconds / plain, 2),
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.test")
    if len(sys.argv) == 4 and sys.argv[1] == "--xlsx":
        print(json.dumps(child_xlsx(sys.argv[2], sys.argv[3])))
        sys.exit(0)
    if len(sys.argv) == 3 and sys.argv[1] == "--scaled":  # a child of bench/scaled.py
        from bench import scaled as scaled_runs

        summary = scaled_runs.prepare(float(sys.argv[2]))
        print(json.dumps({**measure_year_page(summary), **scaled_runs.generation(summary)}))
        sys.exit(0)
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="bf1-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    from bench import broadcast_data

    call_command("migrate", verbosity=0, interactive=False)
    results = measure(broadcast_data.generate(), scaled="--no-scaled" not in sys.argv)
    print(json.dumps(results, indent=2, default=str))
    if "--write" in sys.argv:
        write_latest(results)
