"""A small per-address rate limit for the public quote API (cache counters,
fixed one-minute windows)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    # Behind nginx, daphne runs with --proxy-headers: REMOTE_ADDR is the visitor.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request, *, scope: str, per_minute: int | None = None) -> bool:
    """Count this request; False once the address went past its budget."""
    return allow_address(client_address(request), scope=scope, per_minute=per_minute)


def _key(address: str, scope: str, window: int) -> str:
    return f"throttle:{scope}:{address or 'unknown'}:{int(time.time() // window)}"


def hits(address: str, *, scope: str, window: int = 60) -> int:
    """Requests counted for this address in the current window."""
    return cache.get(_key(address, scope, window)) or 0


def record_hit(address: str, *, scope: str, window: int = 60) -> int:
    """Count one request in the current fixed window; return the new count."""
    key = _key(address, scope, window)
    if cache.add(key, 1, window + 30):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window + 30)
        return 1


def allow_address(address: str, *, scope: str, per_minute: int | None = None) -> bool:
    limit = per_minute if per_minute is not None else settings.SIMULATOR_API_RATE_PER_MINUTE
    if limit <= 0:
        return True
    return record_hit(address, scope=scope) <= limit
