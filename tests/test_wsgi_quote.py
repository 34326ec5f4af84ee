"""Under gunicorn (bf1portal.wsgi), POST /api/simulator/quote/ skips the
middleware stack as the ASGI fast lane does, with the same answer, throttle and
headers as the Django view; every other request reaches Django."""

import io
import json
import sys

import pytest
from django.core.cache import cache

from simulator.demo import ensure_demo_rate_card
from simulator.fastlane import QUOTE_PATH

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
    def __init__(self):
        self.calls = []

    def __call__(self, environ, start_response):
        self.calls.append((environ["REQUEST_METHOD"], environ["PATH_INFO"]))
        start_response("299 Django", [])
        return [b"django"]


def ask(app, body, *, method="POST", path=QUOTE_PATH, host="testserver", **extra):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(raw)),
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "10.0.0.7",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(raw),
        "wsgi.errors": sys.stderr,
        **extra,
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(headers)

    answer["body"] = b"".join(app(environ, start_response))
    return answer


def fast_lane(django=None):
    from bf1portal.wsgi import QuoteFastLane

    return QuoteFastLane(django or RecordingDjango())


@pytest.mark.parametrize(
    "body",
    [
        PRIME_30S_10,
        {**PRIME_30S_10, "spot_length": 45, "options": ["position-fixe"]},
        {**PRIME_30S_10, "spot_length": 4, "bands": [{"band": "nope", "airings": 0}]},
        b"{not json",
    ],
)
def test_same_answer_as_the_django_view(client, body):
    ensure_demo_rate_card()
    django = RecordingDjango()
    fast = ask(fast_lane(django), body)
    raw = body if isinstance(body, bytes) else json.dumps(body)
    view = client.post(QUOTE_PATH, data=raw, content_type="application/json")
    assert fast["status"] == view.status_code
    assert json.loads(fast["body"]) == view.json()
    assert django.calls == []


def test_no_card_is_503_like_the_view(client):
    fast = ask(fast_lane(), PRIME_30S_10)
    view = client.post(QUOTE_PATH, data=json.dumps(PRIME_30S_10), content_type="application/json")
    assert fast["status"] == view.status_code == 503
    assert json.loads(fast["body"]) == view.json()


def test_quote_headers_through_the_whole_wsgi_application(settings):
    from bf1portal.wsgi import application

    ensure_demo_rate_card()
    answer = ask(application, PRIME_30S_10, HTTP_X_FORWARDED_PROTO="https")
    headers = answer["headers"]
    assert answer["status"] == 200
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in headers["Cache-Control"]
    assert headers["Content-Language"] == "fr"
    assert json.loads(answer["body"])["lines"][0]["unit_price"] == 87_750


def test_throttled_per_visitor_address(settings):
    settings.SIMULATOR_API_RATE_PER_MINUTE = 2
    ensure_demo_rate_card()
    app = fast_lane()
    statuses = [ask(app, PRIME_30S_10)["status"] for _ in range(3)]
    assert statuses == [200, 200, 429]
    answer = ask(app, PRIME_30S_10)
    assert answer["headers"]["Retry-After"] == "60"
    # Another visitor (another address) is not held back.
    assert ask(app, PRIME_30S_10, REMOTE_ADDR="10.0.0.8")["status"] == 200


@pytest.mark.parametrize(
    "method, path, host",
    [
        ("GET", QUOTE_PATH, "testserver"),
        ("POST", "/api/simulator/other/", "testserver"),
        ("POST", QUOTE_PATH, "evil.example"),
    ],
)
def test_everything_else_goes_to_django(settings, method, path, host):
    settings.ALLOWED_HOSTS = ["testserver"]
    django = RecordingDjango()
    answer = ask(fast_lane(django), b"{}", method=method, path=path, host=host)
    assert answer["status"] == 299
    assert django.calls == [(method, path)]
