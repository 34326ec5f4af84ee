"""At most ASGI_MAX_CONCURRENT_REQUESTS HTTP requests run their Django view at
once in one web process; the others wait, in arrival order, on the event loop.

Under ASGI every request gets its own thread for Django's synchronous code, and
each thread its own database connection: 50 clients opened more than 100
PostgreSQL connections. With this cap (equal to the psycopg pool by default,
settings DB_POOL_MAX_SIZE) a burst waits its turn instead of piling up threads
that time out waiting for a connection. A request gives its turn back as soon as
its response starts, so a long download never blocks the others. WebSockets and
lifespan events are not counted."""

from __future__ import annotations

import asyncio


class ConcurrencyLimit:
    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit
        self._semaphore: asyncio.Semaphore | None = None
        self.running = 0
        self.peak = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.limit <= 0:
            return await self.app(scope, receive, send)
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.limit)
        await self._semaphore.acquire()
        self.running += 1
        self.peak = max(self.peak, self.running)
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                self.running -= 1
                self._semaphore.release()

        async def send_and_release(message):
            if message["type"] == "http.response.start":
                release()
            await send(message)

        try:
            await self.app(scope, receive, send_and_release)
        finally:
            release()
