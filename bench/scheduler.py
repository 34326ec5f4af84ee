"""The scheduler on a busy year (bench/broadcast_data.py): time and queries of
`broadcasting.services.placement.place_campaign` for one new approved campaign
of 300 airings (and of 100, to show the queries do not grow) over 30 days.

The campaign is a new advertiser's, of a new sector (no competitor in the
breaks), 30 s spots from 14 days ahead for 30 days in three bands (Mi-journée,
Prime time, Fin de soirée: 630 breaks, about 70 % full). The station allows 12
airings of a campaign a day for the measure (the default, 4, would cap 30 days
at 120). Each run creates the campaign, places it and rolls everything back
(one transaction per run), so every run sees the same state; only the call to
`place_campaign` is timed and its queries counted."""

from __future__ import annotations

import datetime as dt
import statistics
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

RUNS = 7
DAYS = 30
LEAD_DAYS = 14
LENGTH = 30
BANDS = ("fin-de-soiree", "mi-journee", "prime-time")
MAX_PER_DAY = 12
SECTOR_SLUG = "bench-planification"
ADVERTISER_EMAIL = "bench-planification@example.bf"


class _Rollback(Exception):
    pass


def _fixtures():
    """The new sector, advertiser (with a user, who gets the notice) and the
    bench spot image; kept between runs (created once)."""
    from django.contrib.auth.models import Group
    from django.utils import timezone
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from accounts.models import Advertiser, BusinessSector, User
    from accounts.roles import GROUP_NAMES, Role

    sector, _ = BusinessSector.objects.get_or_create(
        slug=SECTOR_SLUG, defaults={"name": "Bench : nouveau secteur"}
    )
    advertiser, _ = Advertiser.objects.get_or_create(
        name="Bench Planification SARL", defaults={"sector": sector}
    )
    if not User.objects.filter(email=ADVERTISER_EMAIL).exists():
        user = User.objects.create_user(
            email=ADVERTISER_EMAIL,
            password=None,
            advertiser=advertiser,
            email_confirmed_at=timezone.now(),
        )
        user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.ADVERTISER]))
    image = get_image_model().objects.filter(title="Spot bench").first()
    if image is None:
        image = get_image_model().objects.create(
            title="Spot bench", file=get_test_image_file("bench-spot.png")
        )
    return sector, advertiser, image


def _campaign(airings: int, *, sector, advertiser, image):
    """An approved campaign of `airings` airings split over BANDS, its quote
    frozen by the pricing engine, with an approved image spot."""
    from django.utils import timezone

    from campaigns.models import Campaign, CampaignLine, Spot, Status
    from campaigns.models.spot import ReviewState, SpotKind
    from core import clock as broadcast_day
    from simulator.pricing import LineRequest, QuoteRequest, price
    from simulator.selectors import current_rate_card, pricing_data

    start = broadcast_day.today() + dt.timedelta(days=LEAD_DAYS)
    end = start + dt.timedelta(days=DAYS - 1)
    split = [airings // len(BANDS) + (1 if i < airings % len(BANDS) else 0) for i in range(3)]
    card = current_rate_card()
    quote = price(
        pricing_data(card),
        QuoteRequest(
            spot_length=LENGTH,
            start_date=start,
            end_date=end,
            lines=tuple(LineRequest(band=b, airings=n) for b, n in zip(BANDS, split, strict=True)),
            options=(),
        ),
    )
    now = timezone.now()
    campaign = Campaign.objects.create(
        advertiser=advertiser,
        title=f"Bench planification {airings}",
        product="Bench",
        sector=sector,
        start_date=start,
        end_date=end,
        spot_length=LENGTH,
        status=Status.APPROVED,
        rate_card=card,
        quote=quote.as_dict(),
        quote_subtotal=quote.subtotal,
        quote_discount=quote.discount,
        quote_vat=quote.vat,
        quote_total=quote.total,
        submitted_at=now,
        approved_at=now,
    )
    CampaignLine.objects.bulk_create(
        [
            CampaignLine(
                campaign=campaign, band_code=line.band, band_name=line.label, airings=line.airings
            )
            for line in quote.lines
        ]
    )
    Spot.objects.create(
        campaign=campaign,
        advertiser=advertiser,
        kind=SpotKind.IMAGE,
        image=image,
        declared_length=LENGTH,
        review_state=ReviewState.APPROVED,
        reviewed_at=now,
    )
    return campaign


def run_once(airings: int, fixtures) -> tuple[float, int, object]:
    """Place one fresh campaign of `airings` airings; everything is rolled back.
    Returns (ms, queries, PlacementResult)."""
    from broadcasting.models import BroadcastSettings
    from broadcasting.services.placement import place_campaign

    sector, advertiser, image = fixtures
    outcome: list = []
    try:
        with transaction.atomic():
            settings_row = BroadcastSettings.load()
            settings_row.max_airings_per_day = MAX_PER_DAY
            settings_row.save()
            campaign = _campaign(airings, sector=sector, advertiser=advertiser, image=image)
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                result = place_campaign(campaign=campaign, actor=None)
                ms = (time.perf_counter() - start) * 1000
            outcome = [ms, len(ctx.captured_queries), result]
            raise _Rollback
    except _Rollback:
        pass
    return outcome[0], outcome[1], outcome[2]


def measure(runs: int = RUNS) -> dict[str, float | int]:
    fixtures = _fixtures()
    figures: dict[str, float | int] = {}
    for airings in (100, 300):
        run_once(airings, fixtures)  # warm-up
        durations, queries, result = [], 0, None
        for _ in range(runs):
            ms, queries, result = run_once(airings, fixtures)
            durations.append(ms)
        figures[f"schedule_{airings}_ms"] = round(statistics.median(durations), 1)
        figures[f"schedule_{airings}_queries"] = queries
        figures[f"schedule_{airings}_placed"] = result.placed
    return figures


def profile(airings: int = 300) -> None:
    """cProfile of one run (python bench/scheduler.py --profile, after generation)."""
    import cProfile
    import pstats

    fixtures = _fixtures()
    run_once(airings, fixtures)
    profiler = cProfile.Profile()
    profiler.enable()
    run_once(airings, fixtures)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":  # python bench/scheduler.py [--profile] (DATABASE_URL: a bench db)
    import os
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.test")
    import django

    django.setup()
    from bench import broadcast_data

    print(broadcast_data.generate(verbose=True))
    if "--profile" in sys.argv:
        profile()
    else:
        print(measure())
