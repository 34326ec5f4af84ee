import datetime as dt

import pytest
from django.utils import timezone

from broadcasting.models import Airing, Break
from campaigns.models import ReviewState, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory
from core import clock as broadcast_day
from simulator.demo import ensure_demo_rate_card

PRICES = {"matinee": 38025, "prime-time": 87750, "fin-de-soiree": 58500}


@pytest.fixture
def card(db):
    return ensure_demo_rate_card()[0]


@pytest.fixture
def make_breaks(db):
    """Breaks for `days` days from `first` (a date) at the given (band, "HH:MM")."""

    def make(first, days=7, times=(("prime-time", "19:30"), ("prime-time", "20:30")), capacity=180):
        created = []
        for offset in range(days):
            day = first + dt.timedelta(days=offset)
            for band, hhmm in times:
                hour, minute = map(int, hhmm.split(":"))
                created.append(
                    Break.objects.create(
                        day=day,
                        starts_at=broadcast_day.starts_at(day, dt.time(hour, minute)),
                        band_code=band,
                        capacity=capacity,
                        label=f"{band} {hhmm}",
                    )
                )
        return created

    return make


@pytest.fixture
def approved_campaign(db, card):
    """An approved campaign with an approved image spot and a frozen quote."""

    def make(lines=(("prime-time", 7),), start=None, days=7, length=30, user=None, **kw):
        start = start or timezone.localdate() + dt.timedelta(days=7)
        extra = {"user": user} if user is not None else {}
        campaign = CampaignFactory(
            lines=list(lines),
            start_date=start,
            end_date=start + dt.timedelta(days=days - 1),
            spot_length=length,
            status=Status.APPROVED,
            approved_at=timezone.now(),
            quote={
                "lines": [
                    {"band": band, "airings": n, "unit_price": PRICES.get(band, 50000)}
                    for band, n in lines
                ]
            },
            **extra,
            **kw,
        )
        SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
        return campaign

    return make


@pytest.fixture
def airing_in(db):
    """An airing created straight in a break (for confirmation tests)."""

    def make(brk, campaign, **kw):
        airing = Airing.objects.create(
            break_slot=brk,
            campaign=campaign,
            spot=campaign.spots.first(),
            advertiser=campaign.advertiser,
            sector=campaign.sector,
            band_code=brk.band_code,
            length=campaign.spot_length,
            unit_price=PRICES.get(brk.band_code, 50000),
            **kw,
        )
        Break.objects.filter(pk=brk.pk).update(booked_seconds=brk.booked_seconds + airing.length)
        brk.refresh_from_db()
        return airing

    return make
