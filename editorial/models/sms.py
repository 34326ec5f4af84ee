"""Text messages sent to the crew through the SMS gateway (editorial/sms.py):
each one kept with its delivery state, its attempts and its last error."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .missions import Assignment


class SmsStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    RETRYING = "retrying", _("retrying")
    FAILED = "failed", _("failed")


class SmsMessage(models.Model):
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sms_messages",
    )
    to = models.CharField(_("to"), max_length=30)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=SmsStatus.choices, default=SmsStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    gateway_reference = models.CharField(_("gateway reference"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    # The worker sending it took it at this time ("sending"); a claim older than
    # OUTBOX_STALE_MINUTES is presumed dead and taken over.
    claimed_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    # When it was put in the queue: still queued long after, the sweeper
    # enqueues it again (the first enqueue failed).
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("text message")
        verbose_name_plural = _("text messages")

    def __str__(self) -> str:
        return f"SMS → {self.to} ({self.get_status_display()})"
