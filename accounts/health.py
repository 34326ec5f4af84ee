"""Probes behind /healthz. Each returns {"ok": bool, "detail": str}."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        return {"ok": False, "detail": exc.__class__.__name__}
    return {"ok": True, "detail": connection.vendor}


def check_cache() -> dict:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", 10)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "detail": exc.__class__.__name__}
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return {"ok": ok, "detail": backend}


def check_broker() -> dict:
    try:
        from django_q.brokers import get_broker

        broker = get_broker()
        ok = bool(broker.ping())
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "detail": exc.__class__.__name__}
    return {"ok": ok, "detail": broker.__class__.__name__}


def check_all() -> dict:
    return {"database": check_database(), "cache": check_cache(), "broker": check_broker()}
