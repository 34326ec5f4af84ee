"""Every figure of the overview (the staff's and an advertiser's own) for a
period and its filters, in a fixed number of queries whatever the period (9 for
the staff, 4 for an advertiser): see the package's docstring for what each
figure means."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import formats
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR

from broadcasting.models import AiringBandDay, AiringDay, Break
from campaigns.models import Campaign, CreativeMode, Status
from editorial.models import CoverageRequest, CoverageStatus

from ..filters import ReportFilters, band_names
from ..period import Period
from .aired import aired_figures
from .conditions import (
    airing_day_q,
    break_q,
    campaign_filter_q,
    campaign_period_q,
    datetime_range,
    day_range,
)
from .figures import booked_totals, percent, vat_of, vat_rate

GROUP_KEYS = ("day", "band_code")
RATE_KEY = "campaign__rate_card__vat_rate"
AIRING_COUNTS = ("planned", "aired", "missed", "cancelled", "make_good")


def month_label(month: dt.date) -> str:
    return formats.date_format(month, "F Y").capitalize()


def day_labeller():
    """`day → "D j M Y"` as the `date` filter writes it in the active language
    (e.g. "lun 8 Jui 2026"), the names translated once instead of once a day."""
    weekdays = [str(WEEKDAYS_ABBR[number]) for number in range(7)]
    months = {number: str(MONTHS_3[number]).title() for number in range(1, 13)}
    return lambda day: f"{weekdays[day.weekday()]} {day.day} {months[day.month]} {day.year:04d}"


def _airing_groups(period: Period, filters: ReportFilters, advertiser, station: bool) -> list:
    """One query on the daily totals of the airings (kept by the database, see
    `broadcasting.models.airing_day`): the airings of the period grouped by
    broadcast day and band, with their counts by status and the amounts aired.
    At most days × bands groups (the period is at most 365 days), whatever the
    number of airings. The station's totals per day × band are read as they are
    stored (`AiringBandDay`) when only the band filter applies; with another
    filter, those per campaign (`AiringDay`), the day first so that the
    covering index `airing_day_totals` gives the groups in order. An
    advertiser's few rows are also grouped by the VAT rate of their campaign's
    card; the station's are not (no campaign joined): `aired_figures` reads
    their rates."""
    totals = (*AIRING_COUNTS, "delivered", "aired_seconds")
    if station and not (filters.advertiser_id or filters.sector_id or filters.status or filters.q):
        condition = day_range(period) & (Q(band_code=filters.band) if filters.band else Q())
        return list(AiringBandDay.objects.filter(condition).values(*GROUP_KEYS, *totals))
    keys = GROUP_KEYS if station else (*GROUP_KEYS, RATE_KEY)
    return list(
        AiringDay.objects.filter(airing_day_q(period, filters, advertiser=advertiser))
        .values(*keys)
        .annotate(**{key: Sum(key) for key in totals})
        .order_by()
    )


def _fill(period: Period, filters: ReportFilters, names: dict) -> dict:
    """Two queries on the open breaks of the period: per band and per day."""
    breaks = Break.objects.filter(break_q(period, filters)).order_by()
    aggregates = {
        "breaks": Count("pk"),
        "capacity": Coalesce(Sum("capacity"), 0),
        "booked": Coalesce(Sum("booked_seconds"), 0),
    }
    by_band = list(breaks.values("band_code").annotate(**aggregates).order_by("band_code"))
    by_day = list(breaks.values("day").annotate(**aggregates).order_by("day"))
    for row in (*by_band, *by_day):
        row["rate"] = percent(row["booked"], row["capacity"])
    for row in by_band:
        row["band_name"] = names.get(row["band_code"], row["band_code"])
    day_label = day_labeller()
    for row in by_day:  # formatted once here, not per cell in the template's loop
        row["label"] = day_label(row["day"])
        row["rate_label"] = None if row["rate"] is None else formats.number_format(row["rate"], 1)
    capacity = sum(row["capacity"] for row in by_band)
    booked = sum(row["booked"] for row in by_band)
    return {
        "breaks": sum(row["breaks"] for row in by_band),
        "capacity": capacity,
        "booked": booked,
        "rate": percent(booked, capacity),
        "by_band": by_band,
        "by_day": by_day,
    }


def _by_status(rows, choices, count_key: str = "count") -> list[dict]:
    """Statuses in their declared order, those with nothing left out."""
    counts = {row["status"]: row[count_key] for row in rows}
    return [
        {"status": value, "label": str(label), "count": counts[value]}
        for value, label in choices
        if counts.get(value)
    ]


def _campaign_statuses(period: Period, filters: ReportFilters, advertiser) -> tuple[list, list]:
    rows = list(
        Campaign.objects.filter(campaign_period_q(period))
        .filter(campaign_filter_q(filters, advertiser=advertiser))
        .values("status")
        .annotate(
            count=Count("pk"), creation=Count("pk", filter=Q(creative_mode=CreativeMode.MAKE))
        )
        .order_by()
    )
    return _by_status(rows, Status.choices), _by_status(rows, Status.choices, "creation")


def _coverage_statuses(period: Period, filters: ReportFilters) -> list[dict]:
    requests = CoverageRequest.objects.filter(datetime_range(period, "created_at"))
    if filters.advertiser_id:
        requests = requests.filter(advertiser_id=filters.advertiser_id)
    rows = requests.values("status").annotate(count=Count("pk")).order_by()
    return _by_status(rows, CoverageStatus.choices)


def overview(period: Period, filters: ReportFilters, *, advertiser=None) -> dict:
    """Every figure of the overview for the period and the filters (see the
    module's docstring for what each one means)."""
    station = advertiser is None and not filters.advertiser_forced
    names = band_names()
    groups = _airing_groups(period, filters, advertiser, station)
    aired = aired_figures(period, filters) if station else None
    net_by_rate: dict[Decimal, int] = aired["net_by_rate"] if aired else {}

    counts = dict.fromkeys(AIRING_COUNTS, 0)
    bands: dict[str, dict] = {}
    delivered_by_month: dict[dt.date, int] = {}
    aired_seconds = 0
    for group in groups:
        delivered = group["delivered"] or 0
        aired_seconds += group["aired_seconds"] or 0
        if not station:
            rate = vat_rate(group[RATE_KEY])
            net_by_rate[rate] = net_by_rate.get(rate, 0) + delivered
        month = group["day"].replace(day=1)
        delivered_by_month[month] = delivered_by_month.get(month, 0) + delivered
        band = bands.setdefault(
            group["band_code"],
            {"band_code": group["band_code"], "delivered": 0, **dict.fromkeys(AIRING_COUNTS, 0)},
        )
        band["delivered"] += delivered
        for key in AIRING_COUNTS:
            counts[key] += group[key]
            band[key] += group[key]
    counts["total"] = counts["planned"] + counts["aired"] + counts["missed"]

    delivered_net = sum(net_by_rate.values())
    delivered_vat = vat_of(net_by_rate)
    fill = _fill(period, filters, names) if station else None

    band_codes = sorted(
        set(bands) | ({row["band_code"] for row in fill["by_band"]} if fill else set())
    )
    fill_by_band = {row["band_code"]: row for row in fill["by_band"]} if fill else {}
    by_band = []
    for code in band_codes:
        row = bands.get(code) or {
            "band_code": code,
            "delivered": 0,
            **dict.fromkeys(AIRING_COUNTS, 0),
        }
        band_fill = fill_by_band.get(code, {})
        by_band.append(
            {
                **row,
                "band_name": names.get(code, code),
                "capacity": band_fill.get("capacity", 0),
                "booked_seconds": band_fill.get("booked", 0),
                "fill_rate": band_fill.get("rate"),
            }
        )

    fill_by_month: dict[dt.date, list[int]] = {}
    if fill:
        for row in fill["by_day"]:
            month = row["day"].replace(day=1)
            totals = fill_by_month.setdefault(month, [0, 0])
            totals[0] += row["booked"]
            totals[1] += row["capacity"]
    monthly = []
    for month in period.months():
        booked_seconds, capacity = fill_by_month.get(month, (0, 0))
        monthly.append(
            {
                "month": month,
                "label": month_label(month),
                "delivered": delivered_by_month.get(month, 0),
                "capacity": capacity,
                "booked_seconds": booked_seconds,
                "fill_rate": percent(booked_seconds, capacity) if station else None,
            }
        )

    campaigns_by_status, creation_by_status = _campaign_statuses(period, filters, advertiser)
    return {
        "period": period,
        "filters": filters,
        "is_station": station,
        "booked": booked_totals(period, filters, advertiser),
        "delivered": {
            "net": delivered_net,
            "vat": delivered_vat,
            "total": delivered_net + delivered_vat,
            "airings": counts["aired"],
            "seconds": aired_seconds,
        },
        "airings": counts,
        "by_band": by_band,
        "fill": fill,
        "top_advertisers": (aired["top_advertisers"] if aired else []),
        "top_sectors": aired["top_sectors"] if aired else [],
        "campaigns_by_status": campaigns_by_status,
        "creation_requests_by_status": creation_by_status,
        "coverage_by_status": _coverage_statuses(period, filters) if station else [],
        "monthly": monthly,
    }
