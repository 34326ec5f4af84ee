"""The per-process cap on requests running their view at once (bf1portal.concurrency)."""

import asyncio
import contextlib

from bf1portal.concurrency import ConcurrencyLimit


class SlowApp:
    """Holds each request until released; records how many run at once."""

    def __init__(self):
        self.running = 0
        self.peak = 0
        self.gate = asyncio.Event()

    async def __call__(self, scope, receive, send):
        self.running += 1
        self.peak = max(self.peak, self.running)
        await self.gate.wait()
        self.running -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


async def _request(app, kind="http"):
    sent = []

    async def send(message):
        sent.append(message)

    await app({"type": kind, "path": "/"}, None, send)
    return sent


def test_at_most_limit_requests_run_and_every_one_is_answered():
    async def scenario():
        inner = SlowApp()
        app = ConcurrencyLimit(inner, 3)
        tasks = [asyncio.create_task(_request(app)) for _ in range(10)]
        for _ in range(20):
            await asyncio.sleep(0)
        assert inner.running == 3  # seven wait their turn, without a thread
        inner.gate.set()
        answers = await asyncio.gather(*tasks)
        return inner.peak, app.running, answers

    peak, running, answers = asyncio.run(scenario())
    assert peak == 3
    assert running == 0
    assert all(answer[0]["status"] == 200 for answer in answers)


def test_a_turn_is_given_back_when_the_response_starts():
    async def scenario():
        started_streaming = asyncio.Event()
        finish = asyncio.Event()

        async def streaming(scope, receive, send):
            await send({"type": "http.response.start", "status": 200, "headers": []})
            started_streaming.set()
            await finish.wait()  # a long download
            await send({"type": "http.response.body", "body": b""})

        app = ConcurrencyLimit(streaming, 1)
        download = asyncio.create_task(_request(app))
        await started_streaming.wait()
        assert app.running == 0
        finish.set()
        await download

    asyncio.run(scenario())


def test_an_error_in_the_view_gives_the_turn_back():
    async def failing(scope, receive, send):
        raise RuntimeError("boom")

    async def scenario():
        app = ConcurrencyLimit(failing, 1)
        for _ in range(3):
            with contextlib.suppress(RuntimeError):
                await _request(app)
        return app.running

    assert asyncio.run(scenario()) == 0


def test_websockets_and_a_zero_limit_pass_straight_through():
    async def scenario():
        inner = SlowApp()
        inner.gate.set()
        await _request(ConcurrencyLimit(inner, 0))
        await _request(ConcurrencyLimit(inner, 1), kind="websocket")
        return inner.peak

    assert asyncio.run(scenario()) == 1
