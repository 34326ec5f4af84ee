"""A small per-address rate limit for the public forms and APIs (cache counters,
fixed windows).

The counters live in the cache. When the cache cannot count (Redis down: see
`core.cache`), the limit fails open: the request is let through and the
outage is logged (once a minute at most), so that a cache outage never turns
visitors away."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache

from .cache import CacheUnavailable

logger = logging.getLogger(__name__)

LOG_EVERY_SECONDS = 60.0
_last_logged = float("-inf")


def client_address(request) -> str:
    # Behind nginx, daphne runs with --proxy-headers: REMOTE_ADDR is the visitor.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request, *, scope: str, per_minute: int | None = None) -> bool:
    """Count this request; False once the address went past its budget."""
    return allow_address(client_address(request), scope=scope, per_minute=per_minute)


def _key(address: str, scope: str, window: int) -> str:
    return f"throttle:{scope}:{address or 'unknown'}:{int(time.time() // window)}"


def _fail_open(scope: str, error: BaseException | None) -> None:
    """Log (once a minute at most) that the limit of `scope` lets requests through."""
    global _last_logged
    now = time.monotonic()
    if now - _last_logged < LOG_EVERY_SECONDS:
        return
    _last_logged = now
    logger.warning(
        "Rate limit %r not enforced: the cache cannot count (%s)",
        scope,
        error.__class__.__name__ if error else "unavailable",
        # The degrading cache logged the outage itself (core.cache).
        exc_info=None if isinstance(error, CacheUnavailable) else error,
    )


def hits(address: str, *, scope: str, window: int = 60) -> int:
    """Requests counted for this address in the current window (0 when the cache
    cannot tell)."""
    try:
        return int(cache.get(_key(address, scope, window)) or 0)
    except Exception as error:  # noqa: BLE001 - any cache failure: fail open
        _fail_open(scope, error)
        return 0


def record_hit(address: str, *, scope: str, window: int = 60) -> int:
    """Count one request in the current fixed window; return the new count (1
    when the cache cannot count: the limit fails open)."""
    key = _key(address, scope, window)
    try:
        if cache.add(key, 1, window + 30):
            return 1
        try:
            return cache.incr(key)
        except CacheUnavailable:
            raise
        except ValueError:  # expired between add and incr
            cache.add(key, 1, window + 30)
            return 1
    except Exception as error:  # noqa: BLE001 - any cache failure: fail open
        _fail_open(scope, error)
        return 1


def allow_address(address: str, *, scope: str, per_minute: int | None = None) -> bool:
    limit = per_minute if per_minute is not None else settings.SIMULATOR_API_RATE_PER_MINUTE
    if limit <= 0:
        return True
    return record_hit(address, scope=scope) <= limit
