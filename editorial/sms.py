"""Text messages to the crew, through a pluggable gateway.

`settings.SMS_BACKEND` chooses the gateway:

- "console" (the default, for development): the message is written to the log
  and to the standard output, nothing leaves the machine;
- "http" (production): a JSON POST to `SMS_HTTP_URL` with the bearer token
  `SMS_HTTP_TOKEN` and the sender name `SMS_SENDER` (urllib, timeout
  `SMS_HTTP_TIMEOUT`);
- "locmem": kept in `LocmemGateway.outbox` (tests);
- or the dotted path of a class with a `send(*, to, text) -> str` method.

Every message is stored first (`SmsMessage`) and sent by a django-q2 task once
the transaction commits; a failure is recorded on the message and retried with
a growing delay, up to `SMS_MAX_ATTEMPTS`, then the message is marked failed.
The sweeper (`sweep`, every 5 minutes, migration 0004) enqueues again what a
broker outage or a dead worker left behind and retries the failed ones, with the
timing of the e-mail outbox (`notifications.outbox`, OUTBOX_* settings)."""

from __future__ import annotations

import json
import logging
import sys
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from core import queue
from notifications import outbox

from .models import SmsMessage, SmsStatus

logger = logging.getLogger(__name__)

TASK = "editorial.tasks.send_sms"
RETRY_DELAY_SECONDS = 60


class SmsError(Exception):
    """The gateway could not take the message (recorded on the SmsMessage)."""


class BaseGateway:
    def send(self, *, to: str, text: str) -> str:  # pragma: no cover - interface
        """Send `text` to `to` (E.164); return the gateway's reference or raise SmsError."""
        raise NotImplementedError


class ConsoleGateway(BaseGateway):
    """Development: the message is logged and printed, never sent."""

    def send(self, *, to: str, text: str) -> str:
        logger.info("SMS to %s: %s", to, text)
        sys.stdout.write(f"[SMS → {to}] {text}\n")
        sys.stdout.flush()
        return "console"


class LocmemGateway(BaseGateway):
    """Tests: the messages are kept in `LocmemGateway.outbox` as (to, text)."""

    outbox: list[tuple[str, str]] = []

    def send(self, *, to: str, text: str) -> str:
        type(self).outbox.append((to, text))
        return f"locmem-{len(type(self).outbox)}"


class HttpGateway(BaseGateway):
    """An HTTP SMS API: POST {"to", "from", "text"} as JSON with a bearer token.
    Any answer other than 2xx, a network error or a timeout raises SmsError."""

    def __init__(self, url: str | None = None, token: str | None = None, sender: str | None = None):
        self.url = url if url is not None else settings.SMS_HTTP_URL
        self.token = token if token is not None else settings.SMS_HTTP_TOKEN
        self.sender = sender if sender is not None else settings.SMS_SENDER
        self.timeout = settings.SMS_HTTP_TIMEOUT
        if not self.url:
            raise ImproperlyConfigured("SMS_BACKEND=http needs SMS_HTTP_URL.")
        if not self.url.lower().startswith(("https://", "http://")):
            raise ImproperlyConfigured("SMS_HTTP_URL must be an http(s):// address.")

    def send(self, *, to: str, text: str) -> str:
        payload = json.dumps({"to": to, "from": self.sender, "text": text}).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        # The scheme is checked to be http(s) in __init__.
        request = urllib.request.Request(  # noqa: S310
            self.url, data=payload, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = getattr(response, "status", 200)
                body = response.read(4096)
        except urllib.error.HTTPError as exc:
            raise SmsError(f"HTTP {exc.code}: {exc.reason}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SmsError(f"{exc.__class__.__name__}: {getattr(exc, 'reason', exc)}") from exc
        if not 200 <= status < 300:
            raise SmsError(f"HTTP {status}")
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return ""
        if isinstance(data, dict):
            return str(data.get("id") or data.get("message_id") or "")[:120]
        return ""


GATEWAYS = {
    "console": ConsoleGateway,
    "http": HttpGateway,
    "locmem": LocmemGateway,
}


def get_gateway() -> BaseGateway:
    name = (settings.SMS_BACKEND or "console").strip()
    gateway_class = GATEWAYS.get(name.lower())
    if gateway_class is None:
        try:
            gateway_class = import_string(name)
        except ImportError as exc:
            raise ImproperlyConfigured(f"Unknown SMS_BACKEND {name!r}.") from exc
    return gateway_class()


# --- The outbox ----------------------------------------------------------------------


@transaction.atomic
def queue_sms(*, to: str, text: str, assignment=None) -> SmsMessage:
    """Store the message and send it by a task once the transaction commits."""
    message = SmsMessage.objects.create(to=to, body=text, assignment=assignment)
    transaction.on_commit(lambda: enqueue(message.pk))
    return message


def enqueue(sms_id: int, *, delay_seconds: int = 0) -> bool:
    """Hand the sending of one message to django-q2 (now or later); False when
    the broker refused it: the message stays queued for the sweeper."""
    return queue.enqueue(TASK, sms_id, task_name=f"sms-{sms_id}", delay_seconds=delay_seconds)


def deliver(*, sms_id: int) -> SmsMessage | None:
    """Send one stored message through the gateway. The row is claimed
    ("sending") under a row lock first, so two workers never send it twice. A
    failure is recorded and retried later (growing delay) until
    SMS_MAX_ATTEMPTS, then marked failed (and tried again by the sweeper every
    OUTBOX_FAILED_RETRY_MINUTES within its retry window)."""
    message = outbox.claim(SmsMessage, SmsStatus, sms_id, now=timezone.now())
    if message is None:
        return SmsMessage.objects.filter(pk=sms_id).first()
    try:
        reference = get_gateway().send(to=message.to, text=message.body)
    except Exception as exc:  # noqa: BLE001 - any gateway error is recorded and retried
        return _record_failure(message, exc)
    message.status = SmsStatus.SENT
    message.sent_at = timezone.now()
    message.next_attempt_at = None
    message.last_error = ""
    message.claimed_at = None
    message.gateway_reference = (reference or "")[:120]
    message.save(
        update_fields=[
            "status",
            "sent_at",
            "next_attempt_at",
            "last_error",
            "claimed_at",
            "gateway_reference",
        ]
    )
    return message


def _record_failure(message: SmsMessage, exc: Exception) -> SmsMessage:
    now = timezone.now()
    message.last_error = str(exc)[:2000] or exc.__class__.__name__
    retry_in = 0
    if message.attempts >= settings.SMS_MAX_ATTEMPTS:
        message.status = SmsStatus.FAILED
        message.next_attempt_at = outbox.failed_retry_at(created_at=message.created_at, now=now)
        logger.error("SMS %s to %s failed: %s", message.pk, message.to, exc)
    else:
        retry_in = RETRY_DELAY_SECONDS * (2 ** (message.attempts - 1))
        message.status = SmsStatus.RETRYING
        message.next_attempt_at = now + timedelta(seconds=retry_in)
        logger.warning("SMS %s to %s failed, retried later: %s", message.pk, message.to, exc)
    message.claimed_at = None
    message.save(update_fields=["last_error", "status", "next_attempt_at", "claimed_at"])
    if retry_in:
        enqueue(message.pk, delay_seconds=retry_in)
    return message


def sweep(*, now=None) -> dict[str, int]:
    """Enqueue again the messages left behind (queued or "sending" too long,
    a lost retry) and the failed ones whose slow retry is due."""
    now = now or timezone.now()
    return outbox.sweep_rows(SmsMessage, SmsStatus, enqueue, now=now, label="SMS")
