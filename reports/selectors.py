"""The reads of the reports: the overview's figures and the rows of the
listings, shared by the screens (staff and advertiser) and the exports.

Everything is computed by the database (`values().annotate()`, conditional
`Count`/`Sum`): the overview runs a fixed number of queries whatever the period
and the amount of data (9 for the staff, 4 for an advertiser); Python only adds
up the aggregated groups the database returns (per band, day and VAT rate: at
most a few thousand for 365 days, however many airings there are).

Meaning of the figures (README, "Rapports et statistiques"):

- revenue booked: the frozen quotes of the campaigns *approved* in the period
  (`approved_at` within it, neither refused nor cancelled since): subtotal minus
  discount excluding VAT, the frozen VAT apart;
- revenue delivered: the unit prices (excl. VAT) of the airings *aired* in a
  break of the period; VAT apart at the rate of the campaign's rate card (18 %
  without a card), rounded half up per rate;
- fill rate: seconds sold (booked seconds of the open breaks) ÷ capacity of the
  open breaks of the period, for the whole station (only the band filter
  applies: capacity belongs to no advertiser);
- campaigns of the period: those whose dates cross the period, or created or
  approved during it.

`advertiser=` (an Advertiser or its id) limits every figure to that company,
whatever the filters say; the station-wide figures (fill, rankings, coverage
requests) are then left out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from broadcasting.models import Airing, AiringStatus, Break, BreakStatus
from campaigns.models import Campaign, CampaignLine, CreativeMode, Status
from simulator.pricing import round_francs

from .filters import ReportFilters, band_names
from .period import Period

DEFAULT_VAT_RATE = Decimal("18")
# Campaigns whose approval no longer counts as a booking.
NOT_BOOKED_STATUSES = (Status.REFUSED, Status.CANCELLED)
TOP_SIZE = 10

TEXT, DATE, DATETIME, MONEY, INT = "text", "date", "datetime", "money", "int"


# --- Columns of the listings and exports ---------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a listing or an export. `key` is a path that
    `.values_list()` accepts on the rows' queryset; `choices` turns a stored code
    into its label. Datetimes come out of the database aware (UTC): show them
    with `timezone.localtime`."""

    key: str
    label: str
    type: str = TEXT
    choices: dict | None = None

    def display(self, value):
        """The value as a reader expects it: a code's label, "" for nothing."""
        if value is None:
            return ""
        if self.choices is not None:
            return str(self.choices.get(value, value))
        return value


AIRING_COLUMNS: tuple[Column, ...] = (
    Column("break_slot__day", gettext_lazy("Broadcast day"), DATE),
    Column("break_slot__starts_at", gettext_lazy("Break"), DATETIME),
    Column("band_code", gettext_lazy("Time band")),
    Column("advertiser__name", gettext_lazy("Advertiser")),
    Column("sector__name", gettext_lazy("Business sector")),
    Column("campaign__title", gettext_lazy("Campaign")),
    Column("length", gettext_lazy("Length (s)"), INT),
    Column("unit_price", gettext_lazy("Unit price excl. VAT (FCFA)"), MONEY),
    Column("status", gettext_lazy("Status"), TEXT, dict(AiringStatus.choices)),
    Column("confirmed_at", gettext_lazy("Confirmed at"), DATETIME),
    Column("missed_reason", gettext_lazy("Reason missed")),
)

CAMPAIGN_COLUMNS: tuple[Column, ...] = (
    Column("title", gettext_lazy("Campaign")),
    Column("advertiser__name", gettext_lazy("Advertiser")),
    Column("sector__name", gettext_lazy("Business sector")),
    Column("status", gettext_lazy("Status"), TEXT, dict(Status.choices)),
    Column("creative_mode", gettext_lazy("Creative"), TEXT, dict(CreativeMode.choices)),
    Column("start_date", gettext_lazy("Start"), DATE),
    Column("end_date", gettext_lazy("End"), DATE),
    Column("approved_at", gettext_lazy("Approved at"), DATETIME),
    Column("quote_subtotal", gettext_lazy("Subtotal excl. VAT (FCFA)"), MONEY),
    Column("quote_discount", gettext_lazy("Discount (FCFA)"), MONEY),
    Column("booked_net", gettext_lazy("Booked excl. VAT (FCFA)"), MONEY),
    Column("quote_vat", gettext_lazy("VAT (FCFA)"), MONEY),
    Column("quote_total", gettext_lazy("Total incl. VAT (FCFA)"), MONEY),
    Column("aired_in_period", gettext_lazy("Airings aired in the period"), INT),
    Column("delivered_in_period", gettext_lazy("Delivered in the period excl. VAT (FCFA)"), MONEY),
)


