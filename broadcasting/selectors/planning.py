"""The broadcasters' running order: what the planning dashboard (`/diffusion/`),
its live fragment and the exports read.

Every function here runs a fixed number of queries whatever the number of breaks
and airings: one for the breaks, one for their airings with everything a row shows
(advertiser, campaign, spot with its file, poster and thumbnail, confirmer,
make-good links) joined in."""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from campaigns.media_checks import SpotReport
from campaigns.selectors import spot_player
from core import clock as broadcast_day

from ..models import Airing, AiringStatus, Break, BreakStatus

ALERT_MINUTES = 15

# Badge keys of an airing, in the order a broadcaster reads them.
PLANNED = "planned"
AIRED = "aired"
MISSED = "missed"
MAKE_GOOD = "make_good"


def badge_label(badge: str) -> str:
    """The badge's word, as the advertiser's calendar says it: prévue, diffusée,
    manquée, rattrapage."""
    return {
        PLANNED: _("planned"),
        AIRED: _("aired"),
        MISSED: _("missed"),
        MAKE_GOOD: _("make-good"),
    }[badge]


def _airings_queryset():
    return (
        Airing.objects.exclude(status=AiringStatus.CANCELLED)
        .select_related(
            "advertiser",
            "campaign",
            "spot",
            "spot__media",
            "spot__image",
            "spot__poster",
            "confirmed_by",
            "make_good_of__break_slot",
            "make_good__break_slot",
        )
        .order_by("position", "pk")
    )


def breaks_between(first: dt.date, last: dt.date) -> list[Break]:
    """The breaks of the broadcast days `first`..`last` in time order, each with
    `running_order`: its non-cancelled airings in position order. Two queries."""
    return list(
        Break.objects.filter(day__gte=first, day__lte=last)
        .order_by("starts_at", "pk")
        .prefetch_related(
            Prefetch("airings", queryset=_airings_queryset(), to_attr="running_order")
        )
    )


def day_breaks(day: dt.date) -> list[Break]:
    return breaks_between(day, day)


# --- Rows the pages and exports show ------------------------------------------------


@dataclass
class AiringRow:
    airing: Airing
    badge: str
    spot_title: str
    file_name: str
    player: dict
    report: SpotReport | None
    is_late: bool
    # The make-good offered for this (missed) airing, or the missed airing this
    # one makes good; each with its break selected.
    make_good: Airing | None = None
    replaces: Airing | None = None
    # What the dashboard offers (the services check the rules again).
    can_confirm: bool = False
    can_mark_missed: bool = False
    # Set by the view for the signed-in user.
    can_undo: bool = False
    undo_until: dt.datetime | None = None
    admin_undo: bool = False

    @property
    def badge_label(self) -> str:
        return badge_label(self.badge)

    @property
    def status_text(self) -> str:
        return status_text(self.airing)


@dataclass
class BreakRow:
    brk: Break
    airings: list[AiringRow] = field(default_factory=list)
    has_started: bool = False
    is_today: bool = False

    @property
    def local_start(self) -> dt.datetime:
        return timezone.localtime(self.brk.starts_at)

    @property
    def is_cancelled(self) -> bool:
        return self.brk.status == BreakStatus.CANCELLED

    @property
    def fill_percent(self) -> int:
        if not self.brk.capacity:
            return 0
        return min(round(100 * self.brk.booked_seconds / self.brk.capacity), 100)

    @property
    def is_over(self) -> bool:
        return self.brk.booked_seconds > self.brk.capacity

    @property
    def planned_count(self) -> int:
        return sum(1 for row in self.airings if row.airing.status == AiringStatus.PLANNED)

    @property
    def can_confirm_all(self) -> bool:
        return self.is_today and self.has_started and not self.is_cancelled and self.planned_count


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


def _make_good_of(airing: Airing) -> Airing | None:
    try:
        return airing.make_good
    except Airing.DoesNotExist:
        return None


def airing_row(airing: Airing, *, has_started: bool, actionable: bool = False) -> AiringRow:
    """`actionable`: the break is open and on today's broadcast day."""
    spot = airing.spot
    planned = airing.status == AiringStatus.PLANNED
    report = None
    if spot is not None and spot.technical_report:
        report = SpotReport.from_dict(spot.technical_report)
    return AiringRow(
        airing=airing,
        badge=badge_of(airing),
        spot_title=str(spot) if spot is not None else "",
        file_name=file_name(spot),
        player=spot_player(spot) if spot is not None else {"kind": "", "url": None},
        report=report,
        is_late=has_started and planned,
        can_confirm=actionable and has_started and planned,
        can_mark_missed=actionable and has_started and planned,
        make_good=_make_good_of(airing) if airing.status == AiringStatus.MISSED else None,
        replaces=airing.make_good_of,
    )


def running_order(first: dt.date, last: dt.date | None = None, *, now=None) -> list[BreakRow]:
    """Break rows of the broadcast days `first`..`last` (one day by default)."""
    now = now or timezone.now()
    today = broadcast_day.day_of(now)
    rows = []
    for brk in breaks_between(first, last or first):
        started = brk.starts_at <= now
        actionable = brk.day == today and brk.status == BreakStatus.OPEN
        rows.append(
            BreakRow(
                brk=brk,
                airings=[
                    airing_row(a, has_started=started, actionable=actionable)
                    for a in brk.running_order
                ],
                has_started=started,
                is_today=brk.day == today,
            )
        )
    return rows


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
    previous one (the night's end belongs to the previous day). One query."""
    now = now or timezone.now()
    today = broadcast_day.day_of(now)
    return Airing.objects.filter(
        status=AiringStatus.PLANNED,
        break_slot__status=BreakStatus.OPEN,
        break_slot__day__in=[today - dt.timedelta(days=1), today],
        break_slot__starts_at__lte=now,
    ).count()


def upcoming(*, now=None, minutes: int = ALERT_MINUTES) -> list[Airing]:
    """Planned airings of the breaks starting in the next `minutes`. One query."""
    now = now or timezone.now()
    return list(
        Airing.objects.filter(
            status=AiringStatus.PLANNED,
            break_slot__status=BreakStatus.OPEN,
            break_slot__starts_at__gt=now,
            break_slot__starts_at__lte=now + dt.timedelta(minutes=minutes),
        )
        .select_related("break_slot", "advertiser", "spot", "spot__media", "spot__image")
        .order_by("break_slot__starts_at", "position", "pk")
    )
