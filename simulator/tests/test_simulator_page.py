"""The public simulator page: teaching content, the calculator's starting point,
and the result rendered by the server when JavaScript is off (or a link is shared)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from simulator.demo import ensure_demo_rate_card
from simulator.models import Adjustment, RateCard
from simulator.pricing import fcfa
from simulator.views.simulator import default_dates

from .simulator_pages import make_simulator_page

pytestmark = pytest.mark.django_db

URL = "/simulateur/"
DECEMBER = {"start_date": "2026-12-01", "end_date": "2026-12-14"}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def card(db):
    return ensure_demo_rate_card()[0]


@pytest.fixture
def page(db):
    return make_simulator_page()


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(element) -> str:
    return " ".join(element.get_text(" ").split()) if element is not None else ""


def script_data(html: BeautifulSoup) -> dict:
    return json.loads(html.find("script", id="simulator-data").string)


def api_quote(client, payload) -> dict:
    response = client.post(
        reverse("simulator:api_quote"), data=json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_page_renders_the_calculator_and_the_teaching_blocks(client, card, page):
    response = client.get(URL)

    assert response.templates[0].name == "simulator/simulator_page.html"
    html = soup(response)
    assert text(html.h1) == "Simulateur"
    form = html.find("form", id="simulator-form")
    assert form["method"] == "get"
    assert form["action"].startswith(URL)
    # One card per band, with its hours and its multiplier.
    cards = {div["data-band-card"]: div for div in html.select("[data-band-card]")}
    assert list(cards) == [
        "matinee",
        "mi-journee",
        "apres-midi",
        "avant-soiree",
        "prime-time",
        "fin-de-soiree",
    ]
    assert "19:25–20:55" in text(cards["prime-time"])
    assert "× 2,31" in text(cards["prime-time"])
    assert "× 1,00" in text(cards["matinee"])
    assert cards["prime-time"].find("input", attrs={"name": "airings_prime-time"})["value"] == "10"
    # Length presets, the two options, the dates.
    assert [b["data-preset"] for b in html.select("[data-preset]")] == [
        "15",
        "20",
        "30",
        "45",
        "60",
    ]
    # Only the published options: the demo's example surcharge awaits confirmation.
    assert [i["value"] for i in html.select("input[name=options]")] == ["tarif-culturel"]
    assert html.find("input", attrs={"name": "spot_length"})["value"] == "30"
    # The teaching content: the editors' blocks, then the bands' own texts.
    teaching = [div["data-teaching"] for div in html.select("[data-teaching]")]
    assert teaching == ["factor", "factor", "paragraph", "factor"]
    assert "La tranche horaire multiplie le prix" in text(html)
    assert "Le journal de 19 h 30" in text(html)
    # Nothing priced yet: no result, no error.
    assert not html.select("[data-sim=server-result] [data-sim=total]")
    assert not any(text(p) for p in html.select("p[id$=-error]"))


def test_script_data_is_the_calculators_starting_point(client, card, page):
    data = script_data(soup(client.get(URL)))

    assert data["quote_url"] == "/api/simulator/quote/"
    assert data["booking_path"] == "/campaigns/create/"
    assert data["page_path"] == URL
    assert data["default_airings"] == 10
    assert len(data["bands"]) == 6
    assert data["submitted"] is False
    assert data["quote"] is None
    start, end = default_dates(date(2025, 1, 1), None, timezone.localdate())
    assert data["state"] == {
        "spot_length": 30,
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "bands": [],
        "options": [],
    }
    assert start.weekday() == 0
    anchors = data["factor_anchors"]
    assert set(anchors) == {"base_price", "band"}
    assert data["volume_anchor"].startswith("teach-")
    html = soup(client.get(URL))
    assert html.find(id=anchors["band"])["data-teaching"] == "factor"


@pytest.mark.parametrize(
    ("today", "valid_from", "valid_until", "expected"),
    [
        # A Wednesday: the Monday after, for two weeks.
        (date(2026, 3, 4), date(2025, 1, 1), None, (date(2026, 3, 9), date(2026, 3, 22))),
        # A Monday: the next one, not today.
        (date(2026, 3, 9), date(2025, 1, 1), None, (date(2026, 3, 16), date(2026, 3, 29))),
        # The card ends within the fortnight.
        (
            date(2026, 3, 4),
            date(2025, 1, 1),
            date(2026, 3, 15),
            (date(2026, 3, 9), date(2026, 3, 15)),
        ),
        # The card ends before next Monday: from today to its end.
        (
            date(2026, 3, 4),
            date(2025, 1, 1),
            date(2026, 3, 6),
            (date(2026, 3, 4), date(2026, 3, 6)),
        ),
        # The card starts later than next Monday.
        (date(2026, 3, 4), date(2026, 4, 1), None, (date(2026, 4, 1), date(2026, 4, 14))),
    ],
)
def test_default_dates_stay_within_the_card(today, valid_from, valid_until, expected):
    assert default_dates(valid_from, valid_until, today) == expected


def test_without_javascript_the_form_is_priced_by_the_server(client, card, page):
    query = {
        "spot_length": "30",
        "bands": "prime-time",
        "airings_prime-time": "10",
        "airings_matinee": "10",  # a band not ticked: ignored
        **DECEMBER,
    }
    api = api_quote(
        client,
        {
            "spot_length": 30,
            **DECEMBER,
            "bands": [{"band": "prime-time", "airings": 10}],
        },
    )

    html = soup(client.get(URL, query))

    result = html.select_one("[data-sim=server-result]")
    assert result.select_one("[data-sim=total]").get_text() == fcfa(api["total"])
    assert result.select_one("[data-sim=subtotal]").get_text() == fcfa(877_500)
    assert result.select_one("[data-sim=discount]").get_text() == "− " + fcfa(43_875)
    assert result.select_one("[data-sim=vat]").get_text() == fcfa(api["vat"]["amount"])
    assert result.select_one("[data-sim=unit-price]").get_text() == fcfa(103_545)
    assert result.select_one("[data-sim=line-amount]").get_text() == fcfa(1_035_450)
    factors = [d["data-factor"] for d in result.select("[data-factor]")]
    assert factors == ["base_price", "band"]
    band_factor = result.select_one("[data-factor=band]")
    assert (
        band_factor.select_one("[data-sim=explanation]").get_text()
        == (api["lines"][0]["factors"][1]["explanation"])
    )
    assert band_factor.find("a")["href"].startswith("#teach-")
    # The form keeps what was sent.
    assert html.find("input", attrs={"name": "bands", "value": "prime-time"}).has_attr("checked")
    assert not html.find("input", attrs={"name": "bands", "value": "matinee"}).has_attr("checked")
    # The chart: every band, the dearest one full width.
    rows = {li["data-compare"]: li for li in result.select("[data-compare]")}
    assert len(rows) == 6
    assert "width: 100.0%" in str(rows["prime-time"])
    assert fcfa(api["total"]) in rows["prime-time"].get_text()
    # The same numbers go to the live calculator.
    data = script_data(html)
    assert data["submitted"] is True
    assert data["quote"]["total"] == api["total"]
    assert data["state"]["bands"] == [{"band": "prime-time", "airings": 10}]


def test_a_shared_link_prefills_and_prices_the_campaign(client, card, page):
    fixed = Adjustment.objects.get(rate_card=card, code="position-fixe")
    fixed.published = True  # confirmed by the commercial team
    fixed.save()
    query = (
        "spot_length=45&start_date=2026-12-01&end_date=2026-12-14"
        "&bands=prime-time:10,matinee:5&options=position-fixe"
    )
    api = api_quote(
        client,
        {
            "spot_length": 45,
            **DECEMBER,
            "bands": [{"band": "prime-time", "airings": 10}, {"band": "matinee", "airings": 5}],
            "options": ["position-fixe"],
        },
    )

    html = soup(client.get(f"{URL}?{query}"))

    assert html.find("input", attrs={"name": "spot_length"})["value"] == "45"
    assert html.find("input", attrs={"name": "airings_matinee"})["value"] == "5"
    assert html.find("input", attrs={"name": "options", "value": "position-fixe"}).has_attr(
        "checked"
    )
    result = html.select_one("[data-sim=server-result]")
    assert result.select_one("[data-sim=total]").get_text() == fcfa(api["total"])
    # The booking link carries the campaign (the booking wizard's contract).
    book = urlsplit(result.select_one("[data-sim=book]")["href"])
    assert book.path == "/campaigns/create/"
    assert book.query == query
    assert parse_qs(book.query)["bands"] == ["prime-time:10,matinee:5"]


def test_a_link_with_bands_only_takes_the_defaults(client, card, page):
    html = soup(client.get(URL, {"bands": "prime-time:10"}))

    data = script_data(html)
    assert data["state"]["spot_length"] == 30
    quote = data["quote"]
    start, end = default_dates(date(2025, 1, 1), None, timezone.localdate())
    assert (quote["start_date"], quote["end_date"]) == (start.isoformat(), end.isoformat())
    assert quote["subtotal"] == 877_500


def test_invalid_parameters_show_errors_on_their_fields(client, card, page):
    query = {
        "spot_length": "4",
        "bands": ["matinee", "prime-time"],
        "airings_matinee": "5",
        "airings_prime-time": "0",
        "start_date": "2026-12-14",
        "end_date": "2026-12-01",
    }

    html = soup(client.get(URL, query))

    assert "5" in text(html.find(id="sim-spot-length-error"))
    assert html.find(id="sim-spot-length")["aria-invalid"] == "true"
    assert text(html.find(id="sim-airings-prime-time-error"))
    assert html.find(id="sim-airings-prime-time")["aria-invalid"] == "true"
    assert not text(html.find(id="sim-airings-matinee-error"))
    assert text(html.find(id="sim-end-date-error"))
    assert not html.select("[data-sim=server-result] [data-sim=total]")
    # What was typed stays in the form.
    assert html.find("input", attrs={"name": "spot_length"})["value"] == "4"
    assert html.find("input", attrs={"name": "airings_prime-time"})["value"] == "0"
    data = script_data(html)
    assert data["lines"] == ["matinee", "prime-time"]
    assert set(data["errors"]) == {"spot_length", "bands.1", "end_date"}


def test_empty_fields_are_errors_not_defaults(client, card, page):
    html = soup(client.get(URL, {"spot_length": "", "bands": "prime-time", **DECEMBER}))

    assert text(html.find(id="sim-spot-length-error"))


def test_unknown_band_in_a_link_is_shown_on_the_bands(client, card, page):
    html = soup(client.get(URL, {"bands": "minuit:3", **DECEMBER}))

    assert "minuit" in text(html.find(id="sim-bands-error"))


def test_no_published_card(client, page):
    response = client.get(URL)

    html = soup(response)
    assert html.find("form", id="simulator-form") is None
    assert response.context["calculator"] is None


def test_a_card_ending_soon_bounds_the_date_fields(client, card, page):
    until = timezone.localdate() + timedelta(days=40)
    RateCard.objects.filter(pk=card.pk).update(valid_until=until)

    html = soup(client.get(URL))

    start = html.find("input", attrs={"name": "start_date"})
    assert start["min"] == "2025-01-01"
    assert start["max"] == until.isoformat()
    assert date.fromisoformat(script_data(html)["state"]["end_date"]) <= until
