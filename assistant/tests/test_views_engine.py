"""The page and the widget's endpoint with the real engine (no stand-in)."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from assistant.services.answering import answer_question
from simulator.demo import ensure_demo_rate_card

pytestmark = pytest.mark.django_db

PRICE_QUESTION = "combien pour 10 spots de 30s au journal de 20h"


@pytest.fixture(autouse=True)
def _card():
    cache.clear()
    ensure_demo_rate_card()
    yield
    cache.clear()


def test_the_widget_gives_the_engines_exact_total(client):
    expected = answer_question(text=PRICE_QUESTION, record=False)
    response = client.post(
        "/aide/api/question/", json.dumps({"question": PRICE_QUESTION}), "application/json"
    )
    data = response.json()
    assert response.status_code == 200, data
    assert data["kind"] == "price"
    assert data["price"]["total_incl_vat"] == expected.price.total_incl_vat
    assert data["price"]["simulator_url"] == expected.price.simulator_url


def test_the_page_shows_any_answer_and_html_as_text(client):
    response = client.post("/aide/", {"question": "<img src=x onerror=alert(1)> format video"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<img src=x" not in body
    assert "Cette réponse vous aide-t-elle" in body


def test_over_500_characters_is_refused_by_the_real_engine_too(client):
    response = client.post(
        "/aide/api/question/", json.dumps({"question": "é" * 501}), "application/json"
    )
    assert response.status_code == 400
    assert "500" in response.json()["error"]
