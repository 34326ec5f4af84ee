"""The broadcasters' planning dashboard and its exports on the busy year
(bench/broadcast_data.py), through the Django test client signed in as the
bench broadcaster: the day page of the busiest day (`/diffusion/?date=`), and
the running order of that day's week as XLSX and PDF
(`/diffusion/export/<fmt>/?date=...&view=week`)."""

from __future__ import annotations

import datetime as dt
import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

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


def measure(summary: dict) -> dict[str, float | int | str]:
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
    ms, queries, _response = _timed(client, f"/diffusion/?date={day.isoformat()}", PAGE_RUNS)
    figures["planning_day_ms"] = ms
    figures["planning_day_queries"] = queries
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
    for fmt in ("xlsx", "pdf"):
        path = f"/diffusion/export/{fmt}/?date={day.isoformat()}&view=week"
        ms, queries, response = _timed(client, path, EXPORT_RUNS)
        figures[f"export_week_{fmt}_ms"] = ms
        figures[f"export_week_{fmt}_queries"] = queries
        figures[f"export_week_{fmt}_kb"] = round(len(response.content) / 1000, 1)
    return figures
