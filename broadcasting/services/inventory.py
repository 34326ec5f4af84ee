"""Breaks from the weekly grid, exceptional breaks and cancellations."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import clock as broadcast_day

from ..exceptions import BroadcastError
from ..models import Airing, AiringEvent, Break, BreakGridSlot, BreakStatus, BroadcastSettings
from ..models.airing import BOOKED_STATUSES, AiringStatus, UnplacedItem, UnplacedReason
from .notices import notify_airings_changed


def weeks_ahead() -> int:
    return BroadcastSettings.load().weeks_ahead


@transaction.atomic
def break_from_slot(slot: BreakGridSlot, day: dt.date) -> Break:
    """The dated break a slot of the weekly grid makes on `day` (not saved)."""
    return Break(
        day=day,
        starts_at=broadcast_day.starts_at(day, slot.time),
        band_code=slot.band_code,
        capacity=slot.capacity,
        label=slot.label,
        grid_slot=slot,
    )


def generate_breaks(*, weeks: int | None = None, first_day: dt.date | None = None) -> dict:
    """Create the breaks of the grid for `weeks` weeks from `first_day` (today's
    broadcast day by default). Idempotent: a break that exists is never created
    again. A grid change is carried to future breaks that hold no airing; breaks
    with airings keep their time (an admin moves them by hand)."""
    weeks = weeks or weeks_ahead()
    if weeks < 1 or weeks > 104:
        raise BroadcastError(_("Give a number of weeks between 1 and 104."))
    first_day = first_day or broadcast_day.today()
    last_day = first_day + dt.timedelta(days=7 * weeks - 1)
    now = timezone.now()
    slots = list(BreakGridSlot.objects.all())
    by_weekday: dict[int, list[BreakGridSlot]] = {}
    for slot in slots:
        if slot.is_active:
            by_weekday.setdefault(slot.weekday, []).append(slot)

    existing = {
        (b.grid_slot_id, b.day): b
        for b in Break.objects.filter(
            day__gte=first_day, day__lte=last_day, grid_slot__isnull=False
        )
    }
    created: list[Break] = []
    updated: list[Break] = []
    day = first_day
    while day <= last_day:
        for slot in by_weekday.get(day.weekday(), []):
            moment = broadcast_day.starts_at(day, slot.time)
            current = existing.get((slot.pk, day))
            if current is None:
                if moment > now:
                    created.append(break_from_slot(slot, day))
                continue
            if current.starts_at <= now or current.booked_seconds or not current.is_open:
                continue
            wanted = (moment, slot.band_code, slot.capacity, slot.label)
            if (current.starts_at, current.band_code, current.capacity, current.label) != wanted:
                current.starts_at, current.band_code, current.capacity, current.label = wanted
                updated.append(current)
        day += dt.timedelta(days=1)
    Break.objects.bulk_create(created, batch_size=500)
    if updated:
        Break.objects.bulk_update(
            updated, ["starts_at", "band_code", "capacity", "label"], batch_size=500
        )
    # Future, empty breaks whose grid break was switched off or removed go away.
    active_ids = [slot.pk for slot in slots if slot.is_active]
    stale = Break.objects.filter(
        starts_at__gt=now,
        is_exceptional=False,
        booked_seconds=0,
        day__gte=first_day,
        day__lte=last_day,
    ).exclude(grid_slot_id__in=active_ids)
    stale = stale.exclude(airings__isnull=False)
    removed, _detail = stale.delete()
    return {"created": len(created), "updated": len(updated), "removed": removed}


@transaction.atomic
def add_exceptional_break(
    *, day: dt.date, time: dt.time, band_code: str, capacity: int, label: str, actor
) -> Break:
    moment = broadcast_day.starts_at(day, time)
    if moment <= timezone.now():
        raise BroadcastError(_("An exceptional break must be in the future."))
    if not band_code:
        raise BroadcastError(_("Choose the break's time band."))
    if capacity < 10 or capacity > 1800:
        raise BroadcastError(_("The capacity must be between 10 and 1800 seconds."))
    return Break.objects.create(
        day=day,
        starts_at=moment,
        band_code=band_code,
        capacity=capacity,
        label=label.strip()[:120],
        is_exceptional=True,
    )


@transaction.atomic
def cancel_break(*, brk: Break, actor, reason: str) -> int:
    """Cancel one dated break: its planned airings are cancelled and go to the
    unplaced list. Returns how many airings were taken out."""
    reason = (reason or "").strip()
    if not reason:
        raise BroadcastError(
            _("Give the reason for the cancellation."), {"reason": [_("Required.")]}
        )
    locked = Break.objects.select_for_update().get(pk=brk.pk)
    if not locked.is_open:
        raise BroadcastError(_("This break is already cancelled."))
    if locked.starts_at <= timezone.now():
        raise BroadcastError(_("A break in the past cannot be cancelled."))
    airings = list(
        Airing.objects.select_for_update().filter(break_slot=locked, status__in=BOOKED_STATUSES)
    )
    for airing in airings:
        airing.status = AiringStatus.CANCELLED
    Airing.objects.bulk_update(airings, ["status", "updated_at"])
    UnplacedItem.objects.bulk_create(
        UnplacedItem(
            campaign_id=a.campaign_id,
            band_code=a.band_code,
            reason=UnplacedReason.BREAK_CANCELLED,
            unit_price=a.unit_price,
            source_airing=a,
        )
        for a in airings
    )
    AiringEvent.objects.bulk_create(
        AiringEvent(
            campaign_id=a.campaign_id,
            airing=a,
            action=AiringEvent.Action.REMOVED,
            actor=actor,
            note=reason,
            data={"break": locked.pk, "break_cancelled": True},
        )
        for a in airings
    )
    locked.status = BreakStatus.CANCELLED
    locked.cancel_reason = reason[:300]
    locked.booked_seconds = 0
    locked.save(update_fields=["status", "cancel_reason", "booked_seconds"])
    brk.refresh_from_db()
    notify_airings_changed(airings, reason=reason)
    return len(airings)
