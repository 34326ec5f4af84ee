"""The rows of the airings and campaigns listings of the period, for the
admin listings, the advertiser's report and the exports."""

from __future__ import annotations

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from broadcasting.models import Airing, AiringStatus
from campaigns.models import Campaign

from ..filters import ReportFilters
from ..period import Period
from .columns import AIRING_COLUMNS, CAMPAIGN_COLUMNS
from .conditions import airing_q, campaign_filter_q, campaign_period_q, day_range


def airing_rows(period: Period, filters: ReportFilters, *, advertiser=None) -> QuerySet[Airing]:
    """The airings of the period (lazy, ordered by break). `.values_list(*keys
    of AIRING_COLUMNS)` streams them for an export."""
    return (
        Airing.objects.filter(airing_q(period, filters, advertiser=advertiser))
        .select_related("break_slot", "campaign", "advertiser", "sector")
        .order_by("break_slot__day", "break_slot__starts_at", "position", "pk")
    )


def campaign_rows(period: Period, filters: ReportFilters, *, advertiser=None) -> QuerySet[Campaign]:
    """The campaigns of the period (lazy), each with `booked_net` (subtotal −
    discount), `aired_in_period` and `delivered_in_period` (its airings aired in
    a break of the period, by a subquery: no GROUP BY over the listing)."""
    aired = Airing.objects.filter(
        day_range(period, "break_slot__"), campaign=OuterRef("pk"), status=AiringStatus.AIRED
    ).order_by()
    aired_count = aired.values("campaign").annotate(n=Count("pk")).values("n")
    delivered = aired.values("campaign").annotate(total=Sum("unit_price")).values("total")
    return (
        Campaign.objects.filter(campaign_period_q(period))
        .filter(campaign_filter_q(filters, advertiser=advertiser))
        .select_related("advertiser", "sector")
        .annotate(
            booked_net=F("quote_subtotal") - F("quote_discount"),
            aired_in_period=Coalesce(Subquery(aired_count, output_field=IntegerField()), 0),
            delivered_in_period=Coalesce(Subquery(delivered, output_field=IntegerField()), 0),
        )
        .order_by(F("start_date").desc(nulls_last=True), "-pk")
    )


def airing_values(period: Period, filters: ReportFilters, *, advertiser=None):
    """`airing_rows` as tuples in the order of AIRING_COLUMNS (for exports)."""
    keys = [column.key for column in AIRING_COLUMNS]
    return airing_rows(period, filters, advertiser=advertiser).values_list(*keys)


def campaign_values(period: Period, filters: ReportFilters, *, advertiser=None):
    """`campaign_rows` as tuples in the order of CAMPAIGN_COLUMNS (for exports)."""
    keys = [column.key for column in CAMPAIGN_COLUMNS]
    return campaign_rows(period, filters, advertiser=advertiser).values_list(*keys)
