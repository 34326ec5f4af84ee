"""The demo card reproduces BF1's published 2025 sheet (prices VAT included):
one airing in each band gives the published price to the franc."""

from __future__ import annotations

import pytest
from django.utils import timezone

from simulator.demo import BANDS, ensure_demo_rate_card
from simulator.models import Adjustment
from simulator.pricing import LineRequest, PricingError, QuoteRequest, price
from simulator.selectors import current_pricing_data

pytestmark = pytest.mark.django_db

PUBLISHED = {code: prices for code, _name, _start, _end, _prime, prices, _text in BANDS}


@pytest.fixture
def card_data(db):
    ensure_demo_rate_card()
    data = current_pricing_data()
    assert data is not None, "the demo card is valid today"
    return data


def one_airing(data, band: str, length: int, options=()) -> int:
    today = timezone.localdate()
    request = QuoteRequest(
        spot_length=length,
        start_date=today,
        end_date=today,
        lines=(LineRequest(band=band, airings=1),),
        options=tuple(options),
    )
    return price(data, request).total


def test_the_published_sheet_table_is_the_one_of_the_issue():
    assert PUBLISHED == {
        "matinee": (44_870, 49_855, 997),
        "mi-journee": (103_545, 115_050, 2_301),
        "apres-midi": (51_773, 57_525, 1_150),
        "avant-soiree": (69_030, 76_700, 1_534),
        "prime-time": (103_545, 115_050, 2_301),
        "fin-de-soiree": (69_030, 76_700, 1_534),
    }


@pytest.mark.parametrize("band", list(PUBLISHED))
def test_one_airing_gives_the_published_price_incl_vat(card_data, band):
    up_to_30, to_60, per_second = PUBLISHED[band]

    assert one_airing(card_data, band, 30) == up_to_30
    assert one_airing(card_data, band, 60) == to_60
    # Beyond 60 s, each second adds the published price per second, to the franc.
    assert one_airing(card_data, band, 120) == to_60 + 60 * per_second


def test_the_cultural_rate_in_the_morning_is_35_400(card_data):
    assert one_airing(card_data, "matinee", 30, ["tarif-culturel"]) == 35_400


def test_the_cultural_rate_applies_to_the_morning_band_only(card_data):
    cultural = Adjustment.objects.get(code="tarif-culturel")
    assert list(cultural.bands.values_list("code", flat=True)) == ["matinee"]
    with pytest.raises(PricingError) as caught:
        one_airing(card_data, "prime-time", 30, ["tarif-culturel"])
    assert caught.value.errors["options"] == [
        "L'option « Tarif culturel » ne s'applique qu'aux tranches suivantes : Matinée. "
        "Choisissez l'une d'elles ou retirez l'option."
    ]


def test_the_demo_card_is_created_once():
    first, created = ensure_demo_rate_card()
    again, created_again = ensure_demo_rate_card()

    assert created and not created_again
    assert again == first
