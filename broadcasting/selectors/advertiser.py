"""Reads for the advertiser: their own airings (calendar, campaign page) and
what a broadcast certificate lists. Every function takes the advertiser (or a
campaign already checked against the user) and never reaches another
company's rows; each runs a constant number of queries whatever the rows."""

from __future__ import annotations

import calendar
import datetime as dt
import uuid as uuid_module
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Status
from core import typography

from ..models import Airing, AiringStatus
from .bands import band_names

# What the advertiser sees of an airing: its status, and "make-good" for a
# planned airing that replaces a missed one.
MAKE_GOOD = "make_good"
DISPLAY = {
    AiringStatus.PLANNED.value: (_("planned"), "planned"),
    MAKE_GOOD: (_("make-good"), "make-good"),
    AiringStatus.AIRED.value: (_("aired"), "aired"),
    AiringStatus.MISSED.value: (_("missed"), "missed"),
}
LEGEND_ORDER = [
    AiringStatus.PLANNED.value,
    MAKE_GOOD,
    AiringStatus.AIRED.value,
    AiringStatus.MISSED.value,
]

# Cancelled airings are the station's bookkeeping, not something that airs.
SHOWN_STATUSES = (AiringStatus.PLANNED, AiringStatus.AIRED, AiringStatus.MISSED)

CAMPAIGN_LIST_LIMIT = 20

# Campaign statuses whose page shows the "Airings" section.
BROADCAST_STATUSES = frozenset(
    {Status.APPROVED, Status.SCHEDULED, Status.AIRING, Status.FINISHED, Status.CANCELLED}
)


def display_key(airing: Airing) -> str:
    if airing.status == AiringStatus.PLANNED and airing.make_good_of_id:
        return MAKE_GOOD
    return airing.status


def legend() -> list[dict]:
    return [{"key": key, "label": DISPLAY[key][0], "css": DISPLAY[key][1]} for key in LEGEND_ORDER]


