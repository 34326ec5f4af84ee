"""The arithmetic the overview and the dashboard's figures share: percentages,
VAT per rate, and the revenue booked in the period."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce

from campaigns.models import Campaign, Status
from core.money import round_francs

from ..filters import ReportFilters
from ..period import Period
from .conditions import campaign_filter_q, datetime_range

DEFAULT_VAT_RATE = Decimal("18")
# Campaigns whose approval no longer counts as a booking.
NOT_BOOKED_STATUSES = (Status.REFUSED, Status.CANCELLED)


def percent(part: int | None, whole: int | None) -> float | None:
    """part ÷ whole in %, one decimal; None when there is nothing to divide by."""
    if not whole:
        return None
    return round((part or 0) * 100 / whole, 1)


def vat_of(net_by_rate: dict[Decimal, int]) -> int:
    """The VAT of amounts grouped by rate, rounded half up per rate."""
    return sum(round_francs(Decimal(net) * rate / 100) for rate, net in net_by_rate.items())


def vat_rate(value) -> Decimal:
    """The VAT rate of a campaign's card, 18 % for a campaign without a card."""
    return DEFAULT_VAT_RATE if value is None else Decimal(value)


def booked_totals(period: Period, filters: ReportFilters, advertiser) -> dict:
    """The frozen quotes of the campaigns approved in the period (neither
    refused nor cancelled since): their count, amounts and `net` (subtotal −
    discount)."""
    totals = (
        Campaign.objects.filter(datetime_range(period, "approved_at"))
        .exclude(status__in=NOT_BOOKED_STATUSES)
        .filter(campaign_filter_q(filters, advertiser=advertiser))
        .aggregate(
            campaigns=Count("pk"),
            subtotal=Coalesce(Sum("quote_subtotal"), 0),
            discount=Coalesce(Sum("quote_discount"), 0),
            vat=Coalesce(Sum("quote_vat"), 0),
            total=Coalesce(Sum("quote_total"), 0),
        )
    )
    totals["net"] = totals["subtotal"] - totals["discount"]
    return totals
