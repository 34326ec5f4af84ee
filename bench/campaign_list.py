"""The light pages of issue 16, each a median of RUNS displays by Django's test
client with its query count (which must not grow with the rows):

- `campaign_list_ms`: the advertiser's campaign list (/campaigns/) with 1 000 campaigns;
- `broadcast_calendar_ms`: the same advertiser's calendar (/broadcasts/), this month,
  AIRINGS_PER_DAY airings a day (aired before today, planned after);
- `admin_dashboard_ms`: the Wagtail home (/admin/) of a commercial administrator,
  with this month's key figures and the pending counts.

Run alone: `python bench/campaign_list.py [--write]` (a throw-away SQLite file
unless DATABASE_URL is set; `--write` puts the figures into
bench/results/latest.json beside the others)."""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGNS = 1000
RUNS = 20
AIRINGS_PER_DAY = 3
ADMIN_EMAIL = "bench-dashboard@bf1.bf"


def _advertiser_user():
    from django.contrib.auth.models import Group

    from accounts.models import Advertiser, BusinessSector, User
    from accounts.roles import GROUP_NAMES, Role

    sector = BusinessSector.objects.order_by("pk").first()
    advertiser = Advertiser.objects.create(name="Bench SARL", sector=sector)
    user = User.objects.create_user(
        email="bench-campaigns@example.bf",
        password=None,
        advertiser=advertiser,
        email_confirmed_at=timezone.now(),
    )
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.ADVERTISER]))
    return user, sector


def _make_campaigns(user, sector) -> None:
    from campaigns.models import Campaign, CampaignLine, Status

    start = timezone.localdate() + timedelta(days=7)
    statuses = [choice for choice, _label in Status.choices]
    campaigns = Campaign.objects.bulk_create(
        [
            Campaign(
                advertiser=user.advertiser,
                created_by=user,
                title=f"Campagne {index}",
                product="Jus de bissap",
                sector=sector,
                start_date=start,
                end_date=start + timedelta(days=13),
                spot_length=30,
                status=statuses[index % len(statuses)],
            )
            for index in range(CAMPAIGNS)
        ],
        batch_size=500,
    )
    CampaignLine.objects.bulk_create(
        [
            CampaignLine(
                campaign=campaign, band_code="prime-time", band_name="Prime time", airings=10
            )
            for campaign in campaigns
        ],
        batch_size=500,
    )


def _make_airings(user, sector) -> int:
    """This month's breaks (4 a day) and AIRINGS_PER_DAY airings a day of the
    bench advertiser's first campaigns: aired before today, planned from today."""
    from broadcasting.models import Airing, AiringStatus, Break
    from campaigns.models import Campaign

    today = timezone.localdate()
    first = today.replace(day=1)
    days = [
        first + timedelta(days=n)
        for n in range(31)
        if (first + timedelta(days=n)).month == first.month
    ]
    zone = timezone.get_current_timezone()
    breaks = Break.objects.bulk_create(
        [
            Break(
                day=day,
                starts_at=datetime(day.year, day.month, day.day, 12 + 2 * n, 30, tzinfo=zone),
                band_code="prime-time",
                capacity=180,
                booked_seconds=30 if n < AIRINGS_PER_DAY else 0,
            )
            for day in days
            for n in range(4)
        ]
    )
    campaigns = list(Campaign.objects.filter(advertiser=user.advertiser).order_by("pk")[:5])
    airings = []
    for index, brk in enumerate(breaks):
        if index % 4 >= AIRINGS_PER_DAY:
            continue
        aired = brk.day < today
        airings.append(
            Airing(
                break_slot=brk,
                campaign=campaigns[index % len(campaigns)],
                advertiser=user.advertiser,
                sector=sector,
                band_code="prime-time",
                length=30,
                unit_price=50000,
                status=AiringStatus.AIRED if aired else AiringStatus.PLANNED,
                confirmed_at=brk.starts_at if aired else None,
            )
        )
    Airing.objects.bulk_create(airings)
    return len(airings)


def _administrator():
    from accounts.roles import Role
    from bench.staff import staff_user

    return staff_user(ADMIN_EMAIL, Role.ADMINISTRATOR, "Dashboard")


def _timed(client, path: str) -> tuple[float, int]:
    client.get(path)  # warm-up
    durations = []
    queries = 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(path)
            durations.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries = len(ctx.captured_queries)
    return round(statistics.median(durations), 2), queries


def measure() -> dict[str, float | int]:
    user, sector = _advertiser_user()
    _make_campaigns(user, sector)
    airings = _make_airings(user, sector)
    client = Client()
    client.force_login(user)
    results: dict[str, float | int] = {"campaign_list_rows": CAMPAIGNS}
    results["campaign_list_ms"], results["campaign_list_queries"] = _timed(client, "/campaigns/")
    results["broadcast_calendar_ms"], results["broadcast_calendar_queries"] = _timed(
        client, "/broadcasts/"
    )
    results["broadcast_calendar_airings"] = airings
    admin = Client()
    admin.force_login(_administrator())
    results["admin_dashboard_ms"], results["admin_dashboard_queries"] = _timed(admin, "/admin/")
    return results


def merge_into_latest(figures: dict) -> None:
    from bench.results_file import merge_into_latest as merge

    merge(figures, bench="campaign_list")


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
        merge_into_latest(figures)
    print(json.dumps(figures, indent=2))
