"""The broadcasters' running order: what the planning dashboard (`/diffusion/`),
its live fragment and the exports read.

Every function here runs a fixed number of queries whatever the number of breaks
and airings. The day's running order itself is read narrow in `.day`."""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify

from core import clock as broadcast_day

from ..models import Airing, AiringStatus, Break, BreakStatus
from .badges import AIRED, MAKE_GOOD, MISSED, PLANNED, badge_label  # noqa: F401
from .day import AiringRow, BreakRow, running_order  # noqa: F401

ALERT_MINUTES = 15

# --- Rows the pages and exports show ------------------------------------------------


def badge_of(airing: Airing) -> str:
    if airing.status == AiringStatus.AIRED:
        return AIRED
    if airing.status == AiringStatus.MISSED:
        return MISSED
    return MAKE_GOOD if airing.is_make_good else PLANNED


def status_text(airing: Airing) -> str:
    """The status in words, as the exports write it ("Aired (make-good)")."""
    badge = badge_of(airing)
    text = badge_label(badge)
    if airing.is_make_good and badge != MAKE_GOOD:
        text = f"{text} ({badge_label(MAKE_GOOD)})"
    return text


def file_name(spot) -> str:
    if spot is None:
        return ""
    item = spot.media if spot.kind == "video" else spot.image
    name = posixpath.basename(getattr(getattr(item, "file", None), "name", "") or "")
    if name.startswith("spot~"):  # a private random name: the spot's title reads better
        extension = posixpath.splitext(name)[1]
        return f"{slugify(str(spot))[:80] or 'spot'}{extension}"
    return name


# --- The week at a glance ------------------------------------------------------------


@dataclass
class DaySummary:
    day: dt.date
    breaks: list[Break]

    @property
    def booked(self) -> int:
        return sum(b.booked_seconds for b in self.breaks if b.status == BreakStatus.OPEN)

    @property
    def capacity(self) -> int:
        return sum(b.capacity for b in self.breaks if b.status == BreakStatus.OPEN)

    @property
    def fill_percent(self) -> int:
        return min(round(100 * self.booked / self.capacity), 100) if self.capacity else 0

    def _total(self, name: str) -> int:
        return sum(getattr(b, name) for b in self.breaks)

    @property
    def planned(self) -> int:
        return self._total("n_planned")

    @property
    def aired(self) -> int:
        return self._total("n_aired")

    @property
    def missed(self) -> int:
        return self._total("n_missed")

    @property
    def make_goods(self) -> int:
        return self._total("n_make_goods")


def week_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_summary(monday: dt.date) -> list[DaySummary]:
    """Monday..Sunday, each day's breaks with their fill and the count of airings
    per status (`n_planned`, `n_aired`, `n_missed`, `n_make_goods`). One query."""
    days = [monday + dt.timedelta(days=offset) for offset in range(7)]
    planned = Q(airings__status=AiringStatus.PLANNED)
    breaks = (
        Break.objects.filter(day__gte=days[0], day__lte=days[-1])
        .annotate(
            n_planned=Count("airings", filter=planned & Q(airings__make_good_of__isnull=True)),
            n_make_goods=Count("airings", filter=planned & Q(airings__make_good_of__isnull=False)),
            n_aired=Count("airings", filter=Q(airings__status=AiringStatus.AIRED)),
            n_missed=Count("airings", filter=Q(airings__status=AiringStatus.MISSED)),
        )
        .order_by("starts_at", "pk")
    )
    per_day: dict[dt.date, list[Break]] = {day: [] for day in days}
    for brk in breaks:
        per_day[brk.day].append(brk)
    return [DaySummary(day=day, breaks=per_day[day]) for day in days]


# --- The header: late airings and what airs next -------------------------------------


def late_count(*, now=None) -> int:
    """Planned airings whose break has started, on today's broadcast day and the
    previous one (the night's end belongs to the previous day). One query, driven
    from the breaks (SQLite would otherwise walk the index of every planned airing)."""
    now = now or timezone.now()
    today = broadcast_day.day_of(now)
    return (
        Break.objects.filter(
            status=BreakStatus.OPEN,
            day__in=[today - dt.timedelta(days=1), today],
            starts_at__lte=now,
        ).aggregate(n=Count("airings", filter=Q(airings__status=AiringStatus.PLANNED)))["n"]
        or 0
    )


def upcoming(*, now=None, minutes: int = ALERT_MINUTES) -> list[Airing]:
    """Planned airings of the breaks starting in the next `minutes`. One query,
    read by break (a handful of rows); the status is checked here, not in SQL,
    so that SQLite does not walk the index of every planned airing."""
    now = now or timezone.now()
    breaks = Break.objects.filter(
        status=BreakStatus.OPEN,
        starts_at__gt=now,
        starts_at__lte=now + dt.timedelta(minutes=minutes),
    )
    airings = (
        Airing.objects.filter(break_slot__in=breaks.values("pk"))
        .select_related("break_slot", "advertiser", "spot", "spot__media", "spot__image")
        .defer("spot__technical_report")
        .order_by("break_slot__starts_at", "position", "pk")
    )
    return [airing for airing in airings if airing.status == AiringStatus.PLANNED]
