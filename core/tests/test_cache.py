"""The degrading Redis cache (core.cache) and the throttle on top of it: a
Redis outage is a miss, logged once, never an error; the throttle fails open."""

from __future__ import annotations

import logging
import os
import uuid

import pytest
import redis
from django.core.cache import cache as default_cache

from core import cache as core_cache
from core import throttle
from core.cache import CacheUnavailable, DegradingRedisCache

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1
REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set")


@pytest.fixture(autouse=True)
def fresh_outages():
    core_cache.reset_outages()
    yield
    core_cache.reset_outages()


def degrading(location: str = DEAD_REDIS, **params) -> DegradingRedisCache:
    return DegradingRedisCache(location, {"KEY_PREFIX": f"t{uuid.uuid4().hex[:8]}", **params})


class FlakyClient:
    """Stands for Django's Redis client: fails while `down`, counts the calls."""

    def __init__(self):
        self.down = True
        self.calls = 0
        self.data = {}

    def _check(self):
        self.calls += 1
        if self.down:
            raise redis.exceptions.ConnectionError("Error 111 connecting. Connection refused.")

    def get(self, key, default):
        self._check()
        return self.data.get(key, default)

    def set(self, key, value, timeout):
        self._check()
        self.data[key] = value


def with_client(cache: DegradingRedisCache, client) -> DegradingRedisCache:
    cache.__dict__["_cache"] = client  # Django's cached_property
    return cache


def test_every_operation_on_a_dead_redis_answers_as_a_miss():
    cache = degrading(RETRY_AFTER=0)
    assert cache.get("k") is None
    assert cache.get("k", "défaut") == "défaut"
    assert cache.add("k", 1) is False
    assert cache.set("k", 1) is False
    assert cache.touch("k") is False
    assert cache.delete("k") is False
    assert cache.has_key("k") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete_many(["a", "b"]) is None
    assert cache.clear() is False
    assert cache.get_or_set("k", lambda: "calculé") == "calculé"
    with pytest.raises(CacheUnavailable):
        cache.incr("k")
    with pytest.raises(ValueError):  # Django's "no such key": callers treat it as a miss
        cache.decr("k")


def test_a_short_client_timeout_is_the_default_and_settings_can_change_it():
    assert degrading()._options["socket_connect_timeout"] == 0.5
    assert degrading()._options["socket_timeout"] == 0.5
    chosen = degrading(OPTIONS={"socket_connect_timeout": 2})
    assert chosen._options["socket_connect_timeout"] == 2
    assert chosen._options["socket_timeout"] == 0.5


def test_the_outage_is_logged_once_not_once_per_request(caplog):
    cache = degrading(RETRY_AFTER=0)
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        for _ in range(30):
            cache.get("k")
            cache.set("k", 1)
    records = [r for r in caplog.records if r.name == "core.cache"]
    assert len(records) == 1
    assert "127.0.0.1:1" in records[0].getMessage()
    assert records[0].exc_info is not None


def test_the_password_of_the_url_is_not_logged(caplog):
    cache = degrading("redis://:s3cret@127.0.0.1:1/0", RETRY_AFTER=0)
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        cache.get("k")
    assert "s3cret" not in caplog.text
    assert "127.0.0.1:1" in caplog.text


def test_after_a_failure_redis_is_left_alone_for_a_while():
    client = FlakyClient()
    cache = with_client(degrading(RETRY_AFTER=60), client)
    for _ in range(10):
        assert cache.get("k", "miss") == "miss"
    assert client.calls == 1
    assert cache.is_degraded


def test_when_redis_answers_again_the_cache_works_and_says_so(caplog):
    client = FlakyClient()
    cache = with_client(degrading(RETRY_AFTER=0), client)
    assert cache.set("k", "v") is False
    client.down = False
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert cache.set("k", "v") is None
        assert cache.get("k") == "v"
    assert "answers again" in caplog.text
    assert not cache.is_degraded


def test_strict_access_lets_the_outage_through():
    cache = degrading()
    with pytest.raises(redis.exceptions.ConnectionError):
        cache.strict.set("k", "1", 10)
    with pytest.raises(redis.exceptions.ConnectionError):
        cache.strict.get("k")


def test_a_missing_counter_is_still_djangos_value_error():
    client = FlakyClient()
    client.down = False
    client.incr = lambda key, delta: (_ for _ in ()).throw(ValueError("no such key"))
    cache = with_client(degrading(), client)
    with pytest.raises(ValueError) as raised:
        cache.incr("k")
    assert not isinstance(raised.value, CacheUnavailable)


# --- The throttle -----------------------------------------------------------------------


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "core.cache.DegradingRedisCache", "LOCATION": DEAD_REDIS}
    }
    yield default_cache
    core_cache.reset_outages()


def test_the_throttle_fails_open_and_logs_when_the_cache_is_down(dead_cache, caplog, monkeypatch):
    monkeypatch.setattr(throttle, "_last_logged", float("-inf"))
    with caplog.at_level(logging.WARNING, logger="core.throttle"):
        allowed = [throttle.allow_address("10.0.0.1", scope="t", per_minute=2) for _ in range(6)]
    assert allowed == [True] * 6
    assert throttle.hits("10.0.0.1", scope="t") == 0
    records = [r for r in caplog.records if r.name == "core.throttle"]
    assert len(records) == 1
    assert "not enforced" in records[0].getMessage()


def test_the_throttle_fails_open_on_any_cache_error(monkeypatch, caplog):
    class Broken:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache server gone")

            return fail

    monkeypatch.setattr(throttle, "cache", Broken())
    monkeypatch.setattr(throttle, "_last_logged", float("-inf"))
    with caplog.at_level(logging.WARNING, logger="core.throttle"):
        assert all(throttle.allow_address("10.0.0.2", scope="t", per_minute=1) for _ in range(3))
        assert throttle.hits("10.0.0.2", scope="t") == 0
    assert len([r for r in caplog.records if r.name == "core.throttle"]) == 1


def test_the_throttle_still_limits_with_a_working_cache():
    results = [throttle.allow_address("10.0.0.3", scope="t", per_minute=2) for _ in range(4)]
    assert results == [True, True, False, False]


# --- Against a live Redis (CI) ------------------------------------------------------------


@needs_redis
def test_live_round_trip_and_counter():
    cache = degrading(REDIS_URL)
    cache.set("greeting", "Bonjour Ouaga", 30)
    assert cache.get("greeting") == "Bonjour Ouaga"
    assert cache.add("count", 1, 30) is True
    assert cache.incr("count") == 2
    assert cache.strict.get("greeting") == "Bonjour Ouaga"
    cache.delete_many(["greeting", "count"])
    assert cache.get("greeting") is None
