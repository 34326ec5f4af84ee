"""The few figures of the admin dashboard's panel (this month's)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from broadcasting.models import Airing, AiringStatus, Break

from ..filters import ReportFilters
from ..period import Period
from .conditions import airing_q, break_q
from .figures import booked_totals, percent, vat_of, vat_rate


def key_figures(period: Period, filters: ReportFilters | None = None) -> dict:
    """The few figures of the admin dashboard's panel (three queries): revenue
    booked and delivered (excl. VAT), fill rate, airings aired, missed and
    still planned."""
    filters = filters or ReportFilters()
    booked = booked_totals(period, filters, None)
    groups = (
        Airing.objects.filter(airing_q(period, filters))
        .values("campaign__rate_card__vat_rate")
        .annotate(
            aired=Count("pk", filter=Q(status=AiringStatus.AIRED)),
            missed=Count("pk", filter=Q(status=AiringStatus.MISSED)),
            planned=Count("pk", filter=Q(status=AiringStatus.PLANNED)),
            delivered=Sum("unit_price", filter=Q(status=AiringStatus.AIRED)),
        )
        .order_by()
    )
    counts = dict.fromkeys(("aired", "missed", "planned"), 0)
    net_by_rate: dict[Decimal, int] = {}
    for group in groups:
        rate = vat_rate(group["campaign__rate_card__vat_rate"])
        net_by_rate[rate] = net_by_rate.get(rate, 0) + (group["delivered"] or 0)
        for key in counts:
            counts[key] += group[key]
    capacity = Break.objects.filter(break_q(period, filters)).aggregate(
        capacity=Coalesce(Sum("capacity"), 0), booked=Coalesce(Sum("booked_seconds"), 0)
    )
    delivered_net = sum(net_by_rate.values())
    return {
        "period": period,
        "booked_net": booked["net"],
        "booked_campaigns": booked["campaigns"],
        "delivered_net": delivered_net,
        "delivered_vat": vat_of(net_by_rate),
        "fill_rate": percent(capacity["booked"], capacity["capacity"]),
        **counts,
    }
