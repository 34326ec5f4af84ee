"""Nothing stays stuck in the SMS outbox: a broker outage never fails the
request that queues a text (it waits for the sweeper), a message left "sending"
by a dead worker or queued by a failed enqueue is sent by the sweeper, a failed
one is tried again hourly for 24 h, and a message is never sent twice."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule

from editorial import sms, tasks
from editorial.models import SmsMessage, SmsStatus
from editorial.tests.factories import SmsMessageFactory

pytestmark = pytest.mark.django_db

TO = "+22670123456"


class DownGateway(sms.BaseGateway):
    def send(self, *, to, text):
        raise sms.SmsError("HTTP 503: Service Unavailable")


@pytest.fixture
def locmem(settings):
    settings.SMS_BACKEND = "locmem"
    settings.SMS_MAX_ATTEMPTS = 2
    settings.OUTBOX_STALE_MINUTES = 10
    settings.OUTBOX_FAILED_RETRY_MINUTES = 60
    settings.OUTBOX_FAILED_RETRY_HOURS = 24
    sms.LocmemGateway.outbox = []
    yield settings
    sms.LocmemGateway.outbox = []


def age(message, **fields_minutes_ago):
    now = timezone.now()
    SmsMessage.objects.filter(pk=message.pk).update(
        **{field: now - timedelta(minutes=minutes) for field, minutes in fields_minutes_ago.items()}
    )


def test_the_sms_sweeper_runs_every_five_minutes():
    schedule = Schedule.objects.get(func="editorial.tasks.sweep_sms")
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == (Schedule.MINUTES, 5, -1)


def test_a_broker_outage_leaves_the_sms_queued_for_the_sweeper(
    locmem, django_capture_on_commit_callbacks
):
    with (
        mock.patch("django_q.tasks.async_task", side_effect=ConnectionError("Redis is down")),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        message = sms.queue_sms(to=TO, text="Mission COUV-2026-00001")
    message.refresh_from_db()
    assert message.status == SmsStatus.QUEUED
    assert sms.LocmemGateway.outbox == []

    assert sms.sweep()["stuck"] == 0  # not stale yet
    age(message, queued_at=11)
    assert tasks.sweep_sms() == {"stuck": 1, "failed_due": 0, "enqueued": 1}
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert sms.LocmemGateway.outbox == [(TO, "Mission COUV-2026-00001")]


def test_an_sms_left_sending_by_a_dead_worker_is_sent_once(locmem):
    message = SmsMessageFactory(to=TO, status=SmsStatus.SENDING, attempts=1)
    age(message, claimed_at=11)
    sms.sweep()
    tasks.send_sms(message.pk)  # a late duplicate of the sweeper's task
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert message.attempts == 2
    assert len(sms.LocmemGateway.outbox) == 1


def test_an_sms_being_sent_now_is_left_to_its_worker(locmem):
    message = SmsMessageFactory(to=TO, status=SmsStatus.SENDING, attempts=1)
    age(message, claimed_at=1, queued_at=60)
    assert sms.sweep()["stuck"] == 0
    sms.deliver(sms_id=message.pk)
    message.refresh_from_db()
    assert message.status == SmsStatus.SENDING
    assert sms.LocmemGateway.outbox == []


def test_a_failed_sms_is_retried_hourly_for_24_hours(locmem, settings):
    settings.SMS_BACKEND = f"{__name__}.DownGateway"
    message = SmsMessageFactory(to=TO)
    sms.deliver(sms_id=message.pk)
    sms.deliver(sms_id=message.pk)
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED
    assert message.next_attempt_at > timezone.now() + timedelta(minutes=59)
    assert sms.sweep()["failed_due"] == 0

    settings.SMS_BACKEND = "locmem"
    age(message, next_attempt_at=1)
    assert sms.sweep()["failed_due"] == 1
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert message.attempts == 3

    old = SmsMessageFactory(to=TO, status=SmsStatus.FAILED, attempts=2)
    age(old, created_at=25 * 60, next_attempt_at=5)
    assert sms.sweep()["failed_due"] == 0


def test_a_sent_sms_is_not_sent_again_by_the_sweeper(locmem):
    message = SmsMessageFactory(to=TO)
    age(message, queued_at=30)
    sms.sweep()
    assert sms.sweep()["stuck"] == 0
    tasks.send_sms(message.pk)
    assert len(sms.LocmemGateway.outbox) == 1
