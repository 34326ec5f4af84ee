"""Values kept in the cache until what they are computed from changes.

A `Generation` is a token in the cache that writers replace (`bump`) when the
rows behind some cached values change: now, and again once the transaction
commits (a request in between read the old rows). A value is cached under the
current token (`cached`), so that a bump makes every older value unreachable at
once; they expire by themselves. When the cache is down, the value is built
afresh every time: a page gets slower, never wrong."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

T = TypeVar("T")


class Generation:
    def __init__(self, name: str, *, key: str | None = None):
        self.name = name
        self.key = key or f"generation:{name}"

    def current(self) -> str | None:
        """The token now, created when missing; None when the cache cannot keep one."""
        try:
            token = cache.get(self.key)
            if token is None:
                cache.add(self.key, uuid.uuid4().hex, None)
                token = cache.get(self.key)
        except Exception:  # noqa: BLE001 - any cache failure: build the values afresh
            logger.warning("Cache unavailable (reading generation %s)", self.name, exc_info=True)
            return None
        return token

    def _replace(self) -> None:
        try:
            cache.set(self.key, uuid.uuid4().hex, None)
        except Exception:  # noqa: BLE001 - the values still expire after their timeout
            logger.warning("Cache unavailable (bumping generation %s)", self.name, exc_info=True)

    def bump(self, *args, using=None, **kwargs) -> None:
        """Make every value of this generation stale, now and at commit. Usable as a
        signal receiver."""
        self._replace()
        connection = transaction.get_connection(using)
        if not connection.in_atomic_block:
            return
        pending = getattr(connection, "run_on_commit", None) or []
        if any(len(entry) > 1 and entry[1] == self._replace for entry in pending):
            return
        transaction.on_commit(self._replace, using=using)

    def cached(self, key: str, build: Callable[[], T], *, timeout: int = 60) -> T:
        """`build()`, kept for `timeout` seconds under the current token and `key`."""
        token = self.current()
        if token is None:
            return build()
        full_key = f"{self.key}:{token}:{key}"
        try:
            value = cache.get(full_key)
        except Exception:  # noqa: BLE001
            value = None
        if value is None:
            value = build()
            try:
                cache.set(full_key, value, timeout)
            except Exception:  # noqa: BLE001
                logger.warning("Cache unavailable (keeping %s)", full_key, exc_info=True)
        return value
