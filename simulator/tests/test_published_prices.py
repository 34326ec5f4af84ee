"""Money matches the published sheet exactly (issue 13): the card holds the prices
as BF1 publishes them (VAT included), the rate page and its PDF show them to the
franc, an example option stays off them until confirmed, and the migration that
converted the former cards (excl. VAT) left every frozen quote as it was."""

from __future__ import annotations

import importlib
import json
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache
from django.urls import reverse
from reportlab import rl_config

from campaigns.models import Status
from campaigns.quote_pdf import render_quote_pdf
from campaigns.tests.factories import CampaignFactory
from home.models import HomePage
from simulator import demo, selectors
from simulator.demo import ensure_demo_rate_card
from simulator.models import Adjustment, Offer, RateCardPage, TimeBand
from simulator.pricing import LineRequest, QuoteRequest, fcfa, price

pytestmark = pytest.mark.django_db

conversion = importlib.import_module("simulator.migrations.0003_prices_incl_vat")
PUBLISHED = {code: prices for code, _name, _start, _end, _prime, prices, _text in demo.BANDS}
OFFERS = {code: price for code, _cat, _name, _unit, _qty, price in demo.OFFERS}
# What the former card (whole francs excl. VAT) showed instead of the sheet.
FORMERLY_WRONG = {199_999: 200_000, 599_999: 600_000, 1_499_999: 1_500_000, 1_149: 1_150}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def card(db):
    return ensure_demo_rate_card()[0]


@pytest.fixture
def rate_page():
    page = HomePage.objects.first().add_child(instance=RateCardPage(title="Tarifs", slug="tarifs"))
    page.save_revision().publish()
    return page


@pytest.fixture
def uncompressed(monkeypatch):
    monkeypatch.setattr(rl_config, "pageCompression", 0)


def one_quote(band: str, length: int, airings: int = 1, options=()):
    day = date(2026, 11, 18)
    request = QuoteRequest(length, day, day, (LineRequest(band, airings),), tuple(options))
    return price(selectors.current_pricing_data(), request)


def published(band: str, length: int) -> int:
    up_to_30, to_60, per_second = PUBLISHED[band]
    return up_to_30 if length <= 30 else to_60 + max(0, length - 60) * per_second


# --- The card holds the sheet -------------------------------------------------------


def test_the_demo_card_stores_the_published_prices_incl_vat(card):
    for band in TimeBand.objects.filter(rate_card=card):
        stored = (band.price_up_to_30, band.price_31_to_60, band.price_per_extra_second)
        assert stored == PUBLISHED[band.code]
    for offer in Offer.objects.filter(rate_card=card):
        assert offer.price == OFFERS[offer.code]
    assert Adjustment.objects.get(rate_card=card, code="tarif-culturel").fixed_unit_price == 35_400


def test_the_cases_measured_in_the_issue_give_the_sheet(card):
    # Formerly 126 484 (−41), 109 681 (+6), and −2 081 over 61 airings.
    assert one_quote("apres-midi", 120).total == 126_525
    assert one_quote("matinee", 120).total == 109_675
    many = one_quote("apres-midi", 120, airings=61)
    assert many.lines[0].amount_incl_vat == many.subtotal_incl_vat == 61 * 126_525
    assert many.total == many.subtotal - many.discount + many.vat
    # 15 % off from 60 airings, taken on the amount incl. VAT, half up.
    assert many.total == 61 * 126_525 - round(Decimal(61 * 126_525) * Decimal("0.15"))


@pytest.mark.parametrize("band", sorted(PUBLISHED))
def test_every_length_in_every_band_costs_the_sheet_on_the_database_card(card, band):
    for length in range(5, 121):
        assert one_quote(band, length).total == published(band, length), (band, length)


# --- The rate page and its PDF show the sheet ---------------------------------------


def test_the_rate_page_shows_every_published_price_to_the_franc(client, card, rate_page):
    html = client.get(rate_page.url).content.decode()

    for band, prices in PUBLISHED.items():
        row = re.search(rf'<tr data-band="{band}".*?</tr>', html, re.S).group(0)
        shown = [int(value) for value in re.findall(r'data-incl-vat="(\d+)"', row)]
        assert shown == list(prices), band
    for code, amount in OFFERS.items():
        block = re.search(rf'data-offer="{code}".*?</li>', html, re.S).group(0)
        if amount is not None:
            assert f'data-incl-vat="{amount}"' in block, code
            assert fcfa(amount) in block
    for wrong in FORMERLY_WRONG:
        assert fcfa(wrong) not in html
    for right in FORMERLY_WRONG.values():
        assert fcfa(right) in html


def test_the_pdf_shows_every_published_price_to_the_franc(client, card, rate_page, uncompressed):
    content = client.get(rate_page.url + "grille-pdf/").content

    for wrong, right in FORMERLY_WRONG.items():
        assert f"{wrong:,}".replace(",", " ").encode() not in content, wrong
        assert f"{right:,}".replace(",", " ").encode() in content, right


# --- Options the commercial team has not confirmed ----------------------------------


