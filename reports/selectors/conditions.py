"""The period and the filters of a report as database conditions (`Q`), shared
by the listings, the overview and the dashboard's figures."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from broadcasting.models import BreakStatus
from campaigns.models import CampaignLine

from ..filters import ReportFilters
from ..period import Period


def advertiser_id_of(filters: ReportFilters, advertiser) -> int | None:
    """The forced advertiser wins over whatever the filters say."""
    if advertiser is not None:
        return getattr(advertiser, "pk", advertiser)
    return filters.advertiser_id


def day_range(period: Period, prefix: str = "") -> Q:
    return Q(**{f"{prefix}day__gte": period.start, f"{prefix}day__lte": period.end})


def datetime_range(period: Period, name: str) -> Q:
    first, after = period.bounds()
    return Q(**{f"{name}__gte": first, f"{name}__lt": after})


def _airing_filters(condition: Q, filters: ReportFilters, advertiser, *, sector_field: str) -> Q:
    """`condition` with the filters of a report on airings (or on their daily totals,
    whose sector column is `sector_key`)."""
    advertiser_id = advertiser_id_of(filters, advertiser)
    if advertiser_id:
        condition &= Q(advertiser_id=advertiser_id)
    if filters.sector_id:
        condition &= Q(**{sector_field: filters.sector_id})
    if filters.band:
        condition &= Q(band_code=filters.band)
    if filters.status:
        condition &= Q(campaign__status=filters.status)
    if filters.q:
        condition &= (
            Q(campaign__title__icontains=filters.q)
            | Q(campaign__product__icontains=filters.q)
            | Q(advertiser__name__icontains=filters.q)
        )
    return condition


def airing_q(period: Period, filters: ReportFilters, *, advertiser=None) -> Q:
    """Airings in a break of the period, with the filters."""
    return _airing_filters(
        day_range(period, "break_slot__"), filters, advertiser, sector_field="sector_id"
    )


def airing_day_q(period: Period, filters: ReportFilters, *, advertiser=None) -> Q:
    """The daily totals (`broadcasting.AiringDay`) of the airings `airing_q`
    selects: the same filters on the columns the totals keep."""
    return _airing_filters(day_range(period), filters, advertiser, sector_field="sector_key")


def campaign_filter_q(filters: ReportFilters, *, advertiser=None) -> Q:
    """The filters on campaigns (the period apart)."""
    condition = Q()
    advertiser_id = advertiser_id_of(filters, advertiser)
    if advertiser_id:
        condition &= Q(advertiser_id=advertiser_id)
    if filters.sector_id:
        condition &= Q(sector_id=filters.sector_id)
    if filters.band:
        condition &= Q(
            Exists(CampaignLine.objects.filter(campaign=OuterRef("pk"), band_code=filters.band))
        )
    if filters.status:
        condition &= Q(status=filters.status)
    if filters.q:
        condition &= (
            Q(title__icontains=filters.q)
            | Q(product__icontains=filters.q)
            | Q(advertiser__name__icontains=filters.q)
        )
    return condition


def campaign_period_q(period: Period) -> Q:
    """Campaigns of the period: dates crossing it, or created or approved in it."""
    return (
        Q(start_date__lte=period.end, end_date__gte=period.start)
        | datetime_range(period, "created_at")
        | datetime_range(period, "approved_at")
    )


def break_q(period: Period, filters: ReportFilters) -> Q:
    """The open breaks of the period (only the band filter applies: capacity
    belongs to no advertiser)."""
    condition = day_range(period) & Q(status=BreakStatus.OPEN)
    if filters.band:
        condition &= Q(band_code=filters.band)
    return condition
