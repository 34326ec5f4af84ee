"""Production engines on Redis: with REDIS_URL set, the settings put the cache,
the WebSocket channel layer and the django-q2 broker on Redis, and each of
them works against a real server.

The live checks run when REDIS_URL is set in the environment (CI sets it for
its PostgreSQL run); elsewhere they are skipped, and the embedded defaults are
what the rest of the suite tests."""

import json
import os
import subprocess
import sys
import uuid

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings

REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set")


def _settings_with(env: dict) -> dict:
    code = (
        "import json, django\n"
        "from django.conf import settings\n"
        "django.setup()\n"
        "print(json.dumps({'cache': settings.CACHES['default']['BACKEND'],"
        " 'layer': settings.CHANNEL_LAYERS['default']['BACKEND'],"
        " 'q': sorted(k for k in ('redis', 'orm') if k in settings.Q_CLUSTER),"
        " 'options': settings.CACHES['default'].get('OPTIONS', {}),"
        " 'broker': settings.Q_CLUSTER.get('redis', '')}))"
    )
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bf1portal.settings.dev"}
    full_env.pop("REDIS_URL", None)
    full_env.update(env)
    output = subprocess.run(
        [sys.executable, "-c", code],
        env=full_env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_without_redis_url_the_embedded_engines_are_used():
    chosen = _settings_with({})
    assert chosen.pop("options") == {} and chosen.pop("broker") == ""
    assert chosen == {
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "layer": "channels.layers.InMemoryChannelLayer",
        "q": ["orm"],
    }


def test_with_redis_url_cache_layer_and_broker_move_to_redis():
    chosen = _settings_with({"REDIS_URL": "redis://127.0.0.1:6379/15"})
    # Short client timeouts: a dead Redis must not stall each request (core/cache.py).
    assert chosen.pop("options") == {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    assert chosen.pop("broker") == (
        "redis://127.0.0.1:6379/15?socket_connect_timeout=0.5&socket_timeout=5"
    )
    assert chosen == {
        "cache": "core.cache.DegradingRedisCache",
        "layer": "channels_redis.core.RedisChannelLayer",
        "q": ["redis"],
    }


@needs_redis
def test_redis_cache_round_trip():
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"bf1-test-{uuid.uuid4().hex}"})
    cache.set("greeting", "Bonjour Ouaga", 30)
    assert cache.get("greeting") == "Bonjour Ouaga"
    cache.delete("greeting")


@needs_redis
def test_redis_channel_layer_delivers_a_group_message():
    from channels_redis.core import RedisChannelLayer

    host = {"address": REDIS_URL, "socket_connect_timeout": 0.5}  # as the settings write it
    layer = RedisChannelLayer(hosts=[host], prefix=f"bf1test{uuid.uuid4().hex[:8]}")

    async def exchange():
        channel = await layer.new_channel()
        await layer.group_add("user-42", channel)
        await layer.group_send("user-42", {"type": "unread.count", "count": 3})
        message = await layer.receive(channel)
        await layer.group_discard("user-42", channel)
        await layer.flush()
        return message

    assert async_to_sync(exchange)() == {"type": "unread.count", "count": 3}


@needs_redis
def test_redis_task_broker_round_trip(monkeypatch):
    from django_q.brokers import redis_broker
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "REDIS", REDIS_URL)
    broker = redis_broker.Redis(list_key=f"bf1-test-{uuid.uuid4().hex}")
    assert broker.ping()
    broker.enqueue("payload")
    assert broker.queue_size() == 1
    task = broker.dequeue()
    assert task[0][1] == b"payload" or task[0][1] == "payload"
    broker.delete_queue()
