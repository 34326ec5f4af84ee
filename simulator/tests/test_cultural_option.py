"""The cultural rate in the simulator (issue 13): the page says who it is for,
and the API refuses an option that cannot apply to any chosen band, with a
French message, instead of ignoring it and echoing it."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse

from simulator.demo import ensure_demo_rate_card

from .simulator_pages import make_simulator_page

pytestmark = pytest.mark.django_db

QUOTE_URL = reverse("simulator:api_quote")
CULTURAL_MESSAGE = (
    "L'option « Tarif culturel » ne s'applique qu'aux tranches suivantes : Matinée. "
    "Choisissez l'une d'elles ou retirez l'option."
)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def card(db):
    return ensure_demo_rate_card()[0]


def ask(client, bands, options, **extra):
    payload = {
        "spot_length": 30,
        "start_date": "2026-12-01",
        "end_date": "2026-12-14",
        "bands": [{"band": code, "airings": airings} for code, airings in bands],
        "options": options,
        **extra,
    }
    return client.post(QUOTE_URL, data=json.dumps(payload), content_type="application/json")


def test_an_option_for_other_bands_only_is_refused_in_french(client, card):
    response = ask(client, [("prime-time", 3)], ["tarif-culturel"])
    assert response.status_code == 400
    assert response.json() == {"errors": {"options": [CULTURAL_MESSAGE]}}


def test_the_cultural_rate_in_the_morning_is_still_priced(client, card):
    response = ask(client, [("matinee", 3)], ["tarif-culturel"])
    assert response.status_code == 200
    quote = response.json()
    assert quote["total"] == 106_200
    assert quote["options"] == ["tarif-culturel"]


def test_an_option_that_applies_to_one_of_the_bands_is_kept(client, card):
    response = ask(client, [("matinee", 3), ("prime-time", 2)], ["tarif-culturel"])
    assert response.status_code == 200
    lines = {line["band"]: line for line in response.json()["lines"]}
    assert "tarif-culturel" in [f["code"] for f in lines["matinee"]["factors"]] or any(
        f["code"] == "fixed_price" for f in lines["matinee"]["factors"]
    )
    assert not any(f["code"] == "fixed_price" for f in lines["prime-time"]["factors"])


def test_the_comparison_prices_each_band_with_the_options_that_apply(client, card):
    response = ask(client, [("matinee", 3)], ["tarif-culturel"], compare=True)
    assert response.status_code == 200
    rows = {row["band"]: row for row in response.json()["comparison"]}
    assert rows["matinee"]["total"] == 106_200
    plain = ask(client, [("prime-time", 3)], []).json()
    assert rows["prime-time"]["total"] == plain["total"]
    assert all(row["total"] is not None for row in rows.values())


def test_the_page_says_who_the_cultural_rate_is_for(client, card):
    make_simulator_page()
    response = client.get("/simulateur/")
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    audience = html.select_one('[data-option-audience="tarif-culturel"]')
    assert audience is not None
    words = " ".join(audience.get_text(" ").split())
    assert "organisations culturelles" in words and "profil" in words
    # The option on request has no such restriction.
    assert html.select_one('[data-option-audience="position-fixe"]') is None
