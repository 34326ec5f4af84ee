"""Scheduler runs and hand changes to the running order.

Every write locks the breaks it touches, in primary-key order, before it reads
their fill (`select_for_update`; a no-op on SQLite, whose transactions are
serialisable anyway), so two placements or moves running at the same time can
never overbook a break. A database constraint also refuses two airings of one
advertiser in a break. Queries per scheduler run do not grow with the number of
airings: every read and write is one query over all the breaks involved."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    Count,
    F,
    PositiveIntegerField,
    PositiveSmallIntegerField,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Status
from core import clock as broadcast_day

from .. import scheduling
from ..exceptions import BroadcastError
from ..models import Airing, AiringEvent, Break, BreakStatus, BroadcastSettings
from ..models.airing import BOOKED_STATUSES, AiringStatus, UnplacedItem

# Campaigns whose airings the scheduler may place.
PLACEABLE = (Status.APPROVED, Status.SCHEDULED, Status.AIRING)

RULE_MESSAGES = {
    scheduling.CLOSED: lambda: _("this break is cancelled"),
    scheduling.OUT_OF_RANGE: lambda: _("the break is outside the campaign's dates"),
    scheduling.WRONG_BAND: lambda: _("the break is not in one of the campaign's time bands"),
    scheduling.DAILY_LIMIT: lambda: _("the campaign already has its maximum of airings that day"),
    scheduling.SEPARATION: lambda: _(
        "the advertiser or another advertiser of the same sector is already in this break"
    ),
    scheduling.FULL: lambda: _("the break is full"),
}


@dataclass
class PlacementResult:
    placed: int
    unplaced: int
    airings: list[Airing]


def rule_message(codes: list[str]) -> str:
    return "; ".join(str(RULE_MESSAGES[code]()) for code in codes if code in RULE_MESSAGES)


def unit_prices(campaign: Campaign) -> dict[str, int]:
    """Unit price excl. VAT of one airing in each band, from the frozen quote."""
    lines = (campaign.quote or {}).get("lines", [])
    return {line["band"]: int(line.get("unit_price") or 0) for line in lines}


def current_spot(campaign: Campaign):
    return campaign.spots.approved().order_by("-reviewed_at", "-pk").first()


def _lock_breaks(queryset) -> list[Break]:
    return list(queryset.select_for_update().order_by("pk"))


# (pk, break id, position, advertiser id, sector id) of an airing holding seconds.
BookedRow = tuple[int, int, int, int, int | None]
# Positions written by one UPDATE (two parameters an airing: far below the limits).
POSITION_CHUNK = 10_000


def _booked_rows(break_ids) -> list[BookedRow]:
    """The airings holding seconds in `break_ids`, in one query. The status is
    checked here rather than in SQL: filtered on the status too, SQLite walks
    the status index (every planned airing of the year) instead of the breaks'."""
    booked = set(BOOKED_STATUSES)
    return [
        (pk, break_id, position, advertiser_id, sector_id)
        for pk, break_id, position, advertiser_id, sector_id, status in Airing.objects.filter(
            break_slot_id__in=list(break_ids)
        )
        .order_by()
        .values_list("pk", "break_slot_id", "position", "advertiser_id", "sector_id", "status")
        if status in booked
    ]


def _states(
    breaks: list[Break], rows: list[BookedRow] | None = None
) -> dict[int, scheduling.BreakState]:
    states = {
        b.pk: scheduling.BreakState(
            id=b.pk,
            day=b.day,
            minute=broadcast_day.minute_of(b.starts_at),
            band=b.band_code,
            capacity=b.capacity,
            booked=b.booked_seconds,
            is_open=b.is_open,
        )
        for b in breaks
    }
    if rows is None:
        rows = _booked_rows(states)
    for _pk, break_id, _position, advertiser_id, sector_id in rows:
        state = states[break_id]
        state.advertisers.add(advertiser_id)
        if sector_id is not None:
            state.sectors.add(sector_id)
        state.count += 1
    return states


