"""The advertiser's campaign list (/campaigns/) with 1 000 campaigns: median
time of a page and its query count (which must not grow with the rows)."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

CAMPAIGNS = 1000
RUNS = 20


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


def measure() -> dict[str, float | int]:
    user, sector = _advertiser_user()
    _make_campaigns(user, sector)
    client = Client()
    client.force_login(user)
    client.get("/campaigns/")  # warm-up
    durations = []
    queries = 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get("/campaigns/")
            durations.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(ctx.captured_queries)
    return {
        "campaign_list_ms": round(statistics.median(durations), 2),
        "campaign_list_queries": queries,
        "campaign_list_rows": CAMPAIGNS,
    }