def test_the_example_surcharge_is_neither_shown_nor_priced(client, card, rate_page, uncompressed):
    assert not Adjustment.objects.get(rate_card=card, code="position-fixe").published

    html = client.get(rate_page.url).content.decode()
    pdf = client.get(rate_page.url + "grille-pdf/").content
    card_api = client.get(reverse("simulator:api_rate_card")).json()
    response = client.post(
        reverse("simulator:api_quote"),
        data=json.dumps(
            {
                "spot_length": 30,
                "start_date": "2026-12-01",
                "end_date": "2026-12-14",
                "bands": [{"band": "prime-time", "airings": 1}],
                "options": ["position-fixe"],
            }
        ),
        content_type="application/json",
    )

    assert 'data-adjustment="position-fixe"' not in html
    assert "Position fixe" not in html
    assert b"Position fixe" not in pdf and b"+ 20 %" not in pdf
    assert [a["code"] for a in card_api["adjustments"]] == ["tarif-culturel"]
    assert response.status_code == 400
    assert "position-fixe" in response.json()["errors"]["options"][0]


def test_once_confirmed_the_surcharge_is_shown_and_priced(client, card, rate_page, uncompressed):
    fixed = Adjustment.objects.get(rate_card=card, code="position-fixe")
    fixed.published = True
    fixed.save()

    html = client.get(rate_page.url).content.decode()
    pdf = client.get(rate_page.url + "grille-pdf/").content

    assert 'data-adjustment="position-fixe"' in html
    assert b"Position fixe" in pdf
    quote = one_quote("prime-time", 30, options=["position-fixe"])
    assert quote.total == 124_254  # 103 545 + 20 %


# --- The migration from prices excl. VAT --------------------------------------------


def test_the_conversion_gives_back_every_published_price():
    rate = Decimal("18")
    sheet = [p for prices in PUBLISHED.values() for p in prices]
    sheet += [p for p in OFFERS.values() if p is not None] + [35_400]
    for amount in sheet:
        stored = conversion._stored_excl(amount, rate)  # what the former card held
        assert conversion.published_price(stored, rate) == amount, amount
    # The four prices the former card showed 1 franc short.
    assert conversion.published_price(169_491, rate) == 200_000
    assert conversion.published_price(974, rate) == 1_150
    # Any other amount: the price incl. VAT the page used to show.
    assert conversion.published_price(38_025, rate) == 44_870
    assert conversion.published_price(1, rate) == 1
    assert conversion.published_price(0, rate) == 0
    assert conversion.published_price(None, rate) is None
    for excl in range(1, 3000):
        incl = conversion.published_price(excl, rate)
        assert conversion._stored_excl(incl, rate) == excl
        assert abs(incl - conversion._incl(excl, rate)) <= 1


def test_the_migration_converts_the_card_and_leaves_frozen_quotes_alone(card, uncompressed):
    # The card as it was before the migration: whole francs excl. VAT.
    conversion.to_excl_vat(django_apps, None)
    Adjustment.objects.filter(rate_card=card).update(published=False)
    assert TimeBand.objects.get(rate_card=card, code="matinee").price_up_to_30 == 38_025
    # A campaign submitted then: its quote was frozen by the former engine.
    frozen = {
        "rate_card": {"id": card.pk, "name": card.name},
        "currency": "XOF",
        "spot_length": 30,
        "start_date": (date(2026, 11, 25)).isoformat(),
        "end_date": (date(2026, 11, 25) + timedelta(days=13)).isoformat(),
        "options": [],
        "lines": [
            {
                "band": "matinee",
                "label": "Matinée",
                "hours": "06:00–11:00",
                "airings": 3,
                "unit_price": 38_025,
                "amount": 114_075,
                "factors": [],
            }
        ],
        "airings": 3,
        "subtotal": 114_075,
        "discount": {"percent": 0.0, "min_airings": None, "amount": 0},
        "total_excl_vat": 114_075,
        "vat": {"rate": 18.0, "amount": 20_534},
        "total": 134_609,
    }
    campaign = CampaignFactory(lines=[("matinee", 3)], status=Status.SUBMITTED)
    campaign.quote = frozen
    campaign.quote_subtotal, campaign.quote_discount = 114_075, 0
    campaign.quote_vat, campaign.quote_total = 20_534, 134_609
    campaign.save()
    pdf_before = render_quote_pdf(campaign, campaign.quote, frozen=True, compress=False)

    conversion.to_incl_vat(django_apps, None)

    # The card now holds the sheet; the example option awaits confirmation.
    band = TimeBand.objects.get(rate_card=card, code="apres-midi")
    assert (band.price_31_to_60, band.price_per_extra_second) == (57_525, 1_150)
    assert Offer.objects.get(rate_card=card, code="petite-annonce-semaine").price == 200_000
    published_options = dict(
        Adjustment.objects.filter(rate_card=card).values_list("code", "published")
    )
    assert published_options == {"position-fixe": False, "tarif-culturel": True}
    # The frozen quote and its PDF figures did not move.
    campaign.refresh_from_db()
    assert campaign.quote == frozen
    assert (campaign.quote_subtotal, campaign.quote_vat, campaign.quote_total) == (
        114_075,
        20_534,
        134_609,
    )
    pdf_after = render_quote_pdf(campaign, campaign.quote, frozen=True, compress=False)
    for figure in (b"38 025", b"114 075", b"20 534", b"134 609"):
        assert figure in pdf_before and figure in pdf_after, figure