def _renumber(new_airings: list[tuple[Airing, int]], rows: list[BookedRow] | None = None) -> None:
    """Give positions: each new airing is inserted at its index in its break's
    running order, the others keep their order (one read, unless `rows` holds
    the breaks' airings already, and one write)."""
    break_ids = {airing.break_slot_id for airing, _index in new_airings}
    if rows is None:
        rows = _booked_rows(break_ids)
    order: dict[int, list[tuple[int, int]]] = defaultdict(list)  # (position, pk)
    for pk, break_id, position, _advertiser_id, _sector_id in rows:
        if break_id in break_ids:
            order[break_id].append((position, pk))
    # Each break's running order: (pk, position) of the airings there, in order.
    running: dict[int, list] = {
        break_id: [(pk, position) for position, pk in sorted(airings)]
        for break_id, airings in order.items()
    }
    for airing, index in new_airings:
        sequence = running.setdefault(airing.break_slot_id, [])
        sequence.insert(min(index, len(sequence)), airing)
    moved: dict[int, list[int]] = defaultdict(list)  # new position -> pks
    for sequence in running.values():
        for position, item in enumerate(sequence, start=1):
            if isinstance(item, Airing):
                item.position = position
            elif item[1] != position:
                moved[position].append(item[0])
    pairs = [(pk, position) for position, pks in moved.items() for pk in pks]
    for start in range(0, len(pairs), POSITION_CHUNK):
        chunk = pairs[start : start + POSITION_CHUNK]
        by_position: dict[int, list[int]] = defaultdict(list)
        for pk, position in chunk:
            by_position[position].append(pk)
        Airing.objects.filter(pk__in=[pk for pk, _position in chunk]).update(
            position=Case(
                *(When(pk__in=pks, then=Value(position)) for position, pks in by_position.items()),
                output_field=PositiveSmallIntegerField(),
            )
        )


