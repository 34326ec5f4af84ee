"""Nothing stays stuck in the e-mail outbox: the periodic sweeper enqueues again
what a broker outage or a dead worker left behind, retries the failed e-mails
hourly for 24 h, and never sends an e-mail twice. A broker outage never fails
the request that queues an e-mail, and a subject with a line break (legacy
data) never makes delivery fail."""

from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule

from notifications import outbox, services, tasks
from notifications.models import OutgoingEmail
from notifications.tests.factories import OutgoingEmailFactory

pytestmark = pytest.mark.django_db

Status = OutgoingEmail.Status


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("421 Service not available")


@pytest.fixture
def outbox_settings(settings):
    settings.EMAIL_MAX_ATTEMPTS = 3
    settings.OUTBOX_STALE_MINUTES = 10
    settings.OUTBOX_FAILED_RETRY_MINUTES = 60
    settings.OUTBOX_FAILED_RETRY_HOURS = 24
    return settings


def broker_down():
    return mock.patch("django_q.tasks.async_task", side_effect=ConnectionError("Redis is down"))


def age(email, **fields_minutes_ago):
    """Set each of `fields` (a datetime field) to so many minutes ago."""
    now = timezone.now()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        **{field: now - timedelta(minutes=minutes) for field, minutes in fields_minutes_ago.items()}
    )


def test_the_sweeper_runs_every_five_minutes():
    schedule = Schedule.objects.get(func="notifications.tasks.sweep_outbox")
    assert schedule.schedule_type == Schedule.MINUTES
    assert schedule.minutes == 5
    assert schedule.repeats == -1


# --- A broker outage never fails the request -------------------------------------------


def test_a_broker_outage_leaves_the_email_queued_for_the_sweeper(
    outbox_settings, django_capture_on_commit_callbacks
):
    with (
        broker_down(),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),  # the request's transaction
    ):
        record = services.queue_email_message(
            message=EmailMessage("Bienvenue sur BF1 Pub", "Bonjour", to=["awa@example.bf"])
        )
    record.refresh_from_db()
    assert record.status == Status.QUEUED
    assert record.attempts == 0
    assert mail.outbox == []

    # Not yet stale: the sweeper leaves it (its task may still be on its way).
    assert outbox.sweep()["stuck"] == 0
    age(record, queued_at=11)
    result = tasks.sweep_outbox()  # the broker is back

    assert result == {"stuck": 1, "failed_due": 0, "enqueued": 1}
    record.refresh_from_db()
    assert record.status == Status.SENT
    assert [m.subject for m in mail.outbox] == ["Bienvenue sur BF1 Pub"]


def test_a_sweep_during_an_outage_changes_nothing_and_stops_at_once(outbox_settings):
    emails = OutgoingEmailFactory.create_batch(3)
    for email in emails:
        age(email, queued_at=30)
    with broker_down() as async_task:
        result = outbox.sweep()
    assert result == {"stuck": 3, "failed_due": 0, "enqueued": 0}
    assert async_task.call_count == 1  # no wait on a dead broker for every row
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {Status.QUEUED}


# --- Stuck rows ------------------------------------------------------------------------


def test_an_email_left_sending_by_a_dead_worker_is_sent_by_the_sweeper(outbox_settings):
    email = OutgoingEmailFactory(status=Status.SENDING, attempts=1)
    age(email, claimed_at=11)

    assert outbox.sweep()["enqueued"] == 1

    email.refresh_from_db()
    assert email.status == Status.SENT
    assert email.attempts == 2
    assert len(mail.outbox) == 1


def test_an_email_being_sent_now_is_left_to_its_worker(outbox_settings):
    email = OutgoingEmailFactory(status=Status.SENDING, attempts=1)
    age(email, claimed_at=2, queued_at=60)

    assert outbox.sweep() == {"stuck": 0, "failed_due": 0, "enqueued": 0}
    email.refresh_from_db()
    assert email.status == Status.SENDING
    assert mail.outbox == []


def test_a_lost_retry_is_picked_up(outbox_settings):
    email = OutgoingEmailFactory(retrying=True)
    age(email, next_attempt_at=11)
    assert outbox.sweep()["stuck"] == 1
    email.refresh_from_db()
    assert email.status == Status.SENT


