"""One request, the same francs everywhere: the simulator page (priced by the
server, as without JavaScript), the quote API and the pricing engine agree, and
the rate page shows the unit prices the API quotes."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse

from home.models import HomePage
from simulator import selectors
from simulator.demo import ensure_demo_rate_card
from simulator.models import Adjustment, RateCardPage
from simulator.pricing import LineRequest, QuoteRequest, fcfa, price

from .simulator_pages import make_simulator_page

pytestmark = pytest.mark.django_db

BANDS = ["matinee", "mi-journee", "apres-midi", "avant-soiree", "prime-time", "fin-de-soiree"]
REQUESTS = [
    # (spot length, [(band, airings)], options)
    (30, [("prime-time", 10)], []),
    (45, [("prime-time", 10)], []),
    (5, [("matinee", 1)], []),
    (60, [("mi-journee", 29), ("apres-midi", 1)], []),
    (61, [("avant-soiree", 3)], ["position-fixe"]),
    (120, [("fin-de-soiree", 40), ("prime-time", 25)], ["position-fixe"]),
    (20, [("matinee", 12), ("apres-midi", 3)], ["tarif-culturel"]),
    (90, [("matinee", 1000)], ["tarif-culturel", "position-fixe"]),
]
START, END = date(2026, 12, 1), date(2026, 12, 14)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def card(db):
    card = ensure_demo_rate_card()[0]
    # The commercial team confirms the example surcharge, to cover a percentage.
    fixed = Adjustment.objects.get(rate_card=card, code="position-fixe")
    fixed.published = True
    fixed.save()
    return card


def api_quote(client, payload) -> dict:
    response = client.post(
        reverse("simulator:api_quote"), data=json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def shown_amount(element) -> int:
    """The francs a visitor reads in an element: “103 545 FCFA” -> 103545."""
    match = re.search(r"\d[\d\s\u202f\u00a0]*", element.get_text())
    assert match, f"no amount in {element}"
    return int(re.sub(r"\D", "", match.group(0)))


@pytest.mark.parametrize(("length", "lines", "options"), REQUESTS)
def test_page_api_and_engine_give_the_same_quote(client, card, length, lines, options):
    make_simulator_page()
    payload = {
        "spot_length": length,
        "start_date": START.isoformat(),
        "end_date": END.isoformat(),
        "bands": [{"band": band, "airings": airings} for band, airings in lines],
        "options": options,
    }
    engine = price(
        selectors.current_pricing_data(),
        QuoteRequest(
            spot_length=length,
            start_date=START,
            end_date=END,
            lines=tuple(LineRequest(band=band, airings=airings) for band, airings in lines),
            options=tuple(options),
        ),
    )
    api = api_quote(client, payload)
    query = {
        "spot_length": length,
        "start_date": START.isoformat(),
        "end_date": END.isoformat(),
        "bands": ",".join(f"{band}:{airings}" for band, airings in lines),
        "options": ",".join(options),
    }
    response = client.get("/simulateur/", query)
    html = BeautifulSoup(response.content.decode(), "html.parser")
    result = html.select_one("[data-sim=server-result]")

    assert api == engine.as_dict()
    assert response.context["calculator"]["quote"]["total"] == engine.total
    assert shown_amount(result.select_one("[data-sim=total]")) == engine.total
    assert shown_amount(result.select_one("[data-sim=subtotal]")) == engine.subtotal
    assert shown_amount(result.select_one("[data-sim=vat]")) == engine.vat
    shown_units = [shown_amount(el) for el in result.select("[data-sim=unit-price]")]
    assert shown_units == [line.unit_price_incl_vat for line in engine.lines]
    shown_lines = [shown_amount(el) for el in result.select("[data-sim=line-amount]")]
    assert shown_lines == [line.amount_incl_vat for line in engine.lines]
    # The chart's bar for a one-band campaign is that campaign's own total.
    if len(lines) == 1:
        bar = result.select_one(f"[data-compare={lines[0][0]}] [data-sim=compare-total]")
        assert shown_amount(bar) == engine.total


def unit_prices_from_the_api(client, band: str) -> dict[str, int]:
    """Incl. VAT: one airing of 30 s and of 60 s, and what each second beyond
    60 s adds, as the quote API prices them."""

    def unit(length: int) -> int:
        quote = api_quote(
            client,
            {
                "spot_length": length,
                "start_date": START.isoformat(),
                "end_date": START.isoformat(),
                "bands": [{"band": band, "airings": 1}],
            },
        )
        return quote["lines"][0]["unit_price_incl_vat"]

    return {
        "up_to_30": unit(30),
        "from_31_to_60": unit(60),
        "per_extra_second": unit(61) - unit(60),
    }


def test_rate_card_api_prices_are_the_quoted_unit_prices(client, card):
    card_api = client.get(reverse("simulator:api_rate_card")).json()
    excl_vat = selectors.current_pricing_data().excl_vat

    for band in card_api["bands"]:
        quoted = unit_prices_from_the_api(client, band["code"])
        for tier, incl_vat in quoted.items():
            assert band["prices"][f"{tier}_incl_vat"] == incl_vat, (band["code"], tier)
            assert band["prices"][tier] == excl_vat(incl_vat), (band["code"], tier)


def test_rate_page_shows_the_unit_prices_the_simulator_quotes(client, card):
    rate_page = HomePage.objects.first().add_child(
        instance=RateCardPage(title="Tarifs", slug="tarifs")
    )
    rate_page.save_revision().publish()
    excl_vat = selectors.current_pricing_data().excl_vat

    response = client.get(rate_page.url)

    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    for code in BANDS:
        row = html.select_one(f"tr[data-band={code}]")
        assert row is not None, f"no row for {code}"
        quoted = unit_prices_from_the_api(client, code)
        for tier, incl_vat in quoted.items():
            cell = row.select_one(f"[data-price={tier}]")
            assert shown_amount(cell.find("strong")) == incl_vat, (code, tier)
            assert shown_amount(cell.find("span")) == excl_vat(incl_vat), (code, tier)
            assert fcfa(incl_vat) in cell.get_text()
