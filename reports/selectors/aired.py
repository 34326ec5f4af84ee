"""The station's aired figures of the overview from one pass over the aired
airings of the period: the amounts aired per VAT rate and the tops of
advertisers and sectors. The daily totals of the airings
(`broadcasting.AiringDay`, kept by the database) are grouped by campaign (at
most one row per campaign, without joining any table); the names of the tops
and the VAT rates of the cards then come in one small query, and the rate of
each campaign in one more only when the cards do not all share the default
rate."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import CharField, Q, Sum, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from accounts.models import Advertiser, BusinessSector
from broadcasting.models import AiringDay
from campaigns.models import Campaign
from simulator.models import RateCard

from ..filters import ReportFilters
from ..period import Period
from .conditions import airing_day_q
from .figures import DEFAULT_VAT_RATE, vat_rate

TOP_SIZE = 10
ADVERTISER, SECTOR, CARD = "a", "s", "r"


def _aired(period: Period, filters: ReportFilters):
    """The daily totals (`broadcasting.AiringDay`) with aired airings in the period."""
    return AiringDay.objects.filter(airing_day_q(period, filters) & Q(aired__gt=0))


def _ranked(totals: dict) -> list:
    """The TOP_SIZE largest amounts (and any tie with the last one)."""
    ranked = sorted(totals.items(), key=lambda item: -item[1][0])
    if len(ranked) > TOP_SIZE:
        last = ranked[TOP_SIZE - 1][1][0]
        ranked = [item for item in ranked if item[1][0] >= last]
    return ranked


def _totals(groups: list[dict], key: str) -> dict:
    totals: dict = {}
    for group in groups:
        total = totals.setdefault(group[key], [0, 0])
        total[0] += group["delivered"] or 0
        total[1] += group["aired"]
    return totals


def _lookups(advertiser_ids: list, sector_ids: list) -> tuple[dict, dict, set]:
    """One query: the names of these advertisers and sectors, the cards' VAT rates."""
    labelled = CharField()
    rows = (
        Advertiser.objects.filter(pk__in=advertiser_ids)
        .annotate(kind=Value(ADVERTISER, labelled), text=Cast("name", labelled))
        .values_list("kind", "pk", "text")
        .order_by()
        .union(
            BusinessSector.objects.filter(pk__in=sector_ids)
            .annotate(kind=Value(SECTOR, labelled), text=Cast("name", labelled))
            .values_list("kind", "pk", "text")
            .order_by(),
            RateCard.objects.annotate(kind=Value(CARD, labelled), text=Cast("vat_rate", labelled))
            .values_list("kind", "pk", "text")
            .order_by(),
            all=True,
        )
    )
    names: dict[str, dict] = {ADVERTISER: {}, SECTOR: {}}
    rates = {DEFAULT_VAT_RATE}
    for kind, pk, text in rows:
        if kind == CARD:
            rates.add(vat_rate(text))
        else:
            names[kind][pk] = text
    return names[ADVERTISER], names[SECTOR], rates


def _top(ranked: list, names: dict) -> list[dict]:
    ranked = sorted(ranked, key=lambda item: (-item[1][0], names.get(item[0]) or "", item[0] or 0))
    return [
        {
            "id": pk,
            "name": names.get(pk) or _("Not specified"),
            "delivered": delivered,
            "aired": aired,
        }
        for pk, (delivered, aired) in ranked[:TOP_SIZE]
    ]


def aired_figures(period: Period, filters: ReportFilters) -> dict:
    """`net_by_rate` ({VAT rate: amount aired excl. VAT}), `top_advertisers`
    and `top_sectors` (the TOP_SIZE largest amounts aired, ties by name) of the
    station for the period and the filters: two queries (three when the cards'
    VAT rates differ)."""
    groups = list(
        _aired(period, filters)
        .values("campaign_id", "advertiser_id", "sector_key")
        .annotate(delivered=Sum("delivered"), aired=Sum("aired"))
        .order_by()
    )
    for group in groups:
        group["sector_id"] = group.pop("sector_key") or None
    advertisers = _ranked(_totals(groups, "advertiser_id"))
    sectors = _ranked(_totals(groups, "sector_id"))
    advertiser_names, sector_names, rates = _lookups(
        [pk for pk, _total in advertisers if pk is not None],
        [pk for pk, _total in sectors if pk is not None],
    )
    net_by_rate: dict[Decimal, int] = {}
    if len(rates) == 1:
        rate = rates.pop()
        net_by_rate[rate] = sum(group["delivered"] or 0 for group in groups)
    else:
        campaigns = Campaign.objects.filter(pk__in=_aired(period, filters).values("campaign_id"))
        by_campaign = {
            pk: vat_rate(rate)
            for pk, rate in campaigns.values_list("pk", "rate_card__vat_rate").order_by()
        }
        for group in groups:
            rate = by_campaign.get(group["campaign_id"], DEFAULT_VAT_RATE)
            net_by_rate[rate] = net_by_rate.get(rate, 0) + (group["delivered"] or 0)
    return {
        "net_by_rate": net_by_rate,
        "top_advertisers": _top(advertisers, advertiser_names),
        "top_sectors": _top(sectors, sector_names),
    }
