"""Hand changes to the running order (commercial admin): placing an item of the
unplaced list, releasing it, moving or removing a planned airing. The same rules
as the scheduler (`rules.check_break`), under the same locks (`running_order`);
an administrator may overfill a break, and that is logged."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.selectors import placement_request

from ..exceptions import BroadcastError
from ..models import Airing, AiringEvent, Break
from ..models.airing import AiringStatus, UnplacedItem
from .campaign_status import mark_scheduled, refresh_campaign_status
from .notices import notify_airings_changed
from .rules import PLACEABLE, check_break, current_spot, over_capacity, refuse
from .running_order import compact, lock_breaks, renumber


def _log_override(campaign, airing: Airing, brk: Break, actor) -> None:
    AiringEvent.objects.create(
        campaign=campaign,
        airing=airing,
        action=AiringEvent.Action.OVERRIDE,
        actor=actor,
        data={"break": brk.pk, "booked": brk.booked_seconds, "capacity": brk.capacity},
    )


@transaction.atomic
def place_unplaced(*, item: UnplacedItem, brk: Break, actor, override_capacity: bool = False):
    """Place one item of the unplaced list into `brk` by hand, with the same
    rules as the scheduler; `override_capacity` lets an administrator overfill a
    break, and is logged."""
    item = UnplacedItem.objects.select_for_update().select_related("campaign").get(pk=item.pk)
    if item.resolved_at is not None:
        raise BroadcastError(_("This item has already been placed or released."))
    campaign = item.campaign
    if campaign.status not in PLACEABLE:
        raise BroadcastError(_("Only an approved campaign can be scheduled."))
    locked = lock_breaks(Break.objects.filter(pk=brk.pk))
    if not locked:
        raise BroadcastError(_("This break no longer exists."))
    brk = locked[0]
    request = placement_request(campaign)
    length = request.spot_length
    refuse(check_break(brk, request, length=length, override=override_capacity))
    over = over_capacity(brk, length)
    airing = Airing(
        break_slot=brk,
        campaign=campaign,
        spot=current_spot(campaign),
        advertiser_id=request.advertiser_id,
        sector_id=request.sector_id,
        band_code=brk.band_code,
        length=length,
        unit_price=item.unit_price or request.unit_price(brk.band_code),
    )
    renumber([(airing, 10_000)])
    try:
        with transaction.atomic():
            airing.save()
    except IntegrityError as exc:
        raise BroadcastError(_("This advertiser already has a spot in this break.")) from exc
    brk.booked_seconds += length
    brk.save(update_fields=["booked_seconds"])
    item.resolved_at = timezone.now()
    item.resolved_by = actor
    item.resolution = "placed"
    item.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    AiringEvent.objects.create(
        campaign=campaign,
        airing=airing,
        action=AiringEvent.Action.PLACED,
        actor=actor,
        data={"break": brk.pk, "by_hand": True},
    )
    if over:
        _log_override(campaign, airing, brk, actor)
    mark_scheduled(campaign)
    notify_airings_changed([airing], reason="")
    return airing


@transaction.atomic
def release_unplaced(*, item: UnplacedItem, actor, note: str = "") -> UnplacedItem:
    """Give up placing an item (the campaign airs fewer times); logged."""
    item = UnplacedItem.objects.select_for_update().get(pk=item.pk)
    if item.resolved_at is not None:
        raise BroadcastError(_("This item has already been placed or released."))
    item.resolved_at = timezone.now()
    item.resolved_by = actor
    item.resolution = "released"
    item.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    AiringEvent.objects.create(
        campaign_id=item.campaign_id,
        action=AiringEvent.Action.RELEASED,
        actor=actor,
        note=note,
        data={"band": item.band_code, "reason": item.reason},
    )
    refresh_campaign_status(item.campaign)
    return item


@transaction.atomic
def move_airing(*, airing: Airing, to_break: Break, actor, override_capacity: bool = False):
    """Move a planned airing to another future break (same rules)."""
    airing = (
        Airing.objects.select_for_update()
        .select_related("campaign", "break_slot")
        .get(pk=airing.pk)
    )
    if airing.status != AiringStatus.PLANNED:
        raise BroadcastError(_("Only a planned airing can be moved."))
    if airing.break_slot.starts_at <= timezone.now():
        raise BroadcastError(_("This airing's break has passed: it can no longer be moved."))
    if airing.break_slot_id == to_break.pk:
        raise BroadcastError(_("The airing is already in this break."))
    locked = {
        b.pk: b
        for b in lock_breaks(Break.objects.filter(pk__in=[airing.break_slot_id, to_break.pk]))
    }
    if to_break.pk not in locked:
        raise BroadcastError(_("This break no longer exists."))
    source, target = locked[airing.break_slot_id], locked[to_break.pk]
    refuse(
        check_break(
            target,
            placement_request(airing.campaign),
            length=airing.length,
            override=override_capacity,
            ignore_airing=airing,
        )
    )
    over = over_capacity(target, airing.length)
    source.booked_seconds = max(source.booked_seconds - airing.length, 0)
    target.booked_seconds += airing.length
    Break.objects.bulk_update([source, target], ["booked_seconds"])
    airing.break_slot = target
    airing.band_code = target.band_code
    airing.position = 10_000
    try:
        with transaction.atomic():
            airing.save(update_fields=["break_slot", "band_code", "position", "updated_at"])
    except IntegrityError as exc:
        raise BroadcastError(_("This advertiser already has a spot in this break.")) from exc
    compact([source.pk, target.pk])
    airing.refresh_from_db()
    AiringEvent.objects.create(
        campaign=airing.campaign,
        airing=airing,
        action=AiringEvent.Action.MOVED,
        actor=actor,
        data={"from": source.pk, "to": target.pk},
    )
    if over:
        _log_override(airing.campaign, airing, target, actor)
    notify_airings_changed([airing], reason="", moved_from=source)
    return airing


@transaction.atomic
def remove_airing(*, airing: Airing, actor, reason: str) -> UnplacedItem:
    """Take a planned airing out of its break: it goes to the unplaced list."""
    reason = (reason or "").strip()
    if not reason:
        raise BroadcastError(_("Give the reason for the removal."), {"reason": [_("Required.")]})
    airing = Airing.objects.select_for_update().select_related("break_slot").get(pk=airing.pk)
    if airing.status != AiringStatus.PLANNED:
        raise BroadcastError(_("Only a planned airing can be removed."))
    if airing.break_slot.starts_at <= timezone.now():
        raise BroadcastError(_("This airing's break has passed: it can no longer be removed."))
    brk = lock_breaks(Break.objects.filter(pk=airing.break_slot_id))[0]
    brk.booked_seconds = max(brk.booked_seconds - airing.length, 0)
    brk.save(update_fields=["booked_seconds"])
    airing.status = AiringStatus.CANCELLED
    airing.save(update_fields=["status", "updated_at"])
    compact([brk.pk])
    item = UnplacedItem.objects.create(
        campaign_id=airing.campaign_id,
        band_code=airing.band_code,
        reason="removed",
        unit_price=airing.unit_price,
        source_airing=airing,
    )
    AiringEvent.objects.create(
        campaign_id=airing.campaign_id,
        airing=airing,
        action=AiringEvent.Action.REMOVED,
        actor=actor,
        note=reason,
        data={"break": brk.pk},
    )
    notify_airings_changed([airing], reason=reason)
    return item
