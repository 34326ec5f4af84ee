"""Unicode digits and endless numbers in queries, forms and JSON get a clear answer,
never a 500 (`core.numbers.parse_int` everywhere a value becomes a number)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from simulator.demo import ensure_demo_rate_card
from simulator.tests.simulator_pages import make_simulator_page

QUOTE_URL = "/api/simulator/quote/"
PRIME = {
    "spot_length": 30,
    "start_date": "2026-12-01",
    "end_date": "2026-12-10",
    "bands": [{"band": "prime-time", "airings": 10}],
    "options": [],
}


@pytest.fixture
def card(db):
    return ensure_demo_rate_card()[0]


@pytest.mark.parametrize(
    ("field", "value"),
    [("spot_length", "²"), ("spot_length", "9" * 5000), ("spot_length", "--5")],
)
def test_quote_api_refuses_odd_numbers_with_a_message(client, card, field, value):
    response = client.post(
        QUOTE_URL, data=json.dumps({**PRIME, field: value}), content_type="application/json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.parametrize("airings", ["²", "9" * 5000, 10**40])
def test_quote_api_refuses_odd_airings(client, card, airings):
    payload = {**PRIME, "bands": [{"band": "prime-time", "airings": airings}]}
    response = client.post(QUOTE_URL, data=json.dumps(payload), content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "query", ["?spot_length=²", "?bands=prime-time:²", "?bands=prime-time:" + "9" * 5000]
)
def test_simulator_page_keeps_its_temper(client, card, query):
    page = make_simulator_page()
    response = client.get(page.url + query)
    assert response.status_code == 200


@pytest.mark.parametrize("step", ["²", "9" * 5000, "-1", "5"])
def test_coverage_request_steps(client, db, step):
    response = client.get(reverse("editorial:request_create") + f"?step={step}")
    assert response.status_code == 200
