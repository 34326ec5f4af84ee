"""The SMS gateway: the console gateway of development, the HTTP gateway of
production (urlopen mocked: nothing leaves the machine), failures recorded and
retried through django-q2, then given up."""

import io
import json
import logging
import urllib.error
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django_q.models import Schedule

from editorial import sms
from editorial.models import SmsMessage, SmsStatus

pytestmark = pytest.mark.django_db

TO = "+22670123456"


class _Answer(io.BytesIO):
    def __init__(self, body: bytes, status: int = 200):
        super().__init__(body)
        self.status = status

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.fixture
def http_gateway(settings):
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_URL = "https://sms.example.bf/api/messages"
    settings.SMS_HTTP_TOKEN = "secret-token"
    settings.SMS_SENDER = "BF1"
    settings.SMS_HTTP_TIMEOUT = 7
    settings.SMS_MAX_ATTEMPTS = 3


@pytest.fixture
def no_sync_q(settings):
    """Retries scheduled for later (as in production) instead of run at once."""
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": False}


def test_the_console_gateway_is_the_default_and_sends_nothing(settings, caplog, capsys):
    settings.SMS_BACKEND = "console"
    assert isinstance(sms.get_gateway(), sms.ConsoleGateway)
    message = SmsMessage.objects.create(to=TO, body="Mission COUV-2026-00001")
    with caplog.at_level(logging.INFO, logger="editorial.sms"):
        sms.deliver(sms_id=message.pk)
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert message.attempts == 1
    assert "Mission COUV-2026-00001" in caplog.text
    assert f"[SMS → {TO}] Mission COUV-2026-00001" in capsys.readouterr().out


def test_the_http_gateway_posts_json_with_the_token(http_gateway):
    message = SmsMessage.objects.create(to=TO, body="Mission à confirmer")
    with mock.patch("urllib.request.urlopen", return_value=_Answer(b'{"id": "msg-42"}')) as urlopen:
        sms.deliver(sms_id=message.pk)

    request = urlopen.call_args.args[0]
    assert request.full_url == "https://sms.example.bf/api/messages"
    assert request.get_method() == "POST"
    assert request.get_header("Authorization") == "Bearer secret-token"
    assert request.get_header("Content-type") == "application/json"
    assert json.loads(request.data) == {"to": TO, "from": "BF1", "text": "Mission à confirmer"}
    assert urlopen.call_args.kwargs["timeout"] == 7
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert message.gateway_reference == "msg-42"
    assert message.sent_at is not None


def test_a_gateway_failure_is_recorded_and_retried_later(http_gateway, no_sync_q):
    message = SmsMessage.objects.create(to=TO, body="Mission à confirmer")
    error = urllib.error.HTTPError(
        "https://sms.example.bf/api/messages", 503, "Service Unavailable", {}, None
    )
    with mock.patch("urllib.request.urlopen", side_effect=error):
        sms.deliver(sms_id=message.pk)

    message.refresh_from_db()
    assert message.status == SmsStatus.RETRYING
    assert message.attempts == 1
    assert message.last_error == "HTTP 503: Service Unavailable"
    assert message.next_attempt_at is not None
    retry = Schedule.objects.get(func="editorial.tasks.send_sms")
    assert retry.args == repr((message.pk,))
    assert retry.schedule_type == Schedule.ONCE


def test_a_network_error_is_given_up_after_the_last_attempt(http_gateway, no_sync_q):
    message = SmsMessage.objects.create(to=TO, body="Mission à confirmer")
    with mock.patch(
        "urllib.request.urlopen", side_effect=urllib.error.URLError("Name or service not known")
    ):
        for _attempt in range(3):
            sms.deliver(sms_id=message.pk)
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED
    assert message.attempts == 3
    assert "Name or service not known" in message.last_error
    with mock.patch("urllib.request.urlopen") as urlopen:
        sms.deliver(sms_id=message.pk)  # failed for good: not sent again
    urlopen.assert_not_called()


def test_a_sent_message_is_never_sent_twice(http_gateway):
    message = SmsMessage.objects.create(to=TO, body="Mission", status=SmsStatus.SENT)
    with mock.patch("urllib.request.urlopen") as urlopen:
        sms.deliver(sms_id=message.pk)
    urlopen.assert_not_called()


def test_queued_messages_are_sent_by_the_task_after_commit(
    settings, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "locmem"
    sms.LocmemGateway.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        message = sms.queue_sms(to=TO, text="Bonjour")
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert sms.LocmemGateway.outbox == [(TO, "Bonjour")]


def test_the_http_gateway_needs_its_url(settings):
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_URL = ""
    with pytest.raises(ImproperlyConfigured):
        sms.get_gateway()
    message = SmsMessage.objects.create(to=TO, body="Mission")
    settings.SMS_MAX_ATTEMPTS = 1
    sms.deliver(sms_id=message.pk)
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED
    assert "SMS_HTTP_URL" in message.last_error


def test_a_gateway_can_be_named_by_its_dotted_path(settings):
    settings.SMS_BACKEND = "editorial.sms.LocmemGateway"
    assert isinstance(sms.get_gateway(), sms.LocmemGateway)
    settings.SMS_BACKEND = "nowhere.Gateway"
    with pytest.raises(ImproperlyConfigured):
        sms.get_gateway()
