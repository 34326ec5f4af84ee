"""In-app notifications and the record of every e-mail the portal sends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .kinds import NotificationKind


@dataclass(frozen=True)
class EmailDelivery:
    """Where the e-mail of a notification stands: "queued", "retrying" (an
    attempt failed, another one is planned), "sent" or "failed"; with the last
    error and, while it is retried, when the next attempt is due."""

    state: str
    error: str = ""
    next_attempt_at: datetime | None = None

    @property
    def next_attempt(self) -> str:
        """The next attempt in words ("le 18 novembre à 10:05"), or ""."""
        if self.next_attempt_at is None:
            return ""
        local = timezone.localtime(self.next_attempt_at)
        return gettext("%(date)s at %(time)s") % {
            "date": date_format(local, "j F"),
            "time": date_format(local, "H:i"),
        }

    @property
    def label(self) -> str:
        if self.state == "sent":
            return gettext("E-mail: sent")
        values = {"error": self.error, "when": self.next_attempt}
        if self.state == "retrying":
            if self.error and self.next_attempt:
                return gettext("E-mail: retrying on %(when)s (last error: %(error)s)") % values
            if self.error:
                return gettext("E-mail: retrying (last error: %(error)s)") % values
            return gettext("E-mail: queued")
        if self.state == "queued":
            if self.error:
                return gettext("E-mail: queued (last error: %(error)s)") % values
            return gettext("E-mail: queued")
        if self.error and self.next_attempt:
            return gettext("E-mail: failed (%(error)s), tried again on %(when)s") % values
        if self.error:
            return gettext("E-mail: failed (%(error)s)") % values
        return gettext("E-mail: failed")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=NotificationKind.choices,
        default=NotificationKind.GENERAL,
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # The e-mail sent for this notification (None: switched off, no address, or
    # it could not be queued, then `email_error` says why).
    email = models.ForeignKey(
        "OutgoingEmail",
        verbose_name=_("e-mail"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    email_error = models.TextField(_("e-mail error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_unread"),
            models.Index(fields=["recipient", "kind"], name="notif_recipient_kind"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def email_delivery(self) -> EmailDelivery | None:
        """The delivery state of this notification's e-mail; None when no e-mail
        was meant to be sent."""
        if self.email_id is None:
            return EmailDelivery("failed", self.email_error) if self.email_error else None
        return self.email.delivery


class OutgoingEmail(models.Model):
    """One e-mail, queued then sent by a django-q2 task with retries."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        RETRYING = "retrying", _("retrying")
        FAILED = "failed", _("failed")

    subject = models.CharField(_("subject"), max_length=300)
    from_email = models.CharField(_("from"), max_length=300)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    bcc = models.JSONField(_("bcc"), default=list, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    body = models.TextField(_("text body"), blank=True)
    html_body = models.TextField(_("HTML body"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    attachments = models.JSONField(
        _("attachments"),
        default=list,
        blank=True,
        help_text=_("Each attachment as file name, MIME type and base64 content."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    # When it was last put in the queue (created, or sent again by hand): a row
    # still queued long after is picked up again by the outbox sweeper.
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"

    @property
    def delivery(self) -> EmailDelivery:
        """Its delivery state as the inbox and the admin list show it."""
        status = self.status
        if status == self.Status.SENT:
            return EmailDelivery("sent")
        if status == self.Status.FAILED:
            return EmailDelivery("failed", self.last_error, self.next_attempt_at)
        if status == self.Status.RETRYING:
            return EmailDelivery("retrying", self.last_error, self.next_attempt_at)
        return EmailDelivery("queued", self.last_error)


class NotificationPreference(models.Model):
    """A user's choice to receive, or not, the e-mails of one kind of
    notification. No row means the e-mails are sent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    email_enabled = models.BooleanField(_("send by e-mail"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notif_pref_unique_user_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind}: {self.email_enabled}"
