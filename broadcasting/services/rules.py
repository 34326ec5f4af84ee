"""The placement rules as the writes apply them: which campaigns may be placed,
the French message of each broken rule, and the check of one hand placement
into a locked break (the same rules as the scheduler, `scheduling.violations`)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Status
from campaigns.selectors import PlacementRequest

from .. import scheduling
from ..exceptions import BroadcastError
from ..models import Airing, Break, BroadcastSettings
from ..models.airing import BOOKED_STATUSES
from .running_order import break_states

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


def rule_message(codes: list[str]) -> str:
    return "; ".join(str(RULE_MESSAGES[code]()) for code in codes if code in RULE_MESSAGES)


def current_spot(campaign: Campaign):
    """The spot that airs: the campaign's last approved one."""
    return campaign.spots.approved().order_by("-reviewed_at", "-pk").first()


def check_break(
    brk: Break, request: PlacementRequest, *, length: int, override: bool, ignore_airing=None
) -> list[str]:
    """The rules a hand placement of the requested campaign into the locked
    `brk` breaks (`ignore_airing`: the airing being moved, not counted)."""
    if brk.starts_at <= timezone.now():
        raise BroadcastError(_("This break is in the past: choose a future break."))
    state = break_states([brk])[brk.pk]
    if ignore_airing is not None and ignore_airing.break_slot_id == brk.pk:
        state.booked -= ignore_airing.length
        state.advertisers.discard(ignore_airing.advertiser_id)
        if ignore_airing.sector_id is not None:
            state.sectors.discard(ignore_airing.sector_id)
    day_count = (
        Airing.objects.filter(
            campaign_id=request.campaign_id, status__in=BOOKED_STATUSES, break_slot__day=brk.day
        )
        .exclude(pk=getattr(ignore_airing, "pk", None))
        .count()
    )
    return scheduling.violations(
        state,
        advertiser_id=request.advertiser_id,
        sector_id=request.sector_id,
        length=length,
        start=request.start,
        end=request.end,
        bands=request.band_codes,
        day_count=day_count,
        max_per_day=BroadcastSettings.load().max_airings_per_day,
        allow_over_capacity=override,
    )


def refuse(broken: list[str]) -> None:
    """Raise the French message of the broken rules, if any."""
    if broken:
        raise BroadcastError(
            _("This airing cannot go there: %(rules)s.") % {"rules": rule_message(broken)}
        )


def over_capacity(brk: Break, length: int) -> bool:
    return brk.booked_seconds + length > brk.capacity
