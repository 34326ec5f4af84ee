"""Reads of the "Diffusion" admin menu: the listings (each one query for its
rows, whatever their number), a break with its running order, the make-goods to
accept, a campaign's placement summary and the breaks offered for a hand
placement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import GROUP_NAMES, Role
from campaigns.models import Campaign, Status
from core import clock as broadcast_day
from simulator.selectors import current_rate_card

from ..models import Airing, AiringEvent, Break, BreakStatus, UnplacedItem
from ..models.airing import BOOKED_STATUSES, AiringStatus
from .bands import band_name

# Campaigns that may appear on the placement screens and in their filters.
BROADCAST_STATUSES = (Status.APPROVED, Status.SCHEDULED, Status.AIRING, Status.FINISHED)


# --- Time bands of the current rate card -----------------------------------------------


def band_choices() -> list[tuple[str, str]]:
    """(code, "Name (06:00–11:00)") of the current rate card's offered bands."""
    card = current_rate_card()
    if card is None:
        return []
    return [
        (band.code, f"{band.name} ({band.start_time:%H:%M}–{band.end_time:%H:%M})")
        for band in card.bands.filter(is_active=True).order_by("sort_order", "start_time", "pk")
    ]


def current_bands() -> dict:
    """The current card's offered bands by code (empty when no card is valid)."""
    card = current_rate_card()
    if card is None:
        return {}
    return {band.code: band for band in card.bands.filter(is_active=True)}


def time_in_band(band, time: dt.time) -> bool:
    """Whether `time` falls within the band's hours (ends included; a band whose
    end is before its start crosses midnight)."""
    if band.start_time <= band.end_time:
        return band.start_time <= time <= band.end_time
    return time >= band.start_time or time <= band.end_time


# --- Labels ------------------------------------------------------------------------


def local_time(moment) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M}" if moment else "—"


def fill_percent(booked: int, capacity: int) -> int:
    if not capacity:
        return 100
    return min(100, round(booked * 100 / capacity))


def break_label(brk: Break, *, fill: bool = True) -> str:
    """ "14/12/2026 19:28 · Avant JT 19h30 · Prime time · 60/180 s booked"."""
    parts = [str(brk), band_name(brk.band_code)]
    if fill:
        parts.append(
            _("%(booked)s/%(capacity)s s booked")
            % {"booked": brk.booked_seconds, "capacity": brk.capacity}
        )
    return " · ".join(parts)


# --- Listings ----------------------------------------------------------------------


def breaks_listing():
    """Dated breaks with the number of airings they hold (one query)."""
    return Break.objects.annotate(
        airing_count=Count("airings", filter=Q(airings__status__in=BOOKED_STATUSES))
    )


def airings_listing():
    return Airing.objects.select_related(
        "break_slot", "campaign", "advertiser", "spot", "confirmed_by"
    )


def open_unplaced():
    """Items still waiting on the unplaced list, grouped by campaign."""
    return UnplacedItem.objects.filter(resolved_at__isnull=True).select_related(
        "campaign", "campaign__advertiser", "source_airing__break_slot"
    )


def make_goods_to_accept():
    """Make-goods offered for missed airings that the commercial team has not
    accepted yet (cancelled ones are gone)."""
    return (
        Airing.objects.filter(make_good_of__isnull=False, make_good_accepted=False)
        .exclude(status=AiringStatus.CANCELLED)
        .select_related(
            "break_slot", "campaign", "advertiser", "make_good_of", "make_good_of__break_slot"
        )
    )


def journal():
    """Running-order changes, with `airing_break_at` (when the airing's break
    starts, None without an airing) for the listing and its export."""
    return AiringEvent.objects.select_related(
        "campaign", "campaign__advertiser", "actor", "airing", "airing__break_slot"
    ).annotate(airing_break_at=F("airing__break_slot__starts_at"))


def broadcast_campaigns():
    return Campaign.objects.filter(status__in=BROADCAST_STATUSES).order_by("title", "pk")


def campaigns_with_open_items():
    return Campaign.objects.filter(
        pk__in=UnplacedItem.objects.filter(resolved_at__isnull=True).values("campaign_id")
    ).order_by("title", "pk")


