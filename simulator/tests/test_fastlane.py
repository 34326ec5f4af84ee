"""The ASGI fast lane answers POST /api/simulator/quote/ exactly as the Django
view does, with the same throttle and headers, and hands everything else to
Django."""

import json

import pytest
from asgiref.sync import async_to_sync
from channels.testing import HttpCommunicator
from django.core.cache import cache

from simulator.demo import ensure_demo_rate_card
from simulator.fastlane import QUOTE_PATH, QuoteFastLane

pytestmark = pytest.mark.django_db

PRIME_30S_10 = {
    "spot_length": 30,
    "start_date": "2026-12-01",
    "end_date": "2026-12-14",
    "bands": [{"band": "prime-time", "airings": 10}],
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


class RecordingDjango:
    """Stands for Django's ASGI app: records that it was called."""

    def __init__(self):
        self.calls = []

    async def __call__(self, scope, receive, send):
        self.calls.append((scope["method"], scope["path"]))
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b"django"})


def ask(app, body, *, method="POST", path=QUOTE_PATH, headers=None, client=("10.0.0.7", 5000)):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    communicator = HttpCommunicator(
        app, method, path, body=raw, headers=headers or [(b"host", b"testserver")]
    )
    communicator.scope["client"] = client
    return async_to_sync(communicator.get_response)()


def django_view_answer(client, body):
    raw = body if isinstance(body, bytes) else json.dumps(body)
    return client.post(QUOTE_PATH, data=raw, content_type="application/json")


@pytest.mark.parametrize(
    "body",
    [
        PRIME_30S_10,
        {**PRIME_30S_10, "spot_length": 45, "options": ["position-fixe"]},
        {**PRIME_30S_10, "compare": True},
        {**PRIME_30S_10, "spot_length": 4, "bands": [{"band": "nope", "airings": 0}]},
        b"{not json",
        [],
    ],
)
def test_same_answer_as_the_django_view(client, body):
    ensure_demo_rate_card()
    fast = ask(QuoteFastLane(RecordingDjango()), body)
    view = django_view_answer(client, body)
    assert fast["status"] == view.status_code
    assert json.loads(fast["body"]) == view.json()


def test_no_card_is_503_like_the_view(client):
    fast = ask(QuoteFastLane(RecordingDjango()), PRIME_30S_10)
    assert fast["status"] == 503
    assert json.loads(fast["body"]) == django_view_answer(client, PRIME_30S_10).json()


def test_quote_headers():
    ensure_demo_rate_card()
    response = ask(QuoteFastLane(RecordingDjango()), PRIME_30S_10)
    headers = dict(response["headers"])
    assert response["status"] == 200
    assert headers[b"content-type"] == b"application/json"
    assert headers[b"x-content-type-options"] == b"nosniff"
    assert b"no-store" in headers[b"cache-control"]
    assert headers[b"content-language"] == b"fr"
    assert json.loads(response["body"])["lines"][0]["unit_price"] == 87_750


def test_throttled_per_address_with_a_french_message(settings):
    settings.SIMULATOR_API_RATE_PER_MINUTE = 2
    ensure_demo_rate_card()
    app = QuoteFastLane(RecordingDjango())
    statuses = [ask(app, PRIME_30S_10)["status"] for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = ask(app, PRIME_30S_10)
    assert dict(refused["headers"])[b"retry-after"] == b"60"
    assert "minute" in json.loads(refused["body"])["errors"]["__all__"][0]
    other_address = ask(app, PRIME_30S_10, client=("10.0.0.8", 5000))
    assert other_address["status"] == 200


def test_english_when_chosen_by_cookie():
    ensure_demo_rate_card()
    response = ask(
        QuoteFastLane(RecordingDjango()),
        {**PRIME_30S_10, "spot_length": 200},
        headers=[(b"host", b"testserver"), (b"cookie", b"django_language=en")],
    )
    assert dict(response["headers"])[b"content-language"] == b"en"
    assert "seconds" in json.loads(response["body"])["errors"]["spot_length"][0]


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", QUOTE_PATH, None),
        ("POST", "/api/simulator/rate-card/", None),
        ("POST", "/login/", None),
        ("POST", QUOTE_PATH, [(b"host", b"evil.example")]),
    ],
)
def test_everything_else_goes_to_django(settings, method, path, headers):
    settings.ALLOWED_HOSTS = ["testserver"]
    django_app = RecordingDjango()
    response = ask(QuoteFastLane(django_app), b"{}", method=method, path=path, headers=headers)
    assert response["status"] == 299
    assert django_app.calls == [(method, path)]


def test_the_project_asgi_application_uses_the_fast_lane():
    from bf1portal.asgi import application
    from bf1portal.url_guard import LongUrlGuard

    http = application.application_mapping["http"]
    # Behind the guard that answers 414 to an over-long address (issue 12) and
    # any other wrapper that keeps its inner application as `.app`.
    assert isinstance(http, LongUrlGuard)
    layers = []
    while http is not None:
        layers.append(http)
        http = getattr(http, "app", None)
    assert any(isinstance(layer, QuoteFastLane) for layer in layers)


def test_hsts_on_https_requests(settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    ensure_demo_rate_card()
    response = ask(
        QuoteFastLane(RecordingDjango()),
        PRIME_30S_10,
        headers=[(b"host", b"testserver"), (b"x-forwarded-proto", b"https")],
    )
    assert dict(response["headers"])[b"strict-transport-security"] == (
        b"max-age=31536000; includeSubDomains"
    )
