"""One request at a time on the test servers, and no request while a test's
database is reset.

On the default test database (in-memory SQLite) the live servers share the
test's one connection with their threads: two requests at the same instant (a
page's poll and another page's form) would open two transactions on it, and a
request still running when the browser closes (a last poll) would write inside
the flush that empties the database for the next test ("FOREIGN KEY constraint
failed" at its commit). So:

- pytest-django's WSGI live server handles one request at a time
  (`OneWsgiRequestAtATime`, installed by the `live_server` fixture of
  tests/e2e/conftest.py), its whole body sent under the same lock;
- the ASGI server (tests/e2e/asgi_server.py) counts the HTTP requests it is
  handling (`ASGI_REQUESTS`);
- a transactional test's database reset (the flush after it, the serialized
  rollback before it) waits for both: the lock taken, no ASGI request left.

The waits are bounded (a request that never ends is reported by its own test,
not turned into a hung run). On PostgreSQL each thread has its own connection;
the lock then only orders requests, which the journeys do not notice."""

from __future__ import annotations

import threading
from contextlib import contextmanager

SERVER_LOCK = threading.Lock()
WAIT_SECONDS = 60


class RequestCount:
    """HTTP requests being handled, and a wait for none."""

    def __init__(self):
        self._count = 0
        self._changed = threading.Condition()

    def __enter__(self):
        with self._changed:
            self._count += 1

    def __exit__(self, *exc):
        with self._changed:
            self._count -= 1
            self._changed.notify_all()

    def wait_for_none(self, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self._count == 0, timeout)


ASGI_REQUESTS = RequestCount()


class OneWsgiRequestAtATime:
    """A WSGI application that handles one request at a time: the response is
    read whole (and closed, which ends Django's request) under the lock."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        with SERVER_LOCK:
            response = self.application(environ, start_response)
            try:
                return list(response)
            finally:
                close = getattr(response, "close", None)
                if close is not None:
                    close()


def serialize(live_server) -> None:
    """Makes pytest-django's running live server one request at a time, and
    the database resets of transactional tests wait for its requests."""
    httpd = live_server.thread.httpd
    if not isinstance(httpd.get_app(), OneWsgiRequestAtATime):
        httpd.set_app(OneWsgiRequestAtATime(httpd.get_app()))
    guard_database_resets()


@contextmanager
def servers_idle():
    acquired = SERVER_LOCK.acquire(timeout=WAIT_SECONDS)
    try:
        ASGI_REQUESTS.wait_for_none(WAIT_SECONDS)
        yield
    finally:
        if acquired:
            SERVER_LOCK.release()


def guard_database_resets() -> None:
    """TransactionTestCase's reset of the database (before and after each
    transactional test) runs while no server request does."""
    from django.test import TransactionTestCase

    if getattr(TransactionTestCase, "_resets_wait_for_servers", False):
        return
    for name in ("_fixture_setup", "_fixture_teardown"):
        declared = TransactionTestCase.__dict__[name]
        is_classmethod = isinstance(declared, classmethod)
        original = declared.__func__ if is_classmethod else declared

        def guarded(self_or_cls, _original=original):
            with servers_idle():
                return _original(self_or_cls)

        setattr(TransactionTestCase, name, classmethod(guarded) if is_classmethod else guarded)
    TransactionTestCase._resets_wait_for_servers = True
