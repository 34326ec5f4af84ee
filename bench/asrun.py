"""The as-run import of issue 19 on generated running orders (a throw-away
SQLite file unless DATABASE_URL is set):

- `asrun_import_day_ms`: a full day's AirBox as-run (DAY_ROWS rows: the
  AIRINGS_PER_DAY spots of the day, their jingles, programmes and promos)
  registered then imported (read, matched against the day's AIRINGS_PER_DAY
  planned airings, applied), the median of RUNS runs, each on a fresh copy of
  the day (rolled back after it); `asrun_import_day_queries`: the queries of
  one run (constant in the rows: see test_asrun_import_jobs.py). Goal < 1 000 ms.
- `asrun_import_month_s`: MONTH_DAYS such days in one file (MONTH_ROWS rows,
  with a date column), once. Goal < 20 s.

Run alone: `python bench/asrun.py [--write]` (`--write` puts the figures into
bench/results/latest.json beside the others)."""

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
# Far from the busy year of bench/broadcast_data.py (same database in bench/run.py).
FIRST_DAY = dt.date(2021, 3, 1)
MONTH_DAYS = 30
AIRINGS_PER_DAY = 440
BREAKS_PER_DAY = 40
ADVERTISERS = 40
DAY_ROWS = 1500
MONTH_ROWS = 45_000
RUNS = 5
PREFIX = "BF1"


class _Rollback(Exception):
    pass


def _code(index: int) -> str:
    return f"{PREFIX}-{700_000 + index:06d}"


