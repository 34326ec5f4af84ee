"""The quote API never answers 500 to a hostile body, and a refused method gets
a JSON French message with the `Allow` header (issue 12)."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from channels.testing import HttpCommunicator
from django.test import Client
from django.urls import reverse

from simulator.demo import ensure_demo_rate_card
from simulator.fastlane import QUOTE_PATH, QuoteFastLane

pytestmark = pytest.mark.django_db

QUOTE_URL = reverse("simulator:api_quote")
RATE_CARD_URL = reverse("simulator:api_rate_card")

NESTED_BODIES = [
    b"[" * 1000,
    b"[" * 1000 + b"]" * 1000,
    b'{"a":' * 1000 + b"1" + b"}" * 1000,
    b'{"spot_length": 30, "bands": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b"[" * 100_000,
]


@pytest.fixture
def demo_card(db):
    card, _created = ensure_demo_rate_card()
    return card


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("body", NESTED_BODIES, ids=lambda b: f"{len(b)}-bytes")
def test_deeply_nested_json_is_a_400_with_a_french_message(client, demo_card, body):
    response = client.post(QUOTE_URL, data=body, content_type="application/json")

    assert response.status_code == 400
    errors = response.json()["errors"]["__all__"]
    assert errors == ["Le corps de la requête est imbriqué trop profondément."]


@pytest.mark.parametrize("body", NESTED_BODIES[:2], ids=["open", "closed"])
def test_the_asgi_fast_lane_answers_nested_json_with_400_too(demo_card, body):
    async def django(scope, receive, send):  # pragma: no cover - never reached
        raise AssertionError("the fast lane answers this itself")

    communicator = HttpCommunicator(
        QuoteFastLane(django), "POST", QUOTE_PATH, body=body, headers=[(b"host", b"testserver")]
    )
    communicator.scope["client"] = ("10.0.0.9", 5000)
    response = async_to_sync(communicator.get_response)()

    assert response["status"] == 400
    assert "imbriqué trop profondément".encode() in response["body"]


@pytest.mark.parametrize(
    ("url", "method", "allowed"),
    [
        (QUOTE_URL, "get", "POST"),
        (QUOTE_URL, "put", "POST"),
        (QUOTE_URL, "delete", "POST"),
        (RATE_CARD_URL, "post", "GET"),
        (RATE_CARD_URL, "patch", "GET"),
    ],
)
def test_a_refused_method_gets_json_french_message_and_allow_header(
    client, demo_card, url, method, allowed
):
    response = getattr(client, method)(url)

    assert response.status_code == 405
    assert response["Allow"] == allowed
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "errors": {"__all__": [f"Cette adresse n’accepte que les requêtes {allowed}."]}
    }


def test_the_allowed_methods_still_work(client, demo_card):
    assert client.get(RATE_CARD_URL).status_code == 200
    response = client.post(
        QUOTE_URL,
        data={
            "spot_length": 30,
            "start_date": "2026-12-01",
            "end_date": "2026-12-14",
            "bands": [{"band": "prime-time", "airings": 10}],
        },
        content_type="application/json",
    )
    assert response.status_code == 200
