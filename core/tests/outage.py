"""A Redis outage for tests (no test here): the site's cache is the degrading
Redis cache pointed at a closed port, the django-q2 broker refuses every job,
and the channel layer's sends fail; e-mails go through the outbox as in
production. A test module's fixture `redis_down` yields from `simulate`;
`redis_down.broker.down = False` brings the broker back."""

from __future__ import annotations

import logging

import redis
from channels.layers import InMemoryChannelLayer

from core import cache as core_cache

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def refused() -> redis.exceptions.ConnectionError:
    return redis.exceptions.ConnectionError(
        "Error 111 connecting to 127.0.0.1:1. Connection refused."
    )


class DeadChannelLayer(InMemoryChannelLayer):
    """A channel layer whose Redis is gone: every send fails."""

    async def send(self, channel, message):
        raise refused()

    async def group_send(self, group, message):
        raise refused()

    async def group_add(self, group, channel):
        raise refused()


class Broker:
    """Stands for `django_q.tasks.async_task`: refuses every job while `down`
    (as the Redis broker does when Redis is gone), hands it on otherwise."""

    def __init__(self, real):
        self.real = real
        self.down = True
        self.refused: list[str] = []

    def async_task(self, func, *args, **kwargs):
        if self.down:
            self.refused.append(func if isinstance(func, str) else repr(func))
            raise refused()
        return self.real(func, *args, **kwargs)


class DeadBroker:
    def ping(self):
        raise refused()


class Outage:
    def __init__(self, broker: Broker):
        self.broker = broker


def simulate(settings, monkeypatch, caplog):
    """Cache, broker and channel layer all down (see the module's docstring):
    the body of a test module's `redis_down` fixture (`yield from simulate(...)`)."""
    import django_q.brokers
    import django_q.tasks

    from simulator import selectors

    core_cache.reset_outages()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": DEAD_REDIS,
            "KEY_PREFIX": "bf1",
            "RETRY_AFTER": 0,  # every operation really tries the dead server
        }
    }
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "core.tests.outage.DeadChannelLayer"}}
    # As in production: every e-mail goes through the outbox and its task (the
    # test runner's default sends at once).
    settings.EMAIL_BACKEND = "notifications.email_backend.QueuedEmailBackend"
    broker = Broker(django_q.tasks.async_task)
    monkeypatch.setattr(django_q.tasks, "async_task", broker.async_task)
    monkeypatch.setattr(django_q.brokers, "get_broker", lambda *args, **kwargs: DeadBroker())
    selectors._current.clear()  # nothing remembered from before the outage
    caplog.set_level(logging.WARNING)
    yield Outage(broker)
    selectors._current.clear()
    core_cache.reset_outages()