def _with_related(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("break_slot", "campaign", "spot__media", "spot__image")


def own_campaign(advertiser_id, uuid) -> Campaign:
    """The campaign `uuid` of the advertiser; 404 for another's, an unknown or a
    malformed one."""
    if advertiser_id is None:
        raise Http404
    try:
        key = uuid if isinstance(uuid, uuid_module.UUID) else uuid_module.UUID(str(uuid))
    except (TypeError, ValueError):
        raise Http404 from None
    campaign = Campaign.objects.filter(advertiser_id=advertiser_id, uuid=key).first()
    if campaign is None:
        raise Http404
    return campaign


def campaigns_with_airings(advertiser_id) -> list[Campaign]:
    """The advertiser's campaigns that have airings (the calendar's filter)."""
    if advertiser_id is None:
        return []
    return list(
        Campaign.objects.filter(advertiser_id=advertiser_id, airings__status__in=SHOWN_STATUSES)
        .distinct()
        .order_by("title", "pk")
        .only("uuid", "title")
    )


def airings_between(
    advertiser_id, *, start: dt.date, end: dt.date, campaign: Campaign | None = None
) -> QuerySet[Airing]:
    """The advertiser's airings whose broadcast day is in [start, end]."""
    queryset = Airing.objects.filter(
        advertiser_id=advertiser_id,
        status__in=SHOWN_STATUSES,
        break_slot__day__gte=start,
        break_slot__day__lte=end,
    )
    if campaign is not None:
        queryset = queryset.filter(campaign=campaign)
    return _with_related(queryset).order_by("break_slot__starts_at", "position", "pk")


def status_counts(queryset: QuerySet[Airing]) -> dict[str, int]:
    """planned / aired / missed / make_good counts of `queryset`, in one query.
    make_good counts the make-goods still to air (also counted as planned)."""
    planned = Q(status=AiringStatus.PLANNED)
    totals = queryset.order_by().aggregate(
        planned=Count("pk", filter=planned),
        aired=Count("pk", filter=Q(status=AiringStatus.AIRED)),
        missed=Count("pk", filter=Q(status=AiringStatus.MISSED)),
        make_good=Count("pk", filter=planned & Q(make_good_of__isnull=False)),
    )
    totals["total"] = totals["planned"] + totals["aired"] + totals["missed"]
    return totals


@dataclass
class AiringRow:
    airing: Airing
    key: str
    label: str
    css: str
    band: str
    # Precomputed by `calendar_rows` for the calendar's markup.
    time: str = ""
    iso: str = ""
    title: str = ""
    chip: str = ""
    chip_text: str = ""
    sr_label: str = ""
    spot: str = ""

    @property
    def starts_at(self) -> dt.datetime:
        return self.airing.break_slot.starts_at


def rows(airings, names: dict[str, str] | None = None) -> list[AiringRow]:
    names = band_names() if names is None else names
    out = []
    for airing in airings:
        key = display_key(airing)
        label, css = DISPLAY[key]
        band = names.get(airing.band_code, airing.band_code)
        out.append(AiringRow(airing=airing, key=key, label=label, css=css, band=band))
    return out


# --- Calendar ---------------------------------------------------------------------
@dataclass
class Day:
    date: dt.date
    in_period: bool
    is_today: bool
    airings: list[AiringRow] = field(default_factory=list)
    iso: str = ""
    long_label: str = ""  # « Lundi 2 mars »
    number: int = 0
    entries: str = ""  # the airings' list items (calendar_markup.with_entries)


def parse_month(value: str | None, today: dt.date) -> tuple[dt.date, bool]:
    """The first day of the month `YYYY-MM`; (first day of today's month, False)
    when the value is missing or not a month."""
    if value:
        try:
            first = dt.datetime.strptime(value.strip(), "%Y-%m").date()
        except ValueError:
            pass
        else:
            if 2000 <= first.year <= 2100:
                return first, True
        return today.replace(day=1), False
    return today.replace(day=1), True


def parse_day(value: str | None, today: dt.date) -> tuple[dt.date, bool]:
    if value:
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return today, False
        if 2000 <= day.year <= 2100:
            return day, True
        return today, False
    return today, True


def month_bounds(first: dt.date) -> tuple[dt.date, dt.date]:
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


def shift_month(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def calendar_weeks(
    first: dt.date, last: dt.date, rows_: list[AiringRow], today: dt.date, *, pad: bool = True
) -> list[list[Day]]:
    """Weeks (Monday first) covering [first, last], each day holding its rows.
    With `pad`, the days of the neighbouring months fill the first and last
    weeks (shown greyed)."""
    by_day: dict[dt.date, list[AiringRow]] = defaultdict(list)
    for row in rows_:
        by_day[row.airing.break_slot.day].append(row)
    start = first - dt.timedelta(days=first.weekday()) if pad else first
    end = last + dt.timedelta(days=6 - last.weekday()) if pad else last
    weeks: list[list[Day]] = []
    day = start
    while day <= end:
        if not weeks or len(weeks[-1]) == 7:
            weeks.append([])
        weeks[-1].append(
            Day(
                date=day,
                in_period=first <= day <= last,
                is_today=day == today,
                airings=by_day.get(day, []) if first <= day <= last else [],
                iso=day.isoformat(),
                number=day.day,
                long_label=capfirst(typography.date(day, "l j F")),
            )
        )
        day += dt.timedelta(days=1)
    return weeks


# --- Campaign page ----------------------------------------------------------------
def campaign_airings(
    campaign: Campaign, *, limit: int = CAMPAIGN_LIST_LIMIT, today: dt.date | None = None
) -> dict | None:
    """What the campaign page's "Airings" section shows: the counts, the first
    `limit` airings in time order and how many more there are (3 queries);
    None before the campaign is approved."""
    if campaign.status not in BROADCAST_STATUSES:
        return None
    queryset = Airing.objects.filter(campaign=campaign, status__in=SHOWN_STATUSES)
    counts = status_counts(queryset)
    ordered = _with_related(queryset).order_by("break_slot__starts_at", "position", "pk")
    listed = list(ordered[:limit])
    today = today or timezone.localdate()
    month = None  # the calendar opens on the current month while the campaign runs
    start, end = campaign.start_date, campaign.end_date
    if start and not (start <= today <= (end or start)):
        month = start.strftime("%Y-%m")
    return {
        "counts": counts,
        "rows": rows(listed),
        "more": max(counts["total"] - len(listed), 0),
        "can_certify": counts["aired"] > 0,
        "month": month,
    }


# --- Certificates -----------------------------------------------------------------
def aired_for_certificate(
    advertiser_id,
    *,
    campaign: Campaign | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[Airing]:
    """The aired airings a certificate lists: a campaign's, or the advertiser's
    over a period of broadcast days; in airing order."""
    queryset = Airing.objects.filter(advertiser_id=advertiser_id, status=AiringStatus.AIRED)
    if campaign is not None:
        queryset = queryset.filter(campaign=campaign)
    if start is not None:
        queryset = queryset.filter(break_slot__day__gte=start)
    if end is not None:
        queryset = queryset.filter(break_slot__day__lte=end)
    return list(_with_related(queryset).order_by("break_slot__starts_at", "position", "pk"))


def confirmations_of(advertiser_id, airing_ids: list[int]) -> list[tuple[int, dt.datetime | None]]:
    """(id, confirmation time) of those of `airing_ids` still aired (one query)."""
    if not airing_ids:
        return []
    return list(
        Airing.objects.filter(
            pk__in=airing_ids, advertiser_id=advertiser_id, status=AiringStatus.AIRED
        )
        .order_by()
        .values_list("pk", "confirmed_at")
    )