def _setup() -> list[tuple[int, int, int, str]]:
    """ADVERTISERS advertisers, each with a campaign on air and a coded spot:
    [(advertiser id, campaign id, spot id, house code)]."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from accounts.models import Advertiser
    from campaigns.models import Campaign, ReviewState, Spot, SpotKind, Status

    advertisers = Advertiser.objects.bulk_create(
        [Advertiser(name=f"Annonceur as-run {i + 1:02d}") for i in range(ADVERTISERS)]
    )
    campaigns = Campaign.objects.bulk_create(
        [
            Campaign(
                advertiser=advertiser,
                title=f"Campagne as-run {i + 1:02d}",
                product=f"Produit {i + 1}",
                start_date=FIRST_DAY,
                end_date=FIRST_DAY + dt.timedelta(days=MONTH_DAYS + 5),
                spot_length=30,
                status=Status.AIRING,
            )
            for i, advertiser in enumerate(advertisers)
        ]
    )
    image = get_image_model().objects.create(
        title="Spot as-run", file=get_test_image_file("bench-asrun.png")
    )
    spots = Spot.objects.bulk_create(
        [
            Spot(
                campaign=campaign,
                advertiser=campaign.advertiser,
                kind=SpotKind.IMAGE,
                image=image,
                declared_length=30,
                review_state=ReviewState.APPROVED,
                house_code=_code(i),
            )
            for i, campaign in enumerate(campaigns)
        ]
    )
    return [
        (a.pk, c.pk, s.pk, s.house_code)
        for a, c, s in zip(advertisers, campaigns, spots, strict=True)
    ]


def _break_start(day: dt.date, index: int) -> dt.datetime:
    from core import clock

    minutes = 6 * 60 + index * 27
    return clock.starts_at(day, dt.time(minutes // 60, minutes % 60))


def _plan_days(days: list[dt.date], spots) -> None:
    """BREAKS_PER_DAY breaks a day, AIRINGS_PER_DAY airings (one advertiser a
    break at most), all planned; and one planned airing of each campaign after
    the month (the campaigns stay on air)."""
    from broadcasting.models import Airing, Break

    per_break = AIRINGS_PER_DAY // BREAKS_PER_DAY
    later = days[-1] + dt.timedelta(days=3)
    breaks = Break.objects.bulk_create(
        [
            Break(
                day=day,
                starts_at=_break_start(day, index),
                band_code="prime-time",
                capacity=per_break * 30 + 60,
                booked_seconds=per_break * 30,
            )
            for day in days
            for index in range(BREAKS_PER_DAY)
        ]
        + [Break(day=later, starts_at=_break_start(later, 0), band_code="prime-time", capacity=99)]
    )
    airings = []
    for number, brk in enumerate(breaks[:-1]):
        for position in range(per_break):
            advertiser, campaign, spot, _code = spots[(number + position) % len(spots)]
            airings.append(
                Airing(
                    break_slot=brk,
                    position=position + 1,
                    campaign_id=campaign,
                    spot_id=spot,
                    advertiser_id=advertiser,
                    band_code="prime-time",
                    length=30,
                    unit_price=50_000,
                )
            )
    airings += [
        Airing(
            break_slot=breaks[-1],
            campaign_id=campaign,
            spot_id=spot,
            advertiser_id=advertiser,
            band_code="prime-time",
            length=30,
        )
        for advertiser, campaign, spot, _code in spots
    ]
    Airing.objects.bulk_create(airings, batch_size=1000)


def _tc(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}:00"


def _day_lines(day: dt.date, spots, rows: int, *, dated: bool) -> list[str]:
    """The AirBox lines of `day`: per break a jingle, its spots, a jingle; then
    programmes and promos between the breaks up to `rows` lines."""
    from django.utils import timezone

    per_break = AIRINGS_PER_DAY // BREAKS_PER_DAY
    fillers = rows - BREAKS_PER_DAY * (per_break + 2)
    date = f"{day:%d.%m.%Y}" if dated else ""
    lines = []
    for index in range(BREAKS_PER_DAY):
        start = timezone.localtime(_break_start(day, index))
        events = [(5, "Jingle pub entrée", "JGL-PUB-IN")]
        for position in range(per_break):
            _a, _c, _s, code = spots[(index + position) % len(spots)]
            events.append((30, f"Spot {code}", code))
        events.append((5, "Jingle pub sortie", "JGL-PUB-OUT"))
        count = fillers // BREAKS_PER_DAY + (1 if index < fillers % BREAKS_PER_DAY else 0)
        events += [
            (40, f"Programme {index}-{n}", "" if n % 3 else "PROMO-01") for n in range(count)
        ]
        moment = start
        for seconds, title, code in events:
            clock = f"{moment:%H:%M:%S}"
            lines.append(f"{date}\t{clock}\tClip\t{title}\t{_tc(seconds)}\tPlayed\t\t{code}")
            moment += dt.timedelta(seconds=seconds)
    return lines


def _airbox(lines: list[str]) -> bytes:
    header = [
        "# PlayBox AirBox - AsRun log - BF1",
        "Date\tTime\tType\tDescription\tDuration\tStatus\tFile\tClip ID",
    ]
    return ("\r\n".join(header + lines) + "\r\n").encode("utf-8")


def _import(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from broadcasting.asrun.services.run import run_import
    from broadcasting.asrun.services.upload import register_upload

    asrun_import, _created = register_upload(file=SimpleUploadedFile(name, data), filename=name)
    return run_import(import_id=asrun_import.pk)


def measure() -> dict[str, float | int]:
    from django.conf import settings
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    settings.ASRUN_PRIVATE_DIR = Path(tempfile.mkdtemp(prefix="bf1-asrun-bench-"))
    spots = _setup()
    days = [FIRST_DAY + dt.timedelta(days=n) for n in range(MONTH_DAYS)]
    _plan_days(days, spots)
    results: dict[str, float | int] = {}

    day = days[0]
    day_file = _airbox(_day_lines(day, spots, DAY_ROWS, dated=False))
    name = f"{day:%Y_%m_%d}_00_00_00_AsRun1.LOG"
    durations, queries = [], 0
    for _run in range(RUNS):
        try:
            with transaction.atomic():
                with CaptureQueriesContext(connection) as ctx:
                    started = time.perf_counter()
                    done = _import(name, day_file)
                    durations.append((time.perf_counter() - started) * 1000)
                assert done.status == "done", done.error
                assert done.counts["matched"] == AIRINGS_PER_DAY, done.counts
                queries = len(ctx.captured_queries)
                raise _Rollback
        except _Rollback:
            pass
    results["asrun_import_day_ms"] = round(statistics.median(durations), 2)
    results["asrun_import_day_queries"] = queries
    results["asrun_import_day_rows"] = DAY_ROWS
    results["asrun_import_day_airings"] = AIRINGS_PER_DAY

    per_day = MONTH_ROWS // MONTH_DAYS
    lines = [line for d in days for line in _day_lines(d, spots, per_day, dated=True)]
    started = time.perf_counter()
    done = _import("asrun-mois.LOG", _airbox(lines))
    results["asrun_import_month_s"] = round(time.perf_counter() - started, 2)
    assert done.status == "done", done.error
    assert done.counts["matched"] == AIRINGS_PER_DAY * MONTH_DAYS, done.counts
    results["asrun_import_month_rows"] = len(lines)
    return results


def measure_safely() -> dict[str, float | int | str]:
    """`measure`, or `asrun_error` when it fails (bench/run.py then exits 1)."""
    import traceback

    try:
        return measure()
    except Exception as exc:  # noqa: BLE001 - reported, and the run exits with 1
        traceback.print_exc()
        return {"asrun_error": f"{type(exc).__name__}: {exc}"[:500]}


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.test")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="bf1-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    figures = measure()
    if "--write" in sys.argv[1:]:
        from bench.results_file import merge_into_latest

        merge_into_latest(figures, bench="asrun")
    print(json.dumps(figures, indent=2))