def test_a_retry_still_planned_is_left_to_its_schedule(outbox_settings):
    OutgoingEmailFactory(retrying=True)  # next attempt in a minute
    assert outbox.sweep()["stuck"] == 0
    assert mail.outbox == []


# --- Failed e-mails: hourly for 24 h ---------------------------------------------------


def test_a_failed_email_is_retried_hourly_then_sent_when_the_server_is_back(
    outbox_settings, settings
):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.FailingBackend"
    email = OutgoingEmailFactory()
    for _attempt in range(3):
        outbox.deliver_email(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == Status.FAILED
    assert email.attempts == 3
    assert outbox.sweep()["failed_due"] == 0  # not before its hour

    # An hour later, the server still down: one more attempt, failed again.
    age(email, next_attempt_at=1)
    assert outbox.sweep()["failed_due"] == 1
    email.refresh_from_db()
    assert email.status == Status.FAILED
    assert email.attempts == 4
    assert email.next_attempt_at > timezone.now() + timedelta(minutes=59)

    # The next hour, the server is back.
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    age(email, next_attempt_at=1)
    assert outbox.sweep()["failed_due"] == 1
    email.refresh_from_db()
    assert email.status == Status.SENT
    assert email.attempts == 5
    assert len(mail.outbox) == 1


def test_a_failed_email_is_left_failed_after_24_hours(outbox_settings, settings):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.FailingBackend"
    old = OutgoingEmailFactory(failed=True)
    age(old, created_at=25 * 60, next_attempt_at=5)
    assert outbox.sweep()["failed_due"] == 0
    old.refresh_from_db()
    assert old.status == Status.FAILED

    # Its last attempt inside the window plans no further one.
    late = OutgoingEmailFactory(status=Status.RETRYING, attempts=3)
    age(late, created_at=23 * 60 + 30)
    outbox.deliver_email(email_id=late.pk)
    late.refresh_from_db()
    assert late.status == Status.FAILED
    assert late.next_attempt_at is None
    assert outbox.sweep() == {"stuck": 0, "failed_due": 0, "enqueued": 0}


# --- Exactly once ----------------------------------------------------------------------


def test_a_sent_email_redelivered_by_the_sweeper_is_not_sent_again(
    outbox_settings, django_capture_on_commit_callbacks
):
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        record = services.queue_email_message(
            message=EmailMessage("Devis prêt", "Bonjour", to=["awa@example.bf"])
        )
    age(record, queued_at=11)
    # The sweeper picks it up; then the task that was late in the broker runs, a
    # later sweep passes, and the broker redelivers the sweeper's task: one e-mail.
    assert outbox.sweep()["enqueued"] == 1
    tasks.deliver_email(record.pk)
    assert outbox.sweep() == {"stuck": 0, "failed_due": 0, "enqueued": 0}
    tasks.deliver_email(record.pk)

    record.refresh_from_db()
    assert record.status == Status.SENT
    assert record.attempts == 1
    assert len(mail.outbox) == 1


# --- A line break in a subject ---------------------------------------------------------


def test_a_subject_with_line_breaks_is_flattened_when_queued(
    outbox_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = services.queue_email_message(
            message=EmailMessage(
                "Campagne « Soldes »\r\nBcc: pirate@example.com", "Bonjour", to=["a@example.bf"]
            )
        )
    record.refresh_from_db()
    assert record.subject == "Campagne « Soldes » Bcc: pirate@example.com"
    assert record.status == Status.SENT
    assert mail.outbox[0].subject == "Campagne « Soldes » Bcc: pirate@example.com"
    assert mail.outbox[0].bcc == []


def test_a_stored_subject_with_line_breaks_is_still_delivered(outbox_settings):
    legacy = OutgoingEmailFactory(subject="Campagne validée\nÀ l'antenne demain")
    outbox.deliver_email(email_id=legacy.pk)
    legacy.refresh_from_db()
    assert legacy.status == Status.SENT
    assert legacy.last_error == ""
    assert mail.outbox[0].subject == "Campagne validée À l'antenne demain"
