"""A real ASGI live server for the journeys that need WebSockets.

pytest-django's `live_server` is a WSGI thread server: it cannot upgrade a
connection to a WebSocket. This one runs daphne (the ASGI server of production)
serving `bf1portal.asgi.application`, HTTP and WebSocket, in a thread of the test
process:

- in the same process, it sees the same test database whatever the backend: on
  PostgreSQL each server thread opens its own connection to the test database; an
  in-memory SQLite database (the default test database) cannot be opened by
  another process at all, so, as Django's own live server does, the test's
  connection is shared with the server's threads while a test runs
  (`shared_connections`);
- the approving request, the placement it runs (django-q2 in sync mode) and the
  planning consumer all live in this one server, so channels' in-memory layer
  carries the live update from the first to the last.

Twisted's reactor (installed on asyncio when Django imports `daphne.server`, as
`daphne` is an installed app) can run only once per process: the server starts
once, lazily, and stops at the end of the session. A daemon thread, so a
crashed test run never hangs on it.

channels' `ChannelsLiveServerTestCase` runs daphne in a forked process instead:
that needs a database file (it refuses in-memory SQLite) and a fork of a process
already driving Playwright; the thread avoids both."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db import connections

from tests.e2e.one_request import ASGI_REQUESTS

STARTUP_TIMEOUT = 15  # seconds


class AsgiLiveServer:
    def __init__(self, application, host: str = "127.0.0.1"):
        self.application = application
        self.host = host
        self.port: int | None = None
        self.error: BaseException | None = None
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __str__(self) -> str:
        return self.url

    def start(self) -> AsgiLiveServer:
        self._thread = threading.Thread(target=self._run, name="asgi-live-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(STARTUP_TIMEOUT):
            raise RuntimeError(f"daphne did not start within {STARTUP_TIMEOUT} s")
        if self.error is not None:
            raise RuntimeError(f"daphne did not start: {self.error!r}") from self.error
        return self

    def stop(self) -> None:
        from twisted.internet import reactor

        if self._thread is None:
            return
        if reactor.running:
            reactor.callFromThread(reactor.stop)
        self._thread.join(timeout=10)
        self._thread = None

    # --- In the server's thread -------------------------------------------------------
    def _run(self) -> None:
        import asyncio

        from daphne.endpoints import build_endpoint_description_strings
        from daphne.server import Server
        from twisted.internet import reactor

        try:
            asyncio.set_event_loop(reactor._asyncioEventloop)
            self.server = Server(
                application=self.application,
                endpoints=build_endpoint_description_strings(host=self.host, port=0),
                signal_handlers=False,
                verbosity=0,
            )
            reactor.callLater(0.05, self._resolve_port)
            self.server.run()
        except BaseException as exc:  # noqa: BLE001 - reported to the starting thread
            self.error = exc
            self._ready.set()

    def _resolve_port(self) -> None:
        from twisted.internet import reactor

        if self.server.listening_addresses:
            self.port = self.server.listening_addresses[0][1]
            self._ready.set()
        else:
            reactor.callLater(0.05, self._resolve_port)


def make_application():
    """The project's ASGI application, with the static files served (as
    `live_server` does: tests run without collected static files), one HTTP
    request at a time while the test's connection is shared."""
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    from bf1portal.asgi import application

    return OneRequestAtATime(ASGIStaticFilesHandler(application))


class OneRequestAtATime:
    """Django runs each HTTP request's view in a thread of its own: with one
    shared SQLite connection, two requests at the same instant (a page's poll
    and another page's form) would open two transactions on it ("cannot start
    a transaction within a transaction"). While a connection is shared, HTTP
    requests wait for each other, as one browser tab's would on a small
    server; WebSocket connections are never held (their consumers read only
    briefly, and a socket open for the whole journey would block every
    request). On PostgreSQL nothing is shared and requests run side by side."""

    def __init__(self, application):
        self.application = application
        self._lock = None  # made in the server's event loop, on first use

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.application(scope, receive, send)
        with ASGI_REQUESTS:  # a database reset waits for none (tests/e2e/one_request.py)
            if not SHARING.is_set():
                return await self.application(scope, receive, send)
            import asyncio

            if self._lock is None:
                self._lock = asyncio.Lock()
            async with self._lock:
                return await self.application(scope, receive, send)


SHARING = threading.Event()  # set while `shared_connections` shares one


class _SharedLocal:
    """Stands in for `connections._connections` (a thread-local): the shared
    aliases are the same connection object in every thread; the others stay
    per thread."""

    def __init__(self, local, shared: dict):
        object.__setattr__(self, "_local", local)
        object.__setattr__(self, "_shared", shared)

    def __getattr__(self, alias):
        shared = object.__getattribute__(self, "_shared")
        if alias in shared:
            return shared[alias]
        return getattr(object.__getattribute__(self, "_local"), alias)

    def __setattr__(self, alias, value):
        if alias in object.__getattribute__(self, "_shared"):
            return  # the shared connection stays in place
        setattr(object.__getattribute__(self, "_local"), alias, value)

    def __delattr__(self, alias):
        if alias in object.__getattribute__(self, "_shared"):
            return
        delattr(object.__getattribute__(self, "_local"), alias)


@contextmanager
def shared_connections():
    """While it is open, every thread (the test's and the server's) uses the
    test's connection to an in-memory SQLite database: another connection would
    open the same shared-cache database, but SQLite's table locks would then fail
    concurrent requests at once ("database table is locked"). Django's live
    server shares its connection the same way. Nothing changes for PostgreSQL."""
    shared = {}
    for alias in connections:
        connection = connections[alias]
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            shared[alias] = connection
    if not shared:
        yield
        return
    for connection in shared.values():
        connection.inc_thread_sharing()
    original = connections._connections
    connections._connections = _SharedLocal(original, shared)
    SHARING.set()
    try:
        yield
    finally:
        SHARING.clear()
        connections._connections = original
        for connection in shared.values():
            connection.dec_thread_sharing()
