"""Proof of airing: broadcasters confirm what aired or was missed; a missed airing
is offered a make-good; confirmations can be undone for a short while."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_administrator
from accounts.roles import Role, has_role
from core import clock as broadcast_day
from simulator.models import TimeBand
from simulator.selectors import current_rate_card

from .. import scheduling
from ..exceptions import BroadcastError
from ..models import Airing, AiringEvent, Break, BreakStatus, BroadcastSettings
from ..models.airing import BOOKED_STATUSES, AiringStatus, UnplacedItem, UnplacedReason
from .campaign_status import refresh_campaign_status
from .notices import notify_confirmed, notify_missed
from .running_order import break_states, lock_breaks


def _check_broadcaster(user) -> None:
    if not (has_role(user, Role.BROADCASTER) or is_administrator(user)):
        raise BroadcastError(_("Only the broadcasting team can confirm airings."))


def _locked_airing(airing: Airing) -> Airing:
    try:
        return (
            Airing.objects.select_for_update()
            .select_related("break_slot", "campaign")
            .get(pk=airing.pk)
        )
    except Airing.DoesNotExist as exc:
        raise BroadcastError(_("This airing does not exist.")) from exc


def _check_today(airing: Airing) -> None:
    if airing.break_slot.day != broadcast_day.today():
        raise BroadcastError(
            _(
                "Only the airings of today's running order can be confirmed "
                "(this one is on %(day)s)."
            )
            % {"day": airing.break_slot.day.strftime("%d/%m/%Y")}
        )


def _check_started(airing: Airing) -> None:
    """A spot is known missed only once its break has started (the same rule as
    confirming it aired)."""
    if airing.break_slot.starts_at > timezone.now():
        raise BroadcastError(
            _("This break has not started yet: mark the spot missed once the break has started.")
        )


@transaction.atomic
def confirm_aired(*, airing: Airing, actor) -> Airing:
    _check_broadcaster(actor)
    airing = _locked_airing(airing)
    if airing.status != AiringStatus.PLANNED:
        raise BroadcastError(_("This airing is already confirmed."))
    _check_today(airing)
    if airing.break_slot.starts_at > timezone.now():
        raise BroadcastError(_("This break has not started yet: confirm it once it has aired."))
    if not airing.break_slot.is_open:
        raise BroadcastError(_("This break is cancelled."))
    airing.status = AiringStatus.AIRED
    airing.confirmed_by = actor
    airing.confirmed_at = timezone.now()
    airing.save(update_fields=["status", "confirmed_by", "confirmed_at", "updated_at"])
    AiringEvent.objects.create(
        campaign=airing.campaign, airing=airing, action=AiringEvent.Action.AIRED, actor=actor
    )
    refresh_campaign_status(airing.campaign)
    notify_confirmed([airing])
    return airing


def band_ranks() -> dict[str, int]:
    """Bands ranked by their 30 s price on today's card: a make-good goes to the
    same band or a dearer one."""
    card = current_rate_card()
    if card is None:
        return {}
    return dict(TimeBand.objects.filter(rate_card=card).values_list("code", "price_up_to_30"))


def offer_make_good(missed: Airing, *, actor=None) -> Airing | None:
    """Create the make-good of a missed airing in the best break found (same or
    better band within the window); None (and an item on the unplaced list) when
    there is none."""
    settings_row = BroadcastSettings.load()
    now = timezone.now()
    ranks = band_ranks()
    floor = ranks.get(missed.band_code, 0)
    bands = [code for code, rank in ranks.items() if rank >= floor] or [missed.band_code]
    campaign = missed.campaign
    last_day = missed.break_slot.day + dt.timedelta(days=settings_row.make_good_days)
    breaks = lock_breaks(
        Break.objects.filter(
            band_code__in=bands,
            day__gte=missed.break_slot.day,
            day__lte=last_day,
            status=BreakStatus.OPEN,
            # never the missed break itself nor one before it, and only breaks to come
            starts_at__gt=max(now, missed.break_slot.starts_at),
        ).exclude(pk=missed.break_slot_id)
    )
    states = break_states(breaks)
    per_day = {}
    for day in Airing.objects.filter(campaign=campaign, status__in=BOOKED_STATUSES).values_list(
        "break_slot__day", flat=True
    ):
        per_day[day] = per_day.get(day, 0) + 1
    found = scheduling.find_make_good(
        advertiser_id=missed.advertiser_id,
        sector_id=missed.sector_id,
        length=missed.length,
        band=missed.band_code,
        missed_day=missed.break_slot.day,
        missed_minute=broadcast_day.minute_of(missed.break_slot.starts_at),
        window_days=settings_row.make_good_days,
        band_rank=ranks,
        breaks=list(states.values()),
        max_per_day=settings_row.max_airings_per_day,
        per_day=per_day,
    )
    if found is None:
        UnplacedItem.objects.create(
            campaign=campaign,
            band_code=missed.band_code,
            reason=UnplacedReason.MISSED,
            unit_price=missed.unit_price,
            source_airing=missed,
        )
        return None
    brk = next(b for b in breaks if b.pk == found.id)
    make_good = Airing.objects.create(
        break_slot=brk,
        position=states[brk.pk].count + 1,
        campaign=campaign,
        spot=missed.spot,
        advertiser_id=missed.advertiser_id,
        sector_id=missed.sector_id,
        band_code=brk.band_code,
        length=missed.length,
        unit_price=missed.unit_price,
        make_good_of=missed,
    )
    brk.booked_seconds += missed.length
    brk.save(update_fields=["booked_seconds"])
    AiringEvent.objects.create(
        campaign=campaign,
        airing=make_good,
        action=AiringEvent.Action.MAKE_GOOD,
        actor=actor,
        data={"missed": missed.pk, "break": brk.pk},
    )
    return make_good


@transaction.atomic
def mark_missed(*, airing: Airing, actor, reason: str, any_day: bool = False) -> Airing:
    """`any_day`: an airing of another day than today (the as-run review)."""
    _check_broadcaster(actor)
    reason = (reason or "").strip()
    if not reason:
        raise BroadcastError(
            _("Say why the spot did not air."), {"reason": [_("Give the reason.")]}
        )
    airing = _locked_airing(airing)
    if airing.status != AiringStatus.PLANNED:
        raise BroadcastError(_("This airing is already confirmed."))
    if not any_day:
        _check_today(airing)
    _check_started(airing)
    brk = lock_breaks(Break.objects.filter(pk=airing.break_slot_id))[0]
    brk.booked_seconds = max(brk.booked_seconds - airing.length, 0)
    brk.save(update_fields=["booked_seconds"])
    airing.status = AiringStatus.MISSED
    airing.missed_reason = reason[:300]
    airing.confirmed_by = actor
    airing.confirmed_at = timezone.now()
    airing.save(
        update_fields=["status", "missed_reason", "confirmed_by", "confirmed_at", "updated_at"]
    )
    AiringEvent.objects.create(
        campaign=airing.campaign,
        airing=airing,
        action=AiringEvent.Action.MISSED,
        actor=actor,
        note=reason,
    )
    make_good = offer_make_good(airing, actor=None)
    notify_missed(airing, make_good)
    return airing


@transaction.atomic
def confirm_break(*, brk: Break, actor) -> list[Airing]:
    """Confirm every planned airing of a break as aired."""
    _check_broadcaster(actor)
    airings = list(
        Airing.objects.filter(break_slot=brk, status=AiringStatus.PLANNED).order_by("position")
    )
    if not airings:
        raise BroadcastError(_("Nothing left to confirm in this break."))
    return [confirm_aired(airing=airing, actor=actor) for airing in airings]


@transaction.atomic
def undo_confirmation(*, airing: Airing, actor, reason: str = "") -> Airing:
    """Back to planned: by the broadcaster who confirmed, within the undo window;
    afterwards only by an administrator, with a reason (logged)."""
    airing = _locked_airing(airing)
    if airing.status not in (AiringStatus.AIRED, AiringStatus.MISSED):
        raise BroadcastError(_("This airing is not confirmed."))
    reason = (reason or "").strip()
    window = dt.timedelta(minutes=BroadcastSettings.load().undo_minutes)
    own_and_recent = (
        airing.confirmed_by_id == getattr(actor, "pk", None)
        and airing.confirmed_at is not None
        and timezone.now() - airing.confirmed_at <= window
    )
    if not own_and_recent:
        if not is_administrator(actor):
            raise BroadcastError(
                _(
                    "The confirmation can be undone only by the person who made it, within "
                    "%(minutes)s minutes. Ask an administrator."
                )
                % {"minutes": int(window.total_seconds() // 60)}
            )
        if not reason:
            raise BroadcastError(
                _("Give the reason for undoing this confirmation."),
                {"reason": [_("Give the reason.")]},
            )
    previous = airing.status
    brk = lock_breaks(Break.objects.filter(pk=airing.break_slot_id))[0]
    if previous == AiringStatus.MISSED:
        make_good = Airing.objects.select_for_update().filter(make_good_of=airing).first()
        if make_good is not None and make_good.status == AiringStatus.AIRED:
            raise BroadcastError(_("The make-good of this airing has already aired."))
        if make_good is not None:
            mg_break = lock_breaks(Break.objects.filter(pk=make_good.break_slot_id))[0]
            if make_good.status == AiringStatus.PLANNED:
                mg_break.booked_seconds = max(mg_break.booked_seconds - make_good.length, 0)
                mg_break.save(update_fields=["booked_seconds"])
            make_good.status = AiringStatus.CANCELLED
            make_good.make_good_of = None
            make_good.save(update_fields=["status", "make_good_of", "updated_at"])
        UnplacedItem.objects.filter(source_airing=airing, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=actor, resolution="undone"
        )
        brk.booked_seconds += airing.length
        brk.save(update_fields=["booked_seconds"])
    airing.status = AiringStatus.PLANNED
    airing.confirmed_by = None
    airing.confirmed_at = None
    airing.confirmed_by_import = None
    airing.missed_reason = ""
    airing.save(
        update_fields=[
            "status",
            "confirmed_by",
            "confirmed_at",
            "confirmed_by_import",
            "missed_reason",
            "updated_at",
        ]
    )
    AiringEvent.objects.create(
        campaign=airing.campaign,
        airing=airing,
        action=AiringEvent.Action.UNDONE,
        actor=actor,
        note=reason,
        data={"was": previous, "late": not own_and_recent},
    )
    notify_confirmed([airing])
    return airing


@transaction.atomic
def accept_make_good(*, airing: Airing, actor) -> Airing:
    if not is_administrator(actor):
        raise BroadcastError(_("Only the commercial team can accept a make-good."))
    airing = _locked_airing(airing)
    if airing.make_good_of_id is None:
        raise BroadcastError(_("This airing is not a make-good."))
    if airing.make_good_accepted:
        raise BroadcastError(_("This make-good is already accepted."))
    airing.make_good_accepted = True
    airing.save(update_fields=["make_good_accepted", "updated_at"])
    AiringEvent.objects.create(
        campaign=airing.campaign,
        airing=airing,
        action=AiringEvent.Action.MAKE_GOOD_ACCEPTED,
        actor=actor,
    )
    return airing
