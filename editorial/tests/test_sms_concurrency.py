"""Two workers handed the same text message at the same moment send it once:
the row is claimed under a row lock before the gateway is called (PostgreSQL;
skipped on SQLite, which serialises writers anyway).

Run it with:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bf1_outbox \
        .venv/bin/python -m pytest -n 0 editorial/tests/test_sms_concurrency.py"""

import threading
import time

import pytest
from django.db import connection

from editorial import sms
from editorial.models import SmsStatus
from editorial.tests.factories import SmsMessageFactory
from notifications.tests.test_outbox_concurrency import in_parallel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class SlowGateway(sms.BaseGateway):
    """A gateway that takes 0.5 s to accept a message."""

    sent: list[tuple[str, str]] = []
    lock = threading.Lock()

    def send(self, *, to, text):
        time.sleep(0.5)
        with self.lock:
            type(self).sent.append((to, text))
        return "slow-1"


def test_two_workers_racing_on_one_sms_send_it_once(settings):
    settings.SMS_BACKEND = f"{__name__}.SlowGateway"
    SlowGateway.sent = []
    message = SmsMessageFactory(to="+22670123456", body="Mission COUV-2026-00007")

    def worker():
        sms.deliver(sms_id=message.pk)

    assert in_parallel(worker, worker) == [None, None]

    message.refresh_from_db()
    assert SlowGateway.sent == [("+22670123456", "Mission COUV-2026-00007")]
    assert message.status == SmsStatus.SENT
    assert message.attempts == 1
