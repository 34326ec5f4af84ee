"""The simulator's factories make rate cards that pass the admin's validation
and price quotes through the engine the way the live card does."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.roles import Role, has_role
from simulator import selectors, services
from simulator.models import Adjustment, QuoteRequest
from simulator.pricing import LineRequest, PricingError, price
from simulator.pricing import QuoteRequest as PricingRequest

from .factories import (
    AdjustmentFactory,
    OfferFactory,
    QuoteRequestFactory,
    RateCardFactory,
    TimeBandFactory,
    VolumeTierFactory,
)

pytestmark = pytest.mark.django_db


def quote(card, lines, *, length=30, options=(), days=14):
    start = timezone.localdate() + timedelta(days=7)
    return price(
        selectors.pricing_data(card),
        PricingRequest(
            spot_length=length,
            start_date=start,
            end_date=start + timedelta(days=days - 1),
            lines=tuple(LineRequest(band=code, airings=n) for code, n in lines),
            options=tuple(options),
        ),
    )


# --- Rate card ----------------------------------------------------------------------


def test_a_card_covers_this_year_and_passes_the_admin_validation():
    card = RateCardFactory()
    card.full_clean()
    today = timezone.localdate()
    assert card.valid_from <= today <= card.valid_until
    assert card.vat_rate == Decimal("18.00")
    assert not card.published
    assert not card.bands.exists()


def test_an_unpublished_card_prices_nothing_a_published_one_is_the_current_card():
    RateCardFactory(complete=True)
    assert selectors.current_rate_card() is None
    card = RateCardFactory(complete=True, published=True, open_ended=True)
    card.full_clean()
    assert card.valid_until is None
    assert selectors.current_rate_card() == card


def test_two_published_cards_of_the_same_year_are_refused_by_the_admin():
    RateCardFactory(published=True)
    second = RateCardFactory.build(published=True)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "published" in error.value.message_dict


def test_a_complete_card_holds_the_2025_bands_options_and_tiers():
    card = RateCardFactory(complete=True, published=True)
    for row in [*card.bands.all(), *card.adjustments.all(), *card.volume_tiers.all()]:
        row.full_clean()
    assert list(card.bands.values_list("code", flat=True)) == [
        "matinee",
        "prime-time",
        "fin-de-soiree",
    ]
    cultural = card.adjustments.get(code="tarif-culturel")
    assert [band.code for band in cultural.bands.all()] == ["matinee"]
    assert list(card.volume_tiers.values_list("min_airings", flat=True)) == [10, 30, 60]


def test_a_complete_card_prices_ten_prime_time_airings_with_discount_and_vat():
    card = RateCardFactory(complete=True, published=True)

    result = quote(card, [("prime-time", 10)])

    line = result.lines[0]
    assert line.unit_price == 87_750
    assert result.subtotal == 877_500
    assert result.discount_percent == Decimal("5") and result.discount == 43_875
    assert result.vat == 150_052  # 983 677 incl. VAT − 833 625 excl. VAT
    assert result.total == 983_677  # 10 × 103 545 − 5 % (51 772.5, half up)
    assert result.rate_card_id == card.pk
    # The engine names every factor: the reference band is the matinée, the cheapest.
    band_factor = next(f for f in line.factors if f.code == "band")
    assert band_factor.value == "× 2,31"


def test_the_options_of_a_complete_card_change_the_unit_price():
    card = RateCardFactory(complete=True, published=True)

    fixed = quote(card, [("prime-time", 2)], options=["position-fixe"])
    cultural = quote(card, [("matinee", 2), ("prime-time", 2)], options=["tarif-culturel"])

    assert fixed.lines[0].unit_price == 105_300  # 87 750 + 20 %
    prices = {line.band: line.unit_price for line in cultural.lines}
    assert prices == {"matinee": 30_000, "prime-time": 87_750}  # matinée only


def test_a_long_spot_pays_the_seconds_beyond_60():
    card = RateCardFactory(complete=True, published=True)
    result = quote(card, [("fin-de-soiree", 1)], length=75)
    assert result.lines[0].unit_price == 65_000 + 15 * 1_300


# --- Bands ----------------------------------------------------------------------------


def test_each_band_trait_is_valid_and_the_late_band_crosses_midnight():
    card = RateCardFactory()
    bands = [
        TimeBandFactory(rate_card=card),
        TimeBandFactory(rate_card=card, morning=True),
        TimeBandFactory(rate_card=card, prime=True),
        TimeBandFactory(rate_card=card, late=True),
        TimeBandFactory(rate_card=card, weekend=True),
        TimeBandFactory(rate_card=card, withdrawn=True),
    ]
    for band in bands:
        band.full_clean()
        assert band.price_31_to_60 >= band.price_up_to_30
    data = selectors.pricing_data(card)
    assert data.band("fin-de-soiree").crosses_midnight
    assert data.band("prime-time").prime


def test_a_weekend_band_cannot_be_booked_on_weekdays_only():
    card = RateCardFactory(published=True)
    band = TimeBandFactory(rate_card=card, weekend=True)
    monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    request = PricingRequest(
        spot_length=30,
        start_date=monday,
        end_date=monday + timedelta(days=4),
        lines=(LineRequest(band=band.code, airings=2),),
    )
    with pytest.raises(PricingError) as error:
        price(selectors.pricing_data(card), request)
    assert "bands.0" in error.value.errors


def test_a_withdrawn_band_is_not_offered_to_visitors():
    card = RateCardFactory(published=True)
    TimeBandFactory(rate_card=card, prime=True)
    TimeBandFactory(rate_card=card, withdrawn=True, code="ancienne-tranche")
    payload = selectors.rate_card_payload(card)
    assert [band["code"] for band in payload["bands"]] == ["prime-time"]


# --- Adjustments, tiers, offers ---------------------------------------------------------


@pytest.mark.parametrize("trait", [None, "cultural", "reduction"])
def test_each_adjustment_gives_a_percentage_or_a_fixed_price(trait):
    adjustment = AdjustmentFactory(**({trait: True} if trait else {}))
    adjustment.full_clean()
    has_percent = adjustment.percent != 0
    assert has_percent != (adjustment.fixed_unit_price is not None)


def test_a_reduction_lowers_the_price_of_its_bands_only():
    card = RateCardFactory(published=True)
    prime = TimeBandFactory(rate_card=card, prime=True)
    TimeBandFactory(rate_card=card, morning=True)
    AdjustmentFactory(rate_card=card, reduction=True, bands=[prime])

    result = quote(card, [("prime-time", 1), ("matinee", 1)], options=["remise-ong"])

    prices = {line.band: line.unit_price_incl_vat for line in result.lines}
    assert prices == {"prime-time": 88_013, "matinee": 44_870}  # 103 545 − 15 %, rounded


def test_an_adjustment_for_a_category_is_not_a_public_option():
    adjustment = AdjustmentFactory(cultural=True)
    assert adjustment.applies == Adjustment.Applies.CATEGORY
    data = selectors.pricing_data(adjustment.rate_card)
    assert not data.adjustment("tarif-culturel").on_request


def test_volume_tiers_follow_each_other_on_one_card():
    card = RateCardFactory()
    tiers = VolumeTierFactory.create_batch(3, rate_card=card)
    for tier in tiers:
        tier.full_clean()
    minimums = [tier.min_airings for tier in tiers]
    assert minimums == sorted(set(minimums)) and minimums[0] >= 2


def test_an_offer_has_a_price_or_is_on_quote():
    offer = OfferFactory()
    on_quote = OfferFactory(on_quote=True, rate_card=offer.rate_card)
    for item in (offer, on_quote):
        item.full_clean()
    assert not offer.on_quote and offer.price > 0
    assert on_quote.on_quote and on_quote.price is None


# --- Quote requests ------------------------------------------------------------------


def test_a_quote_request_names_its_offer_and_gets_a_reference():
    request = QuoteRequestFactory()
    request.full_clean()
    assert request.status == QuoteRequest.Status.NEW
    assert request.offer_name == request.offer.name
    assert request.reference == f"DV-{request.pk}"
    assert request in request.offer.quote_requests.all()


def test_a_handled_quote_request_cannot_be_handled_twice():
    request = QuoteRequestFactory(handled=True)
    request.full_clean()
    assert has_role(request.handled_by, Role.ADMINISTRATOR)
    assert request.handled_at <= timezone.now()
    with pytest.raises(services.SimulatorError):
        services.mark_quote_request_handled(quote_request=request, user=request.handled_by)


def test_a_quote_request_from_a_client_carries_their_account():
    request = QuoteRequestFactory(from_client=True)
    request.full_clean()
    assert request.user.advertiser.name == request.company
    assert request.email == request.user.email
    assert request in request.user.quote_requests.all()
