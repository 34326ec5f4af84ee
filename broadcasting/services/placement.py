"""Scheduler runs: a campaign's airings placed into future breaks.

Each run locks the breaks it may use (`running_order.lock_breaks`) before it
reads their fill, so two placements running at the same time can never overbook
a break; a database constraint also refuses two airings of one advertiser in a
break. Queries per run do not grow with the number of airings: every read and
write is one query over all the breaks involved. What the scheduler needs of the
campaign comes from `campaigns.selectors.placement_request` (plain data).

The hand changes of the commercial admin live in `hand_changes` and are
importable from here too, as are the rules (`PLACEABLE`, `rule_message`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, Count, F, PositiveIntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Status
from campaigns.selectors import PlacementRequest, placement_request
from core import clock as broadcast_day

from .. import scheduling
from ..exceptions import BroadcastError
from ..models import Airing, AiringEvent, Break, BreakStatus, BroadcastSettings
from ..models.airing import BOOKED_STATUSES, AiringStatus, UnplacedItem
from ..selectors.admin import candidate_breaks
from .campaign_status import mark_scheduled
from .hand_changes import move_airing, place_unplaced, release_unplaced, remove_airing
from .notices import notify_placed
from .rules import PLACEABLE, RULE_MESSAGES, current_spot, rule_message
from .running_order import booked_rows, break_states, lock_breaks, renumber

__all__ = [
    "PLACEABLE",
    "RULE_MESSAGES",
    "PlacementResult",
    "candidate_breaks",
    "current_spot",
    "move_airing",
    "place_campaign",
    "place_pending",
    "place_unplaced",
    "release_unplaced",
    "remove_airing",
    "rule_message",
]


@dataclass
class PlacementResult:
    placed: int
    unplaced: int
    airings: list[Airing]


def _campaign_locked(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().select_related("advertiser").get(pk=campaign.pk)


def _held(campaign: Campaign) -> dict[str, int]:
    """Airings the campaign holds already, by band (make-goods and cancelled
    airings not counted). Counted here: "make_good_of IS NULL" in SQL lets
    SQLite walk that column's unique index (every airing of the year) instead
    of the campaign's."""
    held: dict[str, int] = defaultdict(int)
    for band, status, make_good_of in (
        Airing.objects.filter(campaign=campaign)
        .order_by()
        .values_list("band_code", "status", "make_good_of_id")
    ):
        if make_good_of is None and status != AiringStatus.CANCELLED:
            held[band] += 1
    return held


def _per_day(campaign: Campaign) -> dict:
    return dict(
        Airing.objects.filter(campaign=campaign, status__in=BOOKED_STATUSES)
        .order_by()
        .values_list("break_slot__day")
        .annotate(n=Count("pk"))
        .values_list("break_slot__day", "n")
    )


def _add_gains(by_id: dict[int, Break], states: dict[int, scheduling.BreakState]) -> None:
    """The locked breaks gain what was placed in them: one UPDATE, one CASE branch
    per distinct gain (one airing of the campaign a break: a single branch)."""
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


def _write_airings(
    campaign: Campaign, request: PlacementRequest, plan, rows, actor
) -> list[Airing]:
    """The planned airings created in their positions, each with its event."""
    spot = current_spot(campaign)
    new = [
        (
            Airing(
                break_slot_id=p.break_id,
                campaign=campaign,
                spot=spot,
                advertiser_id=request.advertiser_id,
                sector_id=request.sector_id,
                band_code=p.band,
                length=request.spot_length,
                unit_price=request.unit_price(p.band),
            ),
            p.insert_at,
        )
        for p in plan.placements
    ]
    renumber(new, rows)
    airings = Airing.objects.bulk_create([airing for airing, _index in new], batch_size=500)
    if not airings or airings[0].pk is None:  # backends without RETURNING
        airings = list(
            Airing.objects.filter(
                campaign=campaign, break_slot_id__in=[p.break_id for p in plan.placements]
            )
        )
    return airings


def _log_placed(campaign: Campaign, airings: list[Airing], actor) -> None:
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


def _record_unplaced(campaign: Campaign, request: PlacementRequest, plan, actor) -> int:
    """What the scheduler could not place goes to the unplaced list with its reason."""
    items = [
        UnplacedItem(
            campaign=campaign,
            band_code=short.band,
            reason=short.reason,
            unit_price=request.unit_price(short.band),
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
    return len(items)


@transaction.atomic
def place_campaign(*, campaign: Campaign, actor=None) -> PlacementResult:
    """Place what remains of an approved campaign's airings (per band as in its
    frozen quote) into future breaks; what cannot be placed goes to the unplaced
    list with its reason. Running it again only places what is still missing."""
    campaign = _campaign_locked(campaign)
    if campaign.status not in PLACEABLE:
        raise BroadcastError(_("Only an approved campaign can be scheduled."))
    request = placement_request(campaign)
    held = _held(campaign)
    # Items waiting on the unplaced list are planned again from scratch.
    UnplacedItem.objects.filter(campaign=campaign, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=actor, resolution="replanned"
    )
    remaining = {band.code: band.airings - held.get(band.code, 0) for band in request.bands}
    remaining = {band: n for band, n in remaining.items() if n > 0}
    if not remaining:
        return PlacementResult(placed=0, unplaced=0, airings=[])

    first_day = max(request.start, broadcast_day.today())
    breaks = lock_breaks(
        Break.objects.filter(
            band_code__in=list(remaining),
            day__gte=first_day,
            day__lte=request.end,
            status=BreakStatus.OPEN,
            starts_at__gt=timezone.now(),
        )
    )
    rows = booked_rows(b.pk for b in breaks)
    states = break_states(breaks, rows)
    demand = scheduling.CampaignDemand(
        id=request.campaign_id,
        advertiser_id=request.advertiser_id,
        sector_id=request.sector_id,
        length=request.spot_length,
        start=first_day,
        end=request.end,
        lines=tuple(sorted(remaining.items())),
        max_per_day=BroadcastSettings.load().max_airings_per_day,
        priority=request.priority,
        approved_at=request.approved_at,
        per_day=tuple(_per_day(campaign).items()),
    )
    plan = scheduling.plan_campaign(demand, list(states.values()))
    by_id = {b.pk: b for b in breaks}
    airings = _write_airings(campaign, request, plan, rows, actor)
    _add_gains(by_id, states)
    _log_placed(campaign, airings, actor)
    unplaced = _record_unplaced(campaign, request, plan, actor)
    result = PlacementResult(placed=len(airings), unplaced=unplaced, airings=airings)
    if airings:
        mark_scheduled(campaign)
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
