"""Every e-mail is stored, sent by a django-q2 task, retried when delivery fails and
its delivery state kept."""

from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone
from django_q.models import Schedule

from bf1portal.settings import base as base_settings
from notifications import services
from notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db

QUEUED_BACKEND = "notifications.email_backend.QueuedEmailBackend"


class FailingBackend(BaseEmailBackend):
    """A mail server that never accepts anything."""

    def send_messages(self, email_messages):
        raise SMTPException("451 4.3.0 Mail server temporarily rejected message")


class FlakyBackend(LocmemBackend):
    """Refuses the first `failures` messages, then delivers to the locmem outbox."""

    failures = 0

    def send_messages(self, email_messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise SMTPException("421 Service not available")
        return super().send_messages(email_messages)


@pytest.fixture
def queued(settings):
    settings.EMAIL_BACKEND = QUEUED_BACKEND
    settings.EMAIL_MAX_ATTEMPTS = 3
    settings.EMAIL_RETRY_DELAY_SECONDS = 60
    return settings


@pytest.fixture
def not_sync(settings):
    """django-q2 as in production: retries wait in a Schedule."""
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": False}
    return settings


def test_the_portal_sends_through_the_queue_by_default():
    # pytest-django swaps EMAIL_BACKEND for locmem; the project's own value is this one.
    assert base_settings.EMAIL_BACKEND == QUEUED_BACKEND


def test_a_message_is_stored_then_delivered(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_mail(
            "Votre campagne est validée",
            "Bonjour,\nvotre campagne passera à l'antenne.",
            None,
            ["Client@Example.bf"],
            html_message="<p>Bonjour</p>",
        )

    assert sent == 1
    record = OutgoingEmail.objects.get()
    assert record.status == OutgoingEmail.Status.SENT
    assert record.attempts == 1
    assert record.sent_at is not None
    assert record.last_error == ""
    assert record.to == ["Client@Example.bf"]
    assert record.html_body == "<p>Bonjour</p>"

    assert len(mail.outbox) == 1
    delivered = mail.outbox[0]
    assert delivered.subject == "Votre campagne est validée"
    assert delivered.to == ["Client@Example.bf"]
    assert delivered.from_email == "BF1 Pub <no-reply@bf1.bf>"
    assert delivered.alternatives[0][1] == "text/html"


def test_nothing_is_sent_before_the_transaction_commits(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_mail("Sujet", "Corps", None, ["client@example.bf"])
    assert len(callbacks) == 1
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.QUEUED
    assert mail.outbox == []


def test_a_message_without_recipient_is_skipped(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        count = EmailMultiAlternatives("Sujet", "Corps", to=[]).send()
    assert count == 0
    assert not OutgoingEmail.objects.exists()


def test_cc_bcc_and_reply_to_are_kept(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        EmailMultiAlternatives(
            "Sujet",
            "Corps",
            "commercial@bf1.bf",
            to=["a@example.bf"],
            cc=["b@example.bf"],
            bcc=["c@example.bf"],
            reply_to=["d@example.bf"],
        ).send()
    delivered = mail.outbox[0]
    assert delivered.from_email == "commercial@bf1.bf"
    assert delivered.cc == ["b@example.bf"]
    assert delivered.bcc == ["c@example.bf"]
    assert delivered.reply_to == ["d@example.bf"]


def test_a_failing_server_is_retried_then_given_up(
    queued, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Sujet", "Corps", None, ["client@example.bf"])

    record = OutgoingEmail.objects.get()
    assert record.status == OutgoingEmail.Status.FAILED
    assert record.attempts == 3
    assert "SMTPException" in record.last_error
    assert "451" in record.last_error
    # Failed for now: the sweeper tries it again in an hour (within 24 h).
    assert record.next_attempt_at > timezone.now() + timedelta(minutes=59)
    assert record.next_attempt_at < timezone.now() + timedelta(minutes=61)
    assert record.sent_at is None
    assert mail.outbox == []


def test_a_temporary_failure_is_retried_until_sent(
    queued, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.failures = 2
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Sujet", "Corps", None, ["client@example.bf"])

    record = OutgoingEmail.objects.get()
    assert record.status == OutgoingEmail.Status.SENT
    assert record.attempts == 3
    assert record.last_error == ""
    assert len(mail.outbox) == 1


def make_record(**overrides):
    values = {"subject": "Sujet", "from_email": "no-reply@bf1.bf", "to": ["c@example.bf"]}
    values.update(overrides)
    return OutgoingEmail.objects.create(body="Corps", **values)


def test_a_failure_schedules_a_retry_with_a_growing_delay(queued, not_sync, settings):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.FailingBackend"
    record = make_record()

    before = timezone.now()
    services.deliver_email(email_id=record.pk)

    record.refresh_from_db()
    assert record.status == OutgoingEmail.Status.RETRYING
    assert record.attempts == 1
    assert "SMTPException" in record.last_error
    assert before + timedelta(seconds=59) < record.next_attempt_at
    assert record.next_attempt_at < timezone.now() + timedelta(seconds=61)
    retries = Schedule.objects.filter(func="notifications.tasks.deliver_email")
    schedule = retries.get()
    assert schedule.args == repr((record.pk,))
    assert schedule.schedule_type == Schedule.ONCE
    assert schedule.next_run > before

    # The second attempt (what the schedule runs) waits twice as long.
    services.deliver_email(email_id=record.pk)
    record.refresh_from_db()
    assert record.attempts == 2
    assert record.status == OutgoingEmail.Status.RETRYING
    assert record.next_attempt_at > timezone.now() + timedelta(seconds=110)
    assert retries.count() == 2

    # The third is the last one allowed.
    services.deliver_email(email_id=record.pk)
    record.refresh_from_db()
    assert record.attempts == 3
    assert record.status == OutgoingEmail.Status.FAILED
    assert retries.count() == 2


def test_a_scheduled_retry_delivers_once_the_server_is_back(queued, not_sync, settings):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.FailingBackend"
    record = make_record()
    services.deliver_email(email_id=record.pk)

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from notifications.tasks import deliver_email as task

    task(record.pk)  # what the django-q2 schedule calls

    record.refresh_from_db()
    assert record.status == OutgoingEmail.Status.SENT
    assert record.attempts == 2
    assert record.last_error == ""
    assert record.next_attempt_at is None
    assert len(mail.outbox) == 1


def test_a_sent_email_is_never_sent_twice(queued):
    record = make_record()
    services.deliver_email(email_id=record.pk)
    services.deliver_email(email_id=record.pk)
    record.refresh_from_db()
    assert record.attempts == 1
    assert len(mail.outbox) == 1


def test_delivering_a_missing_email_does_nothing():
    assert services.deliver_email(email_id=987654) is None
    assert mail.outbox == []


def test_an_email_being_sent_by_another_worker_is_not_sent_again(queued):
    record = make_record()
    OutgoingEmail.objects.filter(pk=record.pk).update(
        status=OutgoingEmail.Status.SENDING, claimed_at=timezone.now(), attempts=1
    )
    services.deliver_email(email_id=record.pk)
    record.refresh_from_db()
    assert record.status == OutgoingEmail.Status.SENDING
    assert record.attempts == 1
    assert mail.outbox == []


def test_a_claim_left_by_a_dead_worker_is_taken_over(queued):
    record = make_record()
    OutgoingEmail.objects.filter(pk=record.pk).update(
        status=OutgoingEmail.Status.SENDING,
        claimed_at=timezone.now() - timedelta(hours=1),
        attempts=1,
    )
    services.deliver_email(email_id=record.pk)
    record.refresh_from_db()
    assert record.status == OutgoingEmail.Status.SENT
    assert record.claimed_at is None
    assert len(mail.outbox) == 1


def test_attachments_and_headers_survive_the_queue(queued, django_capture_on_commit_callbacks):
    message = EmailMultiAlternatives(
        subject="Facture F-2026-0001",
        body="Veuillez trouver votre facture.",
        to=["client@example.bf"],
        headers={"X-BF1-Document": "invoice"},
    )
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
    message.attach("facture.pdf", pdf, "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        message.send()
    assert len(mail.outbox) == 1
    delivered = mail.outbox[0]
    assert delivered.attachments == [("facture.pdf", pdf, "application/pdf")]
    assert delivered.extra_headers["X-BF1-Document"] == "invoice"