# --- Filters as database conditions ------------------------------------------------------


def _advertiser_id(filters: ReportFilters, advertiser) -> int | None:
    """The forced advertiser wins over whatever the filters say."""
    if advertiser is not None:
        return getattr(advertiser, "pk", advertiser)
    return filters.advertiser_id


def _day_range(period: Period, prefix: str = "") -> Q:
    return Q(**{f"{prefix}day__gte": period.start, f"{prefix}day__lte": period.end})


def _datetime_range(period: Period, name: str) -> Q:
    first, after = period.bounds()
    return Q(**{f"{name}__gte": first, f"{name}__lt": after})


def airing_q(period: Period, filters: ReportFilters, *, advertiser=None) -> Q:
    """Airings in a break of the period, with the filters."""
    condition = _day_range(period, "break_slot__")
    advertiser_id = _advertiser_id(filters, advertiser)
    if advertiser_id:
        condition &= Q(advertiser_id=advertiser_id)
    if filters.sector_id:
        condition &= Q(sector_id=filters.sector_id)
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


def campaign_filter_q(filters: ReportFilters, *, advertiser=None) -> Q:
    """The filters on campaigns (the period apart)."""
    condition = Q()
    advertiser_id = _advertiser_id(filters, advertiser)
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
        | _datetime_range(period, "created_at")
        | _datetime_range(period, "approved_at")
    )


def _break_q(period: Period, filters: ReportFilters) -> Q:
    condition = _day_range(period) & Q(status=BreakStatus.OPEN)
    if filters.band:
        condition &= Q(band_code=filters.band)
    return condition


# --- Rows of the listings and exports ---------------------------------------------------


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
        _day_range(period, "break_slot__"), campaign=OuterRef("pk"), status=AiringStatus.AIRED
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


# --- The overview -----------------------------------------------------------------------


def percent(part: int | None, whole: int | None) -> float | None:
    """part ÷ whole in %, one decimal; None when there is nothing to divide by."""
    if not whole:
        return None
    return round((part or 0) * 100 / whole, 1)


def _vat(net_by_rate: dict[Decimal, int]) -> int:
    return sum(round_francs(Decimal(net) * rate / 100) for rate, net in net_by_rate.items())


def month_label(month: dt.date) -> str:
    return formats.date_format(month, "F Y").capitalize()


def _airing_groups(period: Period, filters: ReportFilters, advertiser) -> list[dict]:
    """One query: the airings of the period grouped by band, broadcast day and
    VAT rate of the campaign's card, with their counts by status and the amounts
    aired. At most bands × days × rates groups (the period is at most 365 days),
    whatever the number of airings; grouping by the plain day (not a month
    truncation) keeps the database from calling a function on every row."""
    aired = Q(status=AiringStatus.AIRED)
    return list(
        Airing.objects.filter(airing_q(period, filters, advertiser=advertiser))
        .values("band_code", "break_slot__day", "campaign__rate_card__vat_rate")
        .annotate(
            planned=Count("pk", filter=Q(status=AiringStatus.PLANNED)),
            aired=Count("pk", filter=aired),
            missed=Count("pk", filter=Q(status=AiringStatus.MISSED)),
            cancelled=Count("pk", filter=Q(status=AiringStatus.CANCELLED)),
            make_good=Count(
                "pk",
                filter=Q(make_good_of__isnull=False) & ~Q(status=AiringStatus.CANCELLED),
            ),
            delivered=Sum("unit_price", filter=aired),
            aired_seconds=Sum("length", filter=aired),
        )
        .order_by()
    )


