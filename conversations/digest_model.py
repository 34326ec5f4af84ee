"""The e-mail digest of new messages (imported by models.py): one row per person
and 10-minute window, listing the messages that arrived in it. It is a database
row, not a timer: the delayed task that sends it, or the sweeper that finds it
overdue after a worker restart, sends it once (conversations.digests)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DigestStatus(models.TextChoices):
    PENDING = "pending", _("Collecting")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Not sent")


class Digest(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="conversation_digests",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DigestStatus.choices, default=DigestStatus.PENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Messages arriving before this join the digest; it is sent from then on.
    due_at = models.DateTimeField(_("due at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    email = models.ForeignKey(
        "notifications.OutgoingEmail",
        verbose_name=_("e-mail"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    messages = models.ManyToManyField("conversations.Message", related_name="+", blank=True)

    class Meta:
        verbose_name = _("message digest")
        verbose_name_plural = _("message digests")
        indexes = [models.Index(fields=["status", "due_at"], name="conv_digest_due")]
        constraints = [
            # At most one digest collecting messages per person at a time.
            models.UniqueConstraint(
                fields=["recipient"],
                condition=Q(status="pending"),
                name="conv_digest_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} · {self.status} · {self.due_at:%Y-%m-%d %H:%M}"
