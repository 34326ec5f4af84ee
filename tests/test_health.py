"""/healthz: what a load balancer or an uptime probe reads."""

import pytest
from django.db import OperationalError

from accounts import health

pytestmark = pytest.mark.django_db

URL = "/healthz"


class BrokenConnection:
    vendor = "postgresql"

    def cursor(self):
        raise OperationalError("server closed the connection unexpectedly")


class BrokenCache:
    def set(self, *args, **kwargs):
        raise ConnectionError("Error 111 connecting to redis:6379. Connection refused.")

    get = delete = set


class ForgetfulCache:
    def set(self, *args, **kwargs):
        return None

    def get(self, *args, **kwargs):
        return None

    def delete(self, *args, **kwargs):
        return None


class DeadBroker:
    def ping(self):
        raise ConnectionError("broker unreachable")


class SilentBroker:
    def ping(self):
        return False


def test_healthy(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    for name, check in body["checks"].items():
        assert check["ok"] is True, name
        assert check["detail"]
    assert body["checks"]["broker"]["detail"] == "ORM"


def test_the_database_down(client, monkeypatch):
    monkeypatch.setattr(health, "connection", BrokenConnection())
    response = client.get(URL)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == {"ok": False, "detail": "OperationalError"}
    assert body["checks"]["cache"]["ok"] is True
    assert body["checks"]["broker"]["ok"] is True


@pytest.mark.parametrize(
    ("cache", "detail"), [(BrokenCache(), "ConnectionError"), (ForgetfulCache(), None)]
)
def test_the_cache_down(client, monkeypatch, cache, detail):
    monkeypatch.setattr(health, "cache", cache)
    response = client.get(URL)
    assert response.status_code == 503
    check = response.json()["checks"]["cache"]
    assert check["ok"] is False
    if detail:
        assert check["detail"] == detail
    assert response.json()["checks"]["database"]["ok"] is True


@pytest.mark.parametrize("broker", [DeadBroker(), SilentBroker()])
def test_the_broker_down(client, monkeypatch, broker):
    monkeypatch.setattr("django_q.brokers.get_broker", lambda *args, **kwargs: broker)
    response = client.get(URL)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def test_only_get(client):
    assert client.post(URL).status_code == 405


def test_open_to_everyone_signed_in(client, advertiser_a):
    client.force_login(advertiser_a)
    assert client.get(URL).status_code == 200