def _vat_rate(value) -> Decimal:
    """The VAT rate of a campaign's card, 18 % for a campaign without a card."""
    return DEFAULT_VAT_RATE if value is None else Decimal(value)


AIRING_COUNTS = ("planned", "aired", "missed", "cancelled", "make_good")


def _booked(period: Period, filters: ReportFilters, advertiser) -> dict:
    totals = (
        Campaign.objects.filter(_datetime_range(period, "approved_at"))
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


def _fill(period: Period, filters: ReportFilters, names: dict) -> dict:
    """Two queries on the open breaks of the period: per band and per day."""
    breaks = Break.objects.filter(_break_q(period, filters)).order_by()
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


def _top(period: Period, filters: ReportFilters, key: str, name: str) -> list[dict]:
    rows = (
        Airing.objects.filter(airing_q(period, filters) & Q(status=AiringStatus.AIRED))
        .values(key, name)
        .annotate(delivered=Sum("unit_price"), aired=Count("pk"))
        .order_by("-delivered", name, key)[:TOP_SIZE]
    )
    return [
        {
            "id": row[key],
            "name": row[name] or _("Not specified"),
            "delivered": row["delivered"] or 0,
            "aired": row["aired"],
        }
        for row in rows
    ]


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
    from editorial.models import CoverageRequest, CoverageStatus

    requests = CoverageRequest.objects.filter(_datetime_range(period, "created_at"))
    if filters.advertiser_id:
        requests = requests.filter(advertiser_id=filters.advertiser_id)
    rows = requests.values("status").annotate(count=Count("pk")).order_by()
    return _by_status(rows, CoverageStatus.choices)


def overview(period: Period, filters: ReportFilters, *, advertiser=None) -> dict:
    """Every figure of the overview for the period and the filters (see the
    module's docstring for what each one means)."""
    station = advertiser is None and not filters.advertiser_forced
    names = band_names()
    groups = _airing_groups(period, filters, advertiser)

    counts = dict.fromkeys(AIRING_COUNTS, 0)
    net_by_rate: dict[Decimal, int] = {}
    bands: dict[str, dict] = {}
    delivered_by_month: dict[dt.date, int] = {}
    aired_seconds = 0
    for group in groups:
        delivered = group["delivered"] or 0
        aired_seconds += group["aired_seconds"] or 0
        rate = _vat_rate(group["campaign__rate_card__vat_rate"])
        net_by_rate[rate] = net_by_rate.get(rate, 0) + delivered
        month = group["break_slot__day"].replace(day=1)
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
    delivered_vat = _vat(net_by_rate)
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
        "booked": _booked(period, filters, advertiser),
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
        "top_advertisers": (
            _top(period, filters, "advertiser_id", "advertiser__name") if station else []
        ),
        "top_sectors": _top(period, filters, "sector_id", "sector__name") if station else [],
        "campaigns_by_status": campaigns_by_status,
        "creation_requests_by_status": creation_by_status,
        "coverage_by_status": _coverage_statuses(period, filters) if station else [],
        "monthly": monthly,
    }


def key_figures(period: Period, filters: ReportFilters | None = None) -> dict:
    """The few figures of the admin dashboard's panel (three queries): revenue
    booked and delivered (excl. VAT), fill rate, airings aired, missed and
    still planned."""
    filters = filters or ReportFilters()
    booked = _booked(period, filters, None)
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
        rate = _vat_rate(group["campaign__rate_card__vat_rate"])
        net_by_rate[rate] = net_by_rate.get(rate, 0) + (group["delivered"] or 0)
        for key in counts:
            counts[key] += group[key]
    capacity = Break.objects.filter(_break_q(period, filters)).aggregate(
        capacity=Coalesce(Sum("capacity"), 0), booked=Coalesce(Sum("booked_seconds"), 0)
    )
    delivered_net = sum(net_by_rate.values())
    return {
        "period": period,
        "booked_net": booked["net"],
        "booked_campaigns": booked["campaigns"],
        "delivered_net": delivered_net,
        "delivered_vat": _vat(net_by_rate),
        "fill_rate": percent(capacity["booked"], capacity["capacity"]),
        **counts,
    }
