"""A Redis cache that degrades instead of failing the request.

`DegradingRedisCache` (the cache of `REDIS_URL`) is Django's `RedisCache` whose
operations, when Redis cannot be reached (connection refused, timeout, a server
that is loading or read-only...), answer as a miss: `get` gives the default,
`get_many` {}, `add`/`set`/`touch`/`delete`/`has_key` False, `incr`/`decr`
raise `CacheUnavailable` (a `ValueError`, Django's "no such key"), `clear` and
`delete_many` do nothing. A page then reads the database instead of its cache;
nothing else changes.

So that a dead Redis does not stall every request:
- the client's timeouts are short (`socket_connect_timeout` / `socket_timeout`
  in OPTIONS, 0.5 s unless the settings say otherwise);
- after a failure, the process leaves Redis alone for `RETRY_AFTER` seconds
  (a key of the cache's settings, 5 by default): every operation is a miss at once;
- the failure is logged once per `LOG_EVERY` seconds (60), with how many others
  were left out, not once per request; the return of Redis is logged too.

What must see the outage itself (`/healthz`) uses `cache.strict`: the same
client, without the degradation."""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 0.5
DEFAULT_RETRY_AFTER = 5.0
DEFAULT_LOG_EVERY = 60.0


class CacheUnavailable(ValueError):
    """`incr`/`decr` while the cache is down (a ValueError: Django's "no such
    key", so that callers treat it as a miss)."""


def outage_errors() -> tuple[type[BaseException], ...]:
    """The errors that mean "Redis cannot answer now" (not a programming error)."""
    import redis

    return (redis.exceptions.RedisError, OSError)


class Outage:
    """The state of one Redis server, shared by the threads of the process."""

    def __init__(self, name: str, *, retry_after: float, log_every: float):
        self.name = name
        self.retry_after = retry_after
        self.log_every = log_every
        self.down_until = 0.0
        self.down = False
        self.last_logged = float("-inf")
        self.left_out = 0
        self._lock = threading.Lock()

    def skipping(self) -> bool:
        """True while the process leaves Redis alone after a failure."""
        return self.down and time.monotonic() < self.down_until

    def failed(self, operation: str, error: BaseException) -> None:
        now = time.monotonic()
        with self._lock:
            self.down = True
            self.down_until = now + self.retry_after
            if now - self.last_logged < self.log_every:
                self.left_out += 1
                return
            left_out, self.left_out = self.left_out, 0
            self.last_logged = now
        logger.warning(
            "Cache %s unreachable (%s during %s); answering as a miss for %.0f s "
            "(%d similar errors not logged)",
            self.name,
            error.__class__.__name__,
            operation,
            self.retry_after,
            left_out,
            exc_info=error,
        )

    def answered(self) -> None:
        if not self.down:
            return
        with self._lock:
            was_down, self.down = self.down, False
            self.left_out = 0
            self.last_logged = float("-inf")
        if was_down:
            logger.warning("Cache %s answers again", self.name)

    def reset(self) -> None:
        with self._lock:
            self.down = False
            self.down_until = 0.0
            self.left_out = 0
            self.last_logged = float("-inf")


_outages: dict[tuple, Outage] = {}
_outages_lock = threading.Lock()


def outage_for(servers, *, retry_after: float, log_every: float) -> Outage:
    key = (tuple(servers), retry_after, log_every)
    with _outages_lock:
        if key not in _outages:
            _outages[key] = Outage(
                ", ".join(_without_password(s) for s in servers),
                retry_after=retry_after,
                log_every=log_every,
            )
        return _outages[key]


def reset_outages() -> None:
    """Forget every failure seen (tests; a process that knows Redis is back)."""
    with _outages_lock:
        for outage in _outages.values():
            outage.reset()


def _without_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        rest = rest.rsplit("@", 1)[1]
    return f"{scheme}{sep}{rest}"


class StrictAccess:
    """The plain `RedisCache` operations of a degrading cache: an outage raises."""

    def __init__(self, cache: DegradingRedisCache):
        self._cache = cache

    def __getattr__(self, name):
        method = getattr(RedisCache, name)

        def call(*args, **kwargs):
            return method(self._cache, *args, **kwargs)

        return call


class DegradingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._options = {
            "socket_connect_timeout": DEFAULT_TIMEOUT_SECONDS,
            "socket_timeout": DEFAULT_TIMEOUT_SECONDS,
            **self._options,
        }
        self._outage = outage_for(
            self._servers,
            retry_after=float(params.get("RETRY_AFTER", DEFAULT_RETRY_AFTER)),
            log_every=float(params.get("LOG_EVERY", DEFAULT_LOG_EVERY)),
        )
        self._errors = outage_errors()

    @property
    def strict(self) -> StrictAccess:
        """This cache without the degradation (for the health check)."""
        return StrictAccess(self)

    @property
    def is_degraded(self) -> bool:
        """True while the last attempt failed and Redis is left alone."""
        return self._outage.skipping()

    def _guard(self, operation: str, fallback, method, *args):
        if self._outage.skipping():
            return False, fallback
        try:
            result = method(*args)
        except self._errors as error:
            self._outage.failed(operation, error)
            return False, fallback
        self._outage.answered()
        return True, result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("add", False, super().add, key, value, timeout, version)[1]

    def get(self, key, default=None, version=None):
        return self._guard("get", default, super().get, key, default, version)[1]

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        ok, result = self._guard("set", False, super().set, key, value, timeout, version)
        return result if ok else False

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, super().touch, key, timeout, version)[1]

    def delete(self, key, version=None):
        return self._guard("delete", False, super().delete, key, version)[1]

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, super().get_many, keys, version)[1]

    def has_key(self, key, version=None):
        return self._guard("has_key", False, super().has_key, key, version)[1]

    def incr(self, key, delta=1, version=None):
        ok, result = self._guard("incr", None, super().incr, key, delta, version)
        if not ok:
            raise CacheUnavailable(f"The cache cannot count {key!r} now")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        ok, result = self._guard("set_many", None, super().set_many, data, timeout, version)
        return result if ok else list(data)

    def delete_many(self, keys, version=None):
        self._guard("delete_many", None, super().delete_many, keys, version)

    def clear(self):
        return self._guard("clear", False, super().clear)[1]
