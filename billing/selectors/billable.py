"""Aired airings not yet billed, and the campaigns that have some."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Min, Q

from broadcasting.models import Airing, AiringStatus
from campaigns.models import Campaign


def unbilled_airings(campaign, *, start: dt.date | None = None, end: dt.date | None = None):
    """The campaign's aired airings on no invoice, oldest first, optionally
    within broadcast days [start, end]."""
    airings = Airing.objects.filter(
        campaign=campaign, status=AiringStatus.AIRED, billing__isnull=True
    )
    if start is not None:
        airings = airings.filter(break_slot__day__gte=start)
    if end is not None:
        airings = airings.filter(break_slot__day__lte=end)
    return airings.select_related("break_slot").order_by("break_slot__starts_at", "pk")


def billing_bands(campaign) -> dict[int, str]:
    """{airing id: the band it is billed in}: a make-good is billed at the price
    of the band of the airing it makes good (the band the client bought)."""
    rows = Airing.objects.filter(campaign=campaign).values_list("pk", "band_code", "make_good_of")
    parent = {pk: of for pk, _band, of in rows}
    band = {pk: code for pk, code, _of in rows}
    out = {}
    for pk in band:
        root, seen = pk, set()
        while parent.get(root) and root not in seen:
            seen.add(root)
            root = parent[root]
        out[pk] = band.get(root, band[pk])
    return out


def campaigns_to_bill(*, advertiser=None, start=None, end=None):
    """Campaigns with aired airings on no invoice, with their count and days."""
    aired = Q(
        airings__status=AiringStatus.AIRED,
        airings__billing__isnull=True,
    )
    if start is not None:
        aired &= Q(airings__break_slot__day__gte=start)
    if end is not None:
        aired &= Q(airings__break_slot__day__lte=end)
    campaigns = Campaign.objects.select_related("advertiser", "advertiser__agency")
    if advertiser is not None:
        campaigns = campaigns.filter(advertiser=advertiser)
    return (
        campaigns.annotate(
            unbilled=Count("airings", filter=aired),
            first_day=Min("airings__break_slot__day", filter=aired),
            last_day=Max("airings__break_slot__day", filter=aired),
        )
        .filter(unbilled__gt=0)
        .order_by("first_day", "pk")
    )
