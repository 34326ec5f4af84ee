"""Reads of the simulator app, shared by the rate page, the simulator, the API,
the booking wizard and documents."""

from __future__ import annotations

import time
import uuid
from datetime import date

from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Prefetch
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone

from .models import Adjustment, Offer, RateCard, TimeBand, VolumeTier
from .pricing import Adjustment as AdjustmentData
from .pricing import Band, RateCardData, band_multiplier
from .pricing import VolumeTier as VolumeTierData

CACHE_SECONDS = 60
# The card valid on a day is remembered in the process for this long at most, so
# that a quote needs no database query. A change saved in this process, or in any
# process when the cache is shared (Redis), is seen at once: every saved or
# deleted row of a card, and every migrate or flush, changes the "generation".
CURRENT_CARD_SECONDS = 10
GENERATION_KEY = "simulator:card-generation"
_current: dict[date, tuple[str, float, RateCardData | None]] = {}


def card_generation() -> str | None:
    """A token that changes whenever a rate card or one of its rows changes;
    None when the cache cannot keep one (Redis down, see core.cache): then
    nothing is remembered and the card is read from the database."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def new_card_generation(**kwargs) -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def rate_card_changed(sender, using=None, **kwargs) -> None:
    """Signal receiver: what was remembered is stale at once (for requests that
    are in flight), and again once the change is committed (what was read
    between the two was the old card)."""
    new_card_generation()
    transaction.on_commit(new_card_generation, using=using)


for _model in (RateCard, TimeBand, Adjustment, VolumeTier):
    post_save.connect(rate_card_changed, sender=_model, dispatch_uid=f"simulator-{_model.__name__}")
    post_delete.connect(
        rate_card_changed, sender=_model, dispatch_uid=f"simulator-{_model.__name__}-del"
    )
m2m_changed.connect(
    rate_card_changed, sender=Adjustment.bands.through, dispatch_uid="simulator-adjustment-bands"
)
post_migrate.connect(  # migrate, and flush (which empties the tables without signals)
    new_card_generation, sender=apps.get_app_config("simulator"), dispatch_uid="simulator-migrate"
)


def current_rate_card(day: date | None = None) -> RateCard | None:
    """The published card valid on `day` (today in Ouagadougou by default)."""
    day = day or timezone.localdate()
    return RateCard.objects.valid_on(day).order_by("-valid_from", "-pk").first()


def rate_card_with_rows(card_id: int) -> RateCard:
    return (
        RateCard.objects.filter(pk=card_id)
        .prefetch_related(
            Prefetch("bands", queryset=TimeBand.objects.order_by("sort_order", "start_time", "pk")),
            Prefetch(
                "adjustments",
                queryset=Adjustment.objects.order_by("sort_order", "pk").prefetch_related("bands"),
            ),
            Prefetch("volume_tiers", queryset=VolumeTier.objects.order_by("min_airings")),
            Prefetch("offers", queryset=Offer.objects.order_by("sort_order", "pk")),
        )
        .get()
    )


def to_pricing_data(card: RateCard) -> RateCardData:
    """Plain data for the pricing engine (expects the rows prefetched). Only the
    published options are in it: an option the commercial team has not
    confirmed is neither shown nor priced."""
    bands = tuple(
        Band(
            code=band.code,
            name=band.name,
            start=band.start_time,
            end=band.end_time,
            weekdays=band.weekday_set,
            price_up_to_30=band.price_up_to_30,
            price_31_to_60=band.price_31_to_60,
            price_per_extra_second=band.price_per_extra_second,
            prime=band.is_prime,
            active=band.is_active,
            teaching_text=band.teaching_text,
        )
        for band in card.bands.all()
    )
    adjustments = tuple(
        AdjustmentData(
            code=adjustment.code,
            name=adjustment.name,
            percent=adjustment.percent,
            fixed_unit_price=adjustment.fixed_unit_price,
            band_codes=frozenset(band.code for band in adjustment.bands.all()),
            on_request=adjustment.applies == Adjustment.Applies.ON_REQUEST,
            explanation=adjustment.explanation,
        )
        for adjustment in card.adjustments.all()
        if adjustment.published
    )
    tiers = tuple(
        VolumeTierData(min_airings=tier.min_airings, percent=tier.percent)
        for tier in card.volume_tiers.all()
    )
    return RateCardData(
        id=card.pk,
        name=card.name,
        valid_from=card.valid_from,
        valid_until=card.valid_until,
        vat_rate=card.vat_rate,
        bands=bands,
        adjustments=adjustments,
        volume_tiers=tiers,
    )


def pricing_data(card: RateCard) -> RateCardData:
    """The card as pricing data, cached for a minute per version of the card."""
    generation = card_generation()
    if generation is None:  # no cache to share it in: read it
        return to_pricing_data(rate_card_with_rows(card.pk))
    updated = card.updated_at.timestamp() if card.updated_at else 0
    key = f"simulator:card:{card.pk}:{updated}:{generation}"
    data = cache.get(key)
    if data is None:
        data = to_pricing_data(rate_card_with_rows(card.pk))
        cache.set(key, data, CACHE_SECONDS)
    return data


def current_pricing_data(day: date | None = None) -> RateCardData | None:
    """The pricing data of the card valid on `day` (today by default), or None.

    Outside a transaction, remembered in the process (see CURRENT_CARD_SECONDS):
    no query per quote. Inside one (a service, a test), read from the database,
    so that what the transaction changed is seen and nothing uncommitted is kept."""
    day = day or timezone.localdate()
    if connection.in_atomic_block:
        card = current_rate_card(day)
        return pricing_data(card) if card is not None else None
    generation = card_generation()  # before reading the card: a change in between reloads
    now = time.monotonic()
    remembered = _current.get(day)
    if remembered is not None and remembered[0] == generation and remembered[1] > now:
        return remembered[2]
    card = current_rate_card(day)
    data = pricing_data(card) if card is not None else None
    if generation is None:  # a change could not be announced: remember nothing
        return data
    if len(_current) > 16:
        _current.clear()
    _current[day] = (generation, now + CURRENT_CARD_SECONDS, data)
    return data


def remembered_pricing_data(day: date | None = None) -> RateCardData | None:
    """What `current_pricing_data` remembered for `day`, if still fresh; None
    otherwise (then call `current_pricing_data`). Makes no database query, so
    async views may call it directly."""
    day = day or timezone.localdate()
    remembered = _current.get(day)
    if remembered is None or remembered[1] <= time.monotonic():
        return None
    generation = card_generation()
    if generation is None or remembered[0] != generation:
        return None
    return remembered[2]


def rate_card_payload(card: RateCard) -> dict:
    """The public description of a card (API and simulator)."""
    data = pricing_data(card)
    return {
        "id": card.pk,
        "name": card.name,
        "valid_from": card.valid_from.isoformat(),
        "valid_until": card.valid_until.isoformat() if card.valid_until else None,
        "currency": "XOF",
        "vat_rate": float(card.vat_rate),
        "spot_length": {"min": 5, "max": 120, "tiers": [30, 60]},
        "bands": [
            {
                "code": band.code,
                "name": band.name,
                "start": band.start.strftime("%H:%M"),
                "end": band.end.strftime("%H:%M"),
                "weekdays": sorted(band.weekdays),
                "prime": band.prime,
                "multiplier": float(band_multiplier(data, band)),
                "teaching_text": band.teaching_text,
                "prices": {  # as published (VAT included) and derived (excl. VAT)
                    "up_to_30": data.excl_vat(band.price_up_to_30),
                    "from_31_to_60": data.excl_vat(band.price_31_to_60),
                    "per_extra_second": data.excl_vat(band.price_per_extra_second),
                    "up_to_30_incl_vat": band.price_up_to_30,
                    "from_31_to_60_incl_vat": band.price_31_to_60,
                    "per_extra_second_incl_vat": band.price_per_extra_second,
                },
            }
            for band in data.bands
            if band.active
        ],
        "adjustments": [
            {
                "code": adjustment.code,
                "name": adjustment.name,
                "percent": float(adjustment.percent),
                "fixed_unit_price": (
                    None
                    if adjustment.fixed_unit_price is None
                    else data.excl_vat(adjustment.fixed_unit_price)
                ),
                "fixed_unit_price_incl_vat": adjustment.fixed_unit_price,
                "bands": sorted(adjustment.band_codes),
                "on_request": adjustment.on_request,
                "explanation": adjustment.explanation,
            }
            for adjustment in data.adjustments
        ],
        "volume_tiers": [
            {"min_airings": tier.min_airings, "percent": float(tier.percent)}
            for tier in data.volume_tiers
        ],
    }
