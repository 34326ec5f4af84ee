"""Benchmarks of BF1 Pub. Writes its figures to bench/results/latest.json.

Run with `make bench`. Each figure is the median of several runs, measured on
a throw-away SQLite database (or DATABASE_URL when set). Later issues add their
own measures to MEASURES. The pricing engine (bench/pricing.py) and the quote
API under 20 concurrent clients (bench/quote_api.py, its own gunicorn server and
SQLite file) and the home page against a constant view under 8 clients
(bench/http_load.py, gunicorn then daphne) come next, then the chunked upload of a 200 MB video
(bench/upload.py, another daphne server): when it fails, the other figures are
still written, with `upload_error`, and the run exits with 1. Last, 50 clients
on the planning dashboard against one daphne on PostgreSQL (bench/load_diffusion.py).
bench/README.md explains each figure.

The broadcasting figures (`measure_broadcasting`) run on a busy year generated
once into the bench database (bench/broadcast_data.py, about 20 s of CPU):
the scheduler, then the planning page and the week's exports, then the reports
(bench/reports.py: the year's overview and exports), then billing (bench/billing.py:
issuing an invoice, the busiest month's billing run, the ageing report). The
conversations (bench/conversations.py: the staff inbox, a long thread, a message to
ten people) follow on the same database, with threads and messages of their own."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bf1-bench-')}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import asrun as asrun_bench  # noqa: E402
from bench import assistant as assistant_bench  # noqa: E402
from bench import billing as billing_bench  # noqa: E402
from bench import (  # noqa: E402
    broadcast_data,
    campaign_list,
    http_load,
    load_diffusion,
    quote_api,
    report_memory,
)
from bench import conversations as conversations_bench  # noqa: E402
from bench import lighthouse as lighthouse_bench  # noqa: E402
from bench import planning as planning_bench  # noqa: E402
from bench import pricing as pricing_bench  # noqa: E402
from bench import reports as reports_bench  # noqa: E402
from bench import scheduler as scheduler_bench  # noqa: E402
from bench import upload as upload_bench  # noqa: E402

RUNS = 20


def timed(fn, runs: int = RUNS) -> tuple[float, int]:
    fn()  # warm-up
    durations = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            durations.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    return round(statistics.median(durations), 2), queries


def measure_upload() -> dict[str, float | int | str]:
    """The upload figures, or `upload_error` when that bench fails (its traceback
    and the server's log go to stderr)."""
    try:
        return upload_bench.measure()
    except Exception as exc:  # noqa: BLE001 - reported, and the run exits with 1
        traceback.print_exc()
        message = f"{type(exc).__name__}: {exc}"[:500]
        print(f"\nbench/upload.py failed: {message}", file=sys.stderr)
        return {"upload_error": message}


def measure_load() -> dict[str, float | int | str]:
    """50 clients on /diffusion/ against one daphne on PostgreSQL (bench/load_diffusion.py):
    `load_diffusion_error` when it cannot run or fails (the run then exits 1)."""
    try:
        return load_diffusion.measure()
    except Exception as exc:  # noqa: BLE001 - reported, and the run exits with 1
        traceback.print_exc()
        return {"load_diffusion_error": f"{type(exc).__name__}: {exc}"[:500]}


def measure_http_load() -> dict[str, float | int | str]:
    """The home page and a constant view, 8 clients × 15 s each, against gunicorn
    as deployed, then one daphne (bench/http_load.py): `http_load_error` when it
    fails (the run then exits 1)."""
    try:
        return http_load.measure()
    except Exception as exc:  # noqa: BLE001 - reported, and the run exits with 1
        traceback.print_exc()
        return {"http_load_error": f"{type(exc).__name__}: {exc}"[:500]}


def measure_broadcasting() -> dict[str, float | int | str]:
    """The busy broadcast year (bench/broadcast_data.py, generated once per
    database), then on it: the scheduler (bench/scheduler.py), the planning page
    of the busiest day and the week's exports (bench/planning.py). When the
    page or an export fails, `planning_error` is written and the run exits 1."""
    summary = broadcast_data.generate()
    results: dict[str, float | int | str] = {
        "broadcast_data_breaks": summary["breaks"],
        "broadcast_data_airings": summary["airings"],
        "broadcast_data_campaigns": summary["campaigns"],
    }
    if summary.get("seconds") is not None:
        results["broadcast_data_s"] = summary["seconds"]
        results["broadcast_data_cpu_s"] = summary["cpu_seconds"]
    results.update(scheduler_bench.measure())
    # Planning day page and week exports: planning_day_ms, planning_day_queries,
    # export_week_xlsx_ms, export_week_pdf_ms (more broadcasting pages plug in here).
    try:
        results.update(planning_bench.measure(summary))
    except Exception as exc:  # noqa: BLE001 - reported, and the run exits with 1
        traceback.print_exc()
        results["planning_error"] = f"{type(exc).__name__}: {exc}"[:500]
    # Reports on the same year (bench/reports.py): report_year_ms, report_year_queries,
    # export_year_xlsx_s, export_year_xlsx_rss_mb, export_year_xlsx_vs_openpyxl,
    # export_year_pdf_s; `reports_error` when one fails (the run then exits 1).
    try:
        results.update(reports_bench.measure(summary))
    except Exception as exc:  # noqa: BLE001 - reported, and the run exits with 1
        traceback.print_exc()
        results["reports_error"] = f"{type(exc).__name__}: {exc}"[:500]
    # Peak memory of the year's PDF and XLSX, each run as the export job in a fresh
    # process (bench/report_memory.py): report_year_pdf_rss_mb, report_year_xlsx_rss_mb,
    # fresh_process_rss_mb; `report_memory_error` when one fails (the run then exits 1).
    try:
        results.update(report_memory.measure(summary))
    except Exception as exc:  # noqa: BLE001 - reported, and the run exits with 1
        traceback.print_exc()
        results["report_memory_error"] = f"{type(exc).__name__}: {exc}"[:500]
    # Billing on the same year (bench/billing.py, rolled back after each measure):
    # invoice_issue_ms, billing_run_month_s, ageing_report_ms; `billing_error` when
    # one fails (the run then exits 1).
    try:
        results.update(billing_bench.measure(summary))
    except Exception as exc:  # noqa: BLE001 - reported, and the run exits with 1
        traceback.print_exc()
        results["billing_error"] = f"{type(exc).__name__}: {exc}"[:500]
    return results


def measure_conversations() -> dict[str, float | int | str]:
    """The staff inbox, a thread of 200 messages and a message told to 10 people
    over 20 000 threads and 200 000 messages (bench/conversations.py):
    `conversations_error` when it fails (the run then exits 1)."""
    try:
        return conversations_bench.measure()
    except Exception as exc:  # noqa: BLE001 - reported, and the run exits with 1
        traceback.print_exc()
        return {"conversations_error": f"{type(exc).__name__}: {exc}"[:500]}


def main() -> int:
    call_command("migrate", verbosity=0, interactive=False)
    client = Client()
    results: dict[str, float | int | str] = {}

    def get(path: str):
        def run():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        return run

    for name, path in {"home_page": "/", "login_page": "/login/", "healthz": "/healthz"}.items():
        ms, queries = timed(get(path))
        results[f"{name}_ms"] = ms
        results[f"{name}_queries"] = queries

    results.update(campaign_list.measure())
    results.update(measure_broadcasting())
    results.update(measure_conversations())
    # The as-run import (bench/asrun.py): asrun_import_day_ms, asrun_import_month_s;
    # `asrun_error` when it fails (the run then exits 1).
    results.update(asrun_bench.measure_safely())

    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    results.update(pricing_bench.measure())
    results.update(quote_api.measure())
    results.update(measure_http_load())
    results.update(measure_upload())
    results.update(measure_load())
    results.update(assistant_bench.measure_safely())
    # Lighthouse (mobile) on the advisor and the stories, served as deployed
    # (bench/lighthouse.py): `lighthouse_skipped` without Node.js.
    results.update(lighthouse_bench.measure_safely())

    out = ROOT / "bench" / "results" / "latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "python": platform.python_version(),
        "database": connection.vendor,
        "runs": RUNS,
        "cpus": os.cpu_count(),
        # Other programs running meanwhile slow the figures: the load says how busy it was.
        "load_average_1m": round(load_before[0], 2) if load_before else None,
        "results": results,
    }
    out.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n")
    print(json.dumps(payload, indent=2, sort_keys=True))
    failed = (
        "upload_error",
        "planning_error",
        "reports_error",
        "report_memory_error",
        "billing_error",
        "load_diffusion_error",
        "http_load_error",
        "conversations_error",
        "assistant_error",
        "asrun_error",
        "lighthouse_error",
    )
    return 1 if any(key in results for key in failed) else 0


if __name__ == "__main__":
    sys.exit(main())