def _campaign_locked(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().select_related("advertiser").get(pk=campaign.pk)


@transaction.atomic
def place_campaign(*, campaign: Campaign, actor=None) -> PlacementResult:
    """Place what remains of an approved campaign's airings (per band as in its
    frozen quote) into future breaks; what cannot be placed goes to the unplaced
    list with its reason. Running it again only places what is still missing."""
    campaign = _campaign_locked(campaign)
    if campaign.status not in PLACEABLE:
        raise BroadcastError(_("Only an approved campaign can be scheduled."))
    spot = current_spot(campaign)
    wanted = {line.band_code: line.airings for line in campaign.lines.all()}
    # Counted here: "make_good_of IS NULL" in SQL lets SQLite walk that column's
    # unique index (every airing of the year) instead of the campaign's.
    held: dict[str, int] = defaultdict(int)
    for band, status, make_good_of in (
        Airing.objects.filter(campaign=campaign)
        .order_by()
        .values_list("band_code", "status", "make_good_of_id")
    ):
        if make_good_of is None and status != AiringStatus.CANCELLED:
            held[band] += 1
    # Items waiting on the unplaced list are planned again from scratch.
    UnplacedItem.objects.filter(campaign=campaign, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=actor, resolution="replanned"
    )
    remaining = {band: n - held.get(band, 0) for band, n in wanted.items()}
    remaining = {band: n for band, n in remaining.items() if n > 0}
    result = PlacementResult(placed=0, unplaced=0, airings=[])
    if not remaining:
        return result

    now = timezone.now()
    first_day = max(campaign.start_date, broadcast_day.today())
    breaks = _lock_breaks(
        Break.objects.filter(
            band_code__in=list(remaining),
            day__gte=first_day,
            day__lte=campaign.end_date,
            status=BreakStatus.OPEN,
            starts_at__gt=now,
        )
    )
    rows = _booked_rows(b.pk for b in breaks)
    states = _states(breaks, rows)
    per_day = dict(
        Airing.objects.filter(campaign=campaign, status__in=BOOKED_STATUSES)
        .order_by()
        .values_list("break_slot__day")
        .annotate(n=Count("pk"))
        .values_list("break_slot__day", "n")
    )
    settings_row = BroadcastSettings.load()
    demand = scheduling.CampaignDemand(
        id=campaign.pk,
        advertiser_id=campaign.advertiser_id,
        sector_id=campaign.sector_id,
        length=campaign.spot_length,
        start=first_day,
        end=campaign.end_date,
        lines=tuple(sorted(remaining.items())),
        max_per_day=settings_row.max_airings_per_day,
        priority=campaign.priority,
        approved_at=campaign.approved_at,
        per_day=tuple(per_day.items()),
    )
    plan = scheduling.plan_campaign(demand, list(states.values()))
    prices = unit_prices(campaign)
    by_id = {b.pk: b for b in breaks}

    new = [
        (
            Airing(
                break_slot_id=p.break_id,
                campaign=campaign,
                spot=spot,
                advertiser_id=campaign.advertiser_id,
                sector_id=campaign.sector_id,
                band_code=p.band,
                length=campaign.spot_length,
                unit_price=prices.get(p.band, 0),
            ),
            p.insert_at,
        )
        for p in plan.placements
    ]
    _renumber(new, rows)
    airings = Airing.objects.bulk_create([airing for airing, _index in new], batch_size=500)
    # The locked breaks gain what was placed in them: one UPDATE, one CASE branch
    # per distinct gain (one airing of the campaign a break: a single branch).
    gains: dict[int, list[int]] = defaultdict(list)
    for break_id, state in states.items():
        gain = state.booked - by_id[break_id].booked_seconds
        if gain:
            by_id[break_id].booked_seconds = state.booked
            gains[gain].append(break_id)
    if gains:
        Break.objects.filter(pk__in=[pk for pks in gains.values() for pk in pks]).update(
            booked_seconds=Case(
                *(
                    When(pk__in=pks, then=F("booked_seconds") + Value(gain))
                    for gain, pks in gains.items()
                ),
                output_field=PositiveIntegerField(),
            )
        )
    if not airings or airings[0].pk is None:  # backends without RETURNING
        airings = list(
            Airing.objects.filter(
                campaign=campaign, break_slot_id__in=[p.break_id for p in plan.placements]
            )
        )
    AiringEvent.objects.bulk_create(
        [
            AiringEvent(
                campaign=campaign,
                airing=airing,
                action=AiringEvent.Action.PLACED,
                actor=actor,
                data={"break": airing.break_slot_id, "position": airing.position},
            )
            for airing in airings
        ],
        batch_size=500,
    )
    items = [
        UnplacedItem(
            campaign=campaign,
            band_code=short.band,
            reason=short.reason,
            unit_price=prices.get(short.band, 0),
        )
        for short in plan.unplaced
        for _n in range(short.count)
    ]
    UnplacedItem.objects.bulk_create(items, batch_size=500)
    if plan.unplaced:
        AiringEvent.objects.create(
            campaign=campaign,
            action=AiringEvent.Action.UNPLACED,
            actor=actor,
            data={s.band: {"count": s.count, "reason": s.reason} for s in plan.unplaced},
        )
    result = PlacementResult(placed=len(airings), unplaced=len(items), airings=airings)
    if airings and campaign.status == Status.APPROVED:
        from campaigns import services as campaign_services

        campaign_services.transition(campaign=campaign, to_status=Status.SCHEDULED, actor=None)
    from .notices import notify_placed

    notify_placed(campaign, result, days={by_id[p.break_id].day for p in plan.placements})
    return result


def place_pending(*, actor=None) -> list[tuple[Campaign, PlacementResult]]:
    """Place every approved campaign that is not scheduled yet, by priority then
    first approved (each campaign in its own transaction)."""
    done = []
    for campaign in Campaign.objects.filter(status=Status.APPROVED).order_by(
        "-priority", "approved_at", "pk"
    ):
        done.append((campaign, place_campaign(campaign=campaign, actor=actor)))
    return done


# --- Hand changes (admin) -------------------------------------------------------------


def _check_break(
    brk: Break, campaign: Campaign, *, length: int, override: bool, ignore_airing=None
) -> list[str]:
    """The rules a hand placement of `campaign` into the locked `brk` breaks."""
    if brk.starts_at <= timezone.now():
        raise BroadcastError(_("This break is in the past: choose a future break."))
    state = _states([brk])[brk.pk]
    if ignore_airing is not None and ignore_airing.break_slot_id == brk.pk:
        state.booked -= ignore_airing.length
        state.advertisers.discard(ignore_airing.advertiser_id)
        if ignore_airing.sector_id is not None:
            state.sectors.discard(ignore_airing.sector_id)
    day_count = (
        Airing.objects.filter(
            campaign=campaign, status__in=BOOKED_STATUSES, break_slot__day=brk.day
        )
        .exclude(pk=getattr(ignore_airing, "pk", None))
        .count()
    )
    return scheduling.violations(
        state,
        advertiser_id=campaign.advertiser_id,
        sector_id=campaign.sector_id,
        length=length,
        start=campaign.start_date,
        end=campaign.end_date,
        bands={line.band_code for line in campaign.lines.all()},
        day_count=day_count,
        max_per_day=BroadcastSettings.load().max_airings_per_day,
        allow_over_capacity=override,
    )


def _refuse(broken: list[str]) -> None:
    if broken:
        raise BroadcastError(
            _("This airing cannot go there: %(rules)s.") % {"rules": rule_message(broken)}
        )


def _over_capacity(brk: Break, length: int) -> bool:
    return brk.booked_seconds + length > brk.capacity


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
    locked = _lock_breaks(Break.objects.filter(pk=brk.pk))
    if not locked:
        raise BroadcastError(_("This break no longer exists."))
    brk = locked[0]
    _refuse(_check_break(brk, campaign, length=campaign.spot_length, override=override_capacity))
    over = _over_capacity(brk, campaign.spot_length)
    airing = Airing(
        break_slot=brk,
        campaign=campaign,
        spot=current_spot(campaign),
        advertiser_id=campaign.advertiser_id,
        sector_id=campaign.sector_id,
        band_code=brk.band_code,
        length=campaign.spot_length,
        unit_price=item.unit_price or unit_prices(campaign).get(brk.band_code, 0),
    )
    _renumber([(airing, 10_000)])
    try:
        with transaction.atomic():
            airing.save()
    except IntegrityError as exc:
        raise BroadcastError(_("This advertiser already has a spot in this break.")) from exc
    brk.booked_seconds += campaign.spot_length
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
        AiringEvent.objects.create(
            campaign=campaign,
            airing=airing,
            action=AiringEvent.Action.OVERRIDE,
            actor=actor,
            data={"break": brk.pk, "booked": brk.booked_seconds, "capacity": brk.capacity},
        )
    if campaign.status == Status.APPROVED:
        from campaigns import services as campaign_services

        campaign_services.transition(campaign=campaign, to_status=Status.SCHEDULED, actor=None)
    from .notices import notify_airings_changed

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
    from .airings import refresh_campaign_status

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
        for b in _lock_breaks(Break.objects.filter(pk__in=[airing.break_slot_id, to_break.pk]))
    }
    if to_break.pk not in locked:
        raise BroadcastError(_("This break no longer exists."))
    source, target = locked[airing.break_slot_id], locked[to_break.pk]
    _refuse(
        _check_break(
            target,
            airing.campaign,
            length=airing.length,
            override=override_capacity,
            ignore_airing=airing,
        )
    )
    over = _over_capacity(target, airing.length)
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
    _compact([source.pk, target.pk])
    airing.refresh_from_db()
    AiringEvent.objects.create(
        campaign=airing.campaign,
        airing=airing,
        action=AiringEvent.Action.MOVED,
        actor=actor,
        data={"from": source.pk, "to": target.pk},
    )
    if over:
        AiringEvent.objects.create(
            campaign=airing.campaign,
            airing=airing,
            action=AiringEvent.Action.OVERRIDE,
            actor=actor,
            data={"break": target.pk, "booked": target.booked_seconds, "capacity": target.capacity},
        )
    from .notices import notify_airings_changed

    notify_airings_changed([airing], reason="", moved_from=source)
    return airing


def _compact(break_ids: list[int]) -> None:
    """Positions 1..n in each of `break_ids`, keeping the order."""
    changed = []
    running: dict[int, int] = defaultdict(int)
    for airing in Airing.objects.filter(
        break_slot_id__in=break_ids, status__in=BOOKED_STATUSES
    ).order_by("break_slot_id", "position", "pk"):
        running[airing.break_slot_id] += 1
        if airing.position != running[airing.break_slot_id]:
            airing.position = running[airing.break_slot_id]
            changed.append(airing)
    if changed:
        Airing.objects.bulk_update(changed, ["position"])


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
    brk = _lock_breaks(Break.objects.filter(pk=airing.break_slot_id))[0]
    brk.booked_seconds = max(brk.booked_seconds - airing.length, 0)
    brk.save(update_fields=["booked_seconds"])
    airing.status = AiringStatus.CANCELLED
    airing.save(update_fields=["status", "updated_at"])
    _compact([brk.pk])
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
    from .notices import notify_airings_changed

    notify_airings_changed([airing], reason=reason)
    return item


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
