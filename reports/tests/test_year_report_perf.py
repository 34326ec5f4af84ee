"""The overview's cheaper year figures (issue 16, point 4) give what a plain
aggregate over the raw airings gives: the station's amounts per VAT rate and
its tops come from one pass grouped by campaign, whatever the statuses and the
cards; the days of the fill table are labelled outside the template's loop
exactly as the `date` filter writes them."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.utils import formats, translation

from accounts.tests.factories import BusinessSectorFactory
from broadcasting.models import Airing, AiringStatus
from campaigns.models import Campaign
from core.money import round_francs
from reports import selectors
from reports.filters import resolve_filters
from reports.period import resolve_period
from reports.selectors.overview import day_labeller
from simulator.models import RateCard

STATUSES = [AiringStatus.PLANNED, AiringStatus.AIRED, AiringStatus.MISSED, AiringStatus.CANCELLED]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_day_labels_are_those_of_the_date_filter(language):
    with translation.override(language):
        label = day_labeller()
        for offset in range(400):
            day = dt.date(2026, 1, 1) + dt.timedelta(days=offset)
            assert label(day) == formats.date_format(day, "D j M Y")


def _raw(field: str) -> dict:
    rows = (
        Airing.objects.filter(status=AiringStatus.AIRED)
        .values(field)
        .annotate(delivered=Sum("unit_price"), aired=Count("pk"))
        .order_by()
    )
    return {row[field]: (row["delivered"], row["aired"]) for row in rows}


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_station_figures_equal_the_raw_aggregate(
    seed, make_breaks, approved_campaign, airing_in, card
):
    rng = random.Random(seed)
    breaks = make_breaks(
        dt.date(2026, 3, 2), days=4, times=(("matinee", "08:00"), ("prime-time", "19:30"))
    )
    cards = [None, RateCard.objects.create(name="Dix", valid_from=dt.date(2026, 1, 1), vat_rate=10)]
    campaigns = []
    for number in range(4):
        campaign = approved_campaign(
            start=dt.date(2026, 3, 1), days=10, sector=BusinessSectorFactory(), title=f"C{number}"
        )
        if rng.random() < 0.5:
            Campaign.objects.filter(pk=campaign.pk).update(rate_card=cards[1])
        campaigns.append(campaign)
    for brk in breaks:
        for campaign in rng.sample(campaigns, rng.randint(0, len(campaigns))):
            airing = airing_in(brk, campaign)
            Airing.objects.filter(pk=airing.pk).update(
                status=rng.choice(STATUSES), unit_price=rng.randint(1, 90_000)
            )

    period = resolve_period({"start": "2026-03-01", "end": "2026-03-31"})
    report = selectors.overview(period, resolve_filters({}))

    by_rate: dict[Decimal, int] = {}
    for airing in Airing.objects.filter(status=AiringStatus.AIRED).select_related(
        "campaign__rate_card"
    ):
        rate_card = airing.campaign.rate_card
        rate = Decimal("18") if rate_card is None else Decimal(rate_card.vat_rate)
        by_rate[rate] = by_rate.get(rate, 0) + airing.unit_price
    assert report["delivered"]["net"] == sum(by_rate.values())
    assert report["delivered"]["vat"] == sum(
        round_francs(Decimal(net) * rate / 100) for rate, net in by_rate.items()
    )
    advertisers = _raw("advertiser_id")
    assert {
        row["id"]: (row["delivered"], row["aired"]) for row in report["top_advertisers"]
    } == advertisers
    sectors = _raw("sector_id")
    assert {row["id"]: (row["delivered"], row["aired"]) for row in report["top_sectors"]} == sectors
    delivered = [row["delivered"] for row in report["top_advertisers"]]
    assert delivered == sorted(delivered, reverse=True)
    for status in ("planned", "aired", "missed", "cancelled"):
        assert report["airings"][status] == Airing.objects.filter(status=status).count()
