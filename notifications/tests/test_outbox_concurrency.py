"""Two workers handed the same e-mail at the same moment (the original task and
the sweeper's, or a broker redelivery) send it once: the row is claimed under a
row lock before sending (PostgreSQL; SQLite serialises writers anyway, so this
test is skipped there).

Run it with:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bf1_outbox \
        .venv/bin/python -m pytest -n 0 notifications/tests/test_outbox_concurrency.py"""

import threading
import time

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, connections

from notifications import outbox
from notifications.models import OutgoingEmail
from notifications.tests.factories import OutgoingEmailFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class SlowBackend(BaseEmailBackend):
    """A mail server that takes 0.5 s to accept a message: long enough for a
    second worker to reach the row while the first is still sending."""

    sent: list[str] = []
    lock = threading.Lock()

    def send_messages(self, email_messages):
        time.sleep(0.5)
        with self.lock:
            type(self).sent.extend(m.subject for m in email_messages)
        return len(email_messages)


def in_parallel(*calls):
    """Run each call in its own thread (own database connection), released
    together by a barrier; returns the error of each call, or None."""
    barrier = threading.Barrier(len(calls))
    errors: list[str | None] = [None] * len(calls)

    def run(index, call):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=30)
            call()
        except Exception as exc:  # noqa: BLE001 - reported by the assertions
            errors[index] = f"{type(exc).__name__}: {exc}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return errors


@pytest.mark.parametrize("status", [OutgoingEmail.Status.QUEUED, OutgoingEmail.Status.RETRYING])
def test_two_workers_racing_on_one_email_send_it_once(settings, status):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.SlowBackend"
    SlowBackend.sent = []
    email = OutgoingEmailFactory(subject="Facture F-2026-0042", status=status)

    def worker():
        outbox.deliver_email(email_id=email.pk)

    assert in_parallel(worker, worker) == [None, None]

    email.refresh_from_db()
    assert SlowBackend.sent == ["Facture F-2026-0042"]
    assert email.status == OutgoingEmail.Status.SENT
    assert email.attempts == 1
