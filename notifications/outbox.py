"""The e-mail outbox: every e-mail is stored (`OutgoingEmail`), sent by a django-q2
task, retried with a growing delay, and found again by the periodic sweeper when
its worker died, the broker was down or the mail server stayed away for long.

Exactly once: a task claims the row ("sending") under a row lock before sending;
any other task for it (a duplicate enqueue, the sweeper's, a scheduled retry)
that finds it sent, failed, or claimed by a live worker does nothing.

The sweeper (`sweep`, every 5 minutes, schedule of migration 0005) enqueues
again the rows left behind: still queued OUTBOX_STALE_MINUTES after they were
queued (the enqueue failed), "sending" with a claim as old (the worker died),
"retrying" past their planned attempt by as much (the retry was lost). A failed
e-mail is tried again every OUTBOX_FAILED_RETRY_MINUTES for
OUTBOX_FAILED_RETRY_HOURS after its creation, then left failed for good."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from core.forms import one_line
from core.queue import enqueue

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

TASK = "notifications.tasks.deliver_email"
LOG_RESEND = "notifications.resend_email"
SWEEP_BATCH = 500
Status = OutgoingEmail.Status


# --- Timing shared with the SMS outbox (editorial.sms) ------------------------------


def stale_after() -> timedelta:
    """How long a row may sit queued, or claimed, before it is presumed lost."""
    return timedelta(minutes=getattr(settings, "OUTBOX_STALE_MINUTES", 10))


def failed_retry_at(*, created_at: datetime, now: datetime) -> datetime | None:
    """When a failed message is tried again, or None once it is older than the
    retry window (then it stays failed for good)."""
    at = now + timedelta(minutes=getattr(settings, "OUTBOX_FAILED_RETRY_MINUTES", 60))
    window = timedelta(hours=getattr(settings, "OUTBOX_FAILED_RETRY_HOURS", 24))
    return at if at <= created_at + window else None


def stuck_filter(status, *, now: datetime) -> Q:
    """Rows left behind: queued, claimed or retrying for too long (`status` is
    the TextChoices of the model: QUEUED, SENDING, RETRYING)."""
    cutoff = now - stale_after()
    return (
        Q(status=status.QUEUED, queued_at__lt=cutoff)
        | Q(status=status.SENDING) & (Q(claimed_at__lt=cutoff) | Q(claimed_at__isnull=True))
        | Q(status=status.RETRYING)
        & (Q(next_attempt_at__lt=cutoff) | Q(next_attempt_at__isnull=True))
    )


def due_failed_filter(status, *, now: datetime) -> Q:
    """Failed rows whose slow retry is due, within the retry window."""
    window = timedelta(hours=getattr(settings, "OUTBOX_FAILED_RETRY_HOURS", 24))
    return Q(status=status.FAILED, next_attempt_at__lte=now, created_at__gte=now - window)


def resendable_filter(status, *, now: datetime) -> Q:
    """What staff may send again by hand: failed, retrying, or stuck; never a
    sent row nor one a live worker is sending."""
    return Q(status__in=[status.FAILED, status.RETRYING]) | stuck_filter(status, now=now)


# --- Queue ----------------------------------------------------------------------------


def _serialise_attachments(message) -> list[dict]:
    items = []
    for attachment in getattr(message, "attachments", []) or []:
        if isinstance(attachment, MIMEBase):
            filename = attachment.get_filename() or "piece-jointe"
            content = attachment.get_payload(decode=True) or b""
            mimetype = attachment.get_content_type()
        else:
            filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        items.append(
            {
                "filename": filename,
                "mimetype": mimetype or "application/octet-stream",
                "content": base64.b64encode(content).decode("ascii"),
            }
        )
    return items


@transaction.atomic
def queue_email_message(*, message) -> OutgoingEmail:
    """Store `message` and hand its delivery to a task once the transaction
    commits. A broker outage leaves it queued for the sweeper, never fails."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html = content
    record = OutgoingEmail.objects.create(
        # A line break in a subject (legacy data) would fail every attempt.
        subject=one_line(str(message.subject))[:300],
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        body=message.body or "",
        html_body=html,
        headers={str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        attachments=_serialise_attachments(message),
    )
    transaction.on_commit(lambda: enqueue_delivery(record.pk))
    return record


def enqueue_delivery(email_id: int, *, delay_seconds: int = 0) -> bool:
    """Hand the delivery of one e-mail to django-q2 (now or later); False when
    the broker refused it (the row then waits for the sweeper)."""
    return enqueue(TASK, email_id, task_name=f"email-{email_id}", delay_seconds=delay_seconds)


# --- Deliver --------------------------------------------------------------------------


def claim(model, status, pk: int, *, now: datetime):
    """Lock an outbox row (an e-mail, an SMS) and mark it "sending" for this
    worker; None when there is nothing to send (missing, sent, failed, or
    claimed by a live worker). `status`: the model's status choices."""
    with transaction.atomic():
        row = model.objects.select_for_update().filter(pk=pk).first()
        if row is None or row.status in (status.SENT, status.FAILED):
            return None
        if row.status == status.SENDING and row.claimed_at and now - row.claimed_at < stale_after():
            return None
        row.attempts += 1
        row.status = status.SENDING
        row.claimed_at = now
        row.save(update_fields=["attempts", "status", "claimed_at"])
    return row


def _message(record: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=one_line(record.subject),
        body=record.body,
        from_email=record.from_email,
        to=record.to,
        cc=record.cc,
        bcc=record.bcc,
        reply_to=record.reply_to,
        headers=record.headers or None,
        connection=get_connection(settings.EMAIL_DELIVERY_BACKEND),
    )
    if record.html_body:
        message.attach_alternative(record.html_body, "text/html")
    for item in record.attachments:
        message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    return message


def deliver_email(*, email_id: int) -> OutgoingEmail | None:
    """Send one queued e-mail with the delivery backend. On failure the attempt is
    recorded and a retry scheduled with a growing delay, up to
    EMAIL_MAX_ATTEMPTS; then the e-mail is marked failed (and tried again by
    the sweeper every OUTBOX_FAILED_RETRY_MINUTES within its retry window).

    The record is claimed (status "sending") under a row lock before sending, so
    two workers picking up the same e-mail never both send it."""
    record = claim(OutgoingEmail, Status, email_id, now=timezone.now())
    if record is None:
        return OutgoingEmail.objects.filter(pk=email_id).first()
    try:
        _message(record).send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any delivery error is retried
        return _record_failure(record, exc)
    record.status = Status.SENT
    record.sent_at = timezone.now()
    record.next_attempt_at = None
    record.last_error = ""
    record.claimed_at = None
    record.save(update_fields=["status", "sent_at", "next_attempt_at", "last_error", "claimed_at"])
    return record


def _record_failure(record: OutgoingEmail, exc: Exception) -> OutgoingEmail:
    now = timezone.now()
    record.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
    delay = 0
    if record.attempts >= settings.EMAIL_MAX_ATTEMPTS:
        record.status = Status.FAILED
        record.next_attempt_at = failed_retry_at(created_at=record.created_at, now=now)
        logger.error("E-mail %s failed (attempt %s): %s", record.pk, record.attempts, exc)
    else:
        delay = settings.EMAIL_RETRY_DELAY_SECONDS * (2 ** (record.attempts - 1))
        record.status = Status.RETRYING
        record.next_attempt_at = now + timedelta(seconds=delay)
    record.claimed_at = None
    record.save(update_fields=["last_error", "status", "next_attempt_at", "claimed_at"])
    if delay:
        enqueue_delivery(record.pk, delay_seconds=delay)
    return record


# --- Sweep and resend -----------------------------------------------------------------


def enqueue_each(ids: Iterable[int], enqueue_one) -> int:
    """Enqueue each row with `enqueue_one(pk)`; stop at the first refusal (the
    broker is down: the next sweep tries again). Returns how many were handed over."""
    count = 0
    for pk in ids:
        if not enqueue_one(pk):
            break
        count += 1
    return count


def sweep_rows(model, status, enqueue_one, *, now: datetime, label: str) -> dict[str, int]:
    """Enqueue again the rows of an outbox left behind (queued or "sending" too
    long, a lost retry) and the failed ones whose slow retry is due. Returns the
    counts found and handed over."""
    stuck = list(
        model.objects.filter(stuck_filter(status, now=now))
        .order_by("pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    with transaction.atomic():
        due = list(
            model.objects.select_for_update()
            .filter(due_failed_filter(status, now=now))
            .order_by("pk")
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        # "retrying" lets the task claim it again; its attempt count stays over
        # the limit, so one more failure leaves it failed until the next slot.
        model.objects.filter(pk__in=due, status=status.FAILED).update(status=status.RETRYING)
    enqueued = enqueue_each([*stuck, *due], enqueue_one)
    if stuck or due:
        logger.info(
            "%s sweep: %s stuck, %s failed due, %s enqueued", label, len(stuck), len(due), enqueued
        )
    return {"stuck": len(stuck), "failed_due": len(due), "enqueued": enqueued}


def sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Enqueue again the e-mails left behind and the failed ones whose slow
    retry is due (see the module's docstring)."""
    now = now or timezone.now()
    return sweep_rows(OutgoingEmail, Status, enqueue_delivery, now=now, label="Outbox")


@transaction.atomic
def resend_emails(*, email_ids: Iterable[int], actor) -> list[OutgoingEmail]:
    """Put failed or stuck e-mails back in the queue with a fresh count of
    attempts (staff's "Renvoyer"), logged with who did it. A sent e-mail, or
    one a live worker is sending, is left alone. Returns the e-mails resent."""
    now = timezone.now()
    rows = list(
        OutgoingEmail.objects.select_for_update()
        .filter(pk__in=list(email_ids))
        .filter(resendable_filter(Status, now=now))
        .order_by("pk")
    )
    for row in rows:
        previous = {"status": row.status, "attempts": row.attempts}
        row.status = Status.QUEUED
        row.attempts = 0
        row.queued_at = now
        row.next_attempt_at = None
        row.claimed_at = None
        row.save(update_fields=["status", "attempts", "queued_at", "next_attempt_at", "claimed_at"])
        log(instance=row, action=LOG_RESEND, user=actor, data=previous)
    ids = [row.pk for row in rows]
    if ids:
        transaction.on_commit(lambda: enqueue_each(ids, enqueue_delivery))
        logger.info("E-mails %s resent by user %s", ids, getattr(actor, "pk", None))
    return rows