def staff_actors():
    """Users who may appear as the author of a running-order change."""
    from accounts.models import User

    names = [GROUP_NAMES[Role.ADMINISTRATOR], GROUP_NAMES[Role.BROADCASTER]]
    return (
        User.objects.filter(Q(is_superuser=True) | Q(groups__name__in=names))
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def pending_campaigns():
    """Approved campaigns not scheduled yet, in the order `place_pending` takes them."""
    return (
        Campaign.objects.filter(status=Status.APPROVED)
        .select_related("advertiser")
        .order_by("-priority", "approved_at", "pk")
    )


# --- One break ---------------------------------------------------------------------


def break_with_running_order(pk: int) -> Break:
    """A break and `running_order`: its airings (cancelled ones too, last) in
    position order, with what a row shows. Two queries."""
    airings = Airing.objects.select_related(
        "campaign", "advertiser", "spot", "confirmed_by", "make_good_of__break_slot"
    ).order_by("position", "pk")
    return (
        Break.objects.filter(pk=pk)
        .prefetch_related(Prefetch("airings", queryset=airings, to_attr="running_order"))
        .get()
    )


# --- A campaign's placement --------------------------------------------------------


@dataclass
class BandPlacement:
    band_code: str
    wanted: int
    planned: int = 0
    aired: int = 0
    missed: int = 0
    waiting: int = 0

    @property
    def missing(self) -> int:
        return max(self.wanted - self.planned - self.aired - self.missed - self.waiting, 0)


def campaign_placement(campaign: Campaign) -> list[BandPlacement]:
    """Per band of the campaign: airings wanted (frozen quote), planned, aired,
    missed, waiting on the unplaced list. Three queries."""
    rows = {
        line.band_code: BandPlacement(band_code=line.band_code, wanted=line.airings)
        for line in campaign.lines.order_by("pk")
    }

    def row(band):
        if band not in rows:
            rows[band] = BandPlacement(band_code=band, wanted=0)
        return rows[band]

    counts = (
        Airing.objects.filter(campaign=campaign, make_good_of__isnull=True)
        .exclude(status=AiringStatus.CANCELLED)
        .values_list("band_code", "status")
        .annotate(n=Count("pk"))
        .values_list("band_code", "status", "n")
    )
    for band, status, n in counts:
        setattr(row(band), status, n)
    waiting = (
        UnplacedItem.objects.filter(campaign=campaign, resolved_at__isnull=True)
        .values_list("band_code")
        .annotate(n=Count("pk"))
        .values_list("band_code", "n")
    )
    for band, n in waiting:
        row(band).waiting = n
    return list(rows.values())


# --- Breaks offered for a hand placement or a move -----------------------------------


def candidate_breaks(*, campaign: Campaign, day: dt.date | None = None, limit: int = 200):
    """Future open breaks in the campaign's bands and dates (for the hand
    placement form), with their fill."""
    qs = Break.objects.filter(
        band_code__in=[line.band_code for line in campaign.lines.all()],
        day__gte=max(campaign.start_date, broadcast_day.today()),
        day__lte=campaign.end_date,
        status=BreakStatus.OPEN,
        starts_at__gt=timezone.now(),
    )
    if day is not None:
        qs = qs.filter(day=day)
    return qs.order_by("starts_at", "pk")[:limit]


def candidate_choices(
    campaign: Campaign, *, day: dt.date | None = None, exclude_break_id: int | None = None
) -> list[tuple[int, str]]:
    """(break id, label with its fill) of the future open breaks in the
    campaign's bands and dates, those already holding a spot of the advertiser
    marked; the rules are checked on submission. Two queries."""
    breaks = [
        brk for brk in candidate_breaks(campaign=campaign, day=day) if brk.pk != exclude_break_id
    ]
    taken = set(
        Airing.objects.filter(
            break_slot_id__in=[brk.pk for brk in breaks],
            advertiser_id=campaign.advertiser_id,
            status__in=BOOKED_STATUSES,
        ).values_list("break_slot_id", flat=True)
    )
    choices = []
    for brk in breaks:
        label = break_label(brk)
        if brk.pk in taken:
            label = f"{label} — {_('already holds a spot of this advertiser')}"
        choices.append((brk.pk, label))
    return choices


def is_future(brk: Break) -> bool:
    return brk.starts_at > timezone.now()
