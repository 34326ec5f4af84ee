"""Probes behind /healthz. Each returns {"ok": bool, "detail": str}."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def error_name(exc: BaseException) -> str:
    """The error's class; a Redis client error says so ("Redis: ConnectionError")."""
    name = exc.__class__.__name__
    return f"Redis: {name}" if exc.__class__.__module__.startswith("redis.") else name


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        return {"ok": False, "detail": exc.__class__.__name__}
    return {"ok": True, "detail": connection.vendor}


def check_cache() -> dict:
    """Talks to the cache server itself: the degrading Redis cache of the site
    (core.cache) would answer an outage with a miss; `strict` does not."""
    key = f"healthz:{uuid.uuid4().hex}"
    direct = getattr(cache, "strict", cache)
    try:
        direct.set(key, "1", 10)
        ok = direct.get(key) == "1"
        direct.delete(key)
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "detail": error_name(exc)}
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return {"ok": ok, "detail": backend}


def check_broker() -> dict:
    try:
        from django_q.brokers import get_broker

        broker = get_broker()
        ok = bool(broker.ping())
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "detail": error_name(exc)}
    return {"ok": ok, "detail": broker.__class__.__name__}


def check_all() -> dict:
    return {"database": check_database(), "cache": check_cache(), "broker": check_broker()}
