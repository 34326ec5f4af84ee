"""Benchmarks of BF1 Pub. Writes its figures to bench/results/latest.json.

Run with `make bench`. Each figure is the median of several runs, measured on
a throw-away SQLite database (or DATABASE_URL when set). Later issues add their
own measures to MEASURES. The pricing engine (bench/pricing.py) and the quote
API under 20 concurrent clients (bench/quote_api.py, its own daphne server and
SQLite file) are measured last; bench/README.md explains each figure."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
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

from bench import campaign_list, quote_api  # noqa: E402
from bench import pricing as pricing_bench  # noqa: E402

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


def main() -> None:
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

    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    results.update(pricing_bench.measure())
    results.update(quote_api.measure())

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


if __name__ == "__main__":
    main()
