"""Threads between an advertiser's company and the station's staff: questions,
administrative requests and broadcasters' problem reports (issue 17).

A thread may be about a subject that another app registered (`subjects.py`):
`subject_type` is the registry key, `subject_id` the object's primary key and
`subject_label` its name frozen when the thread was opened. Messages are never
deleted (a moderator hides one); the thread keeps a few denormalised fields
(last message, count, waiting since) so that the lists need no aggregate."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.roles import Role


class ThreadKind(models.TextChoices):
    QUESTION = "question", _("Question")
    COMPANY_DETAILS = "company_details", _("Change of company details")
    DOCUMENT = "document", _("Document request")
    CANCELLATION = "cancellation", _("Cancellation request")
    PROBLEM = "problem", _("Problem report")
    OTHER = "other", _("Other")


class ProblemType(models.TextChoices):
    WRONG_FILE = "wrong_file", _("Wrong file")
    BAD_SOUND = "bad_sound", _("Missing or bad sound")
    MISSING_FILE = "missing_file", _("Missing file")
    CUT_SHORT = "cut_short", _("Cut before the end")
    OTHER = "other", _("Other")


class Team(models.TextChoices):
    COMMERCIAL = "commercial", _("Commercial team")
    NEWSROOM = "newsroom", _("Newsroom")
    BILLING = "billing", _("Billing")


# The staff role answering for each team.
TEAM_ROLES: dict[str, Role] = {
    Team.COMMERCIAL: Role.ADMINISTRATOR,
    Team.NEWSROOM: Role.EDITORIAL,
    Team.BILLING: Role.ACCOUNTANT,
}


class ThreadStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("conversation status", "Open")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Thread(models.Model):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ThreadKind.choices)
    problem_type = models.CharField(
        _("problem"), max_length=20, choices=ProblemType.choices, blank=True
    )
    team = models.CharField(_("team"), max_length=20, choices=Team.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ThreadStatus.choices, default=ThreadStatus.OPEN
    )
    advertiser = models.ForeignKey(
        "accounts.Advertiser",
        verbose_name=_("advertiser"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="threads",
    )
    advertiser_visible = models.BooleanField(_("visible to the advertiser"), default=True)
    subject_type = models.CharField(_("subject type"), max_length=30, blank=True)
    subject_id = models.PositiveBigIntegerField(_("subject"), null=True, blank=True)
    subject_label = models.CharField(_("subject"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="threads_opened",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads_assigned",
    )
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)
    last_message_id = models.BigIntegerField(default=0)
    message_count = models.PositiveIntegerField(_("messages"), default=0)
    awaiting_staff_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    reminder_level = models.PositiveSmallIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-pk"]
        indexes = [
            models.Index(fields=["advertiser", "-last_message_at"], name="conv_thread_adv_last"),
            models.Index(
                fields=["team", "status", "-last_message_at"], name="conv_thread_team_status"
            ),
            models.Index(fields=["subject_type", "subject_id"], name="conv_thread_subject"),
            models.Index(fields=["assignee", "status"], name="conv_thread_assignee"),
            models.Index(fields=["kind", "-last_message_at"], name="conv_thread_kind_last"),
            models.Index(fields=["-last_message_at"], name="conv_thread_last"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subject_key(self) -> str:
        """ "campaign:12", or "" for a general thread."""
        if not self.subject_type or self.subject_id is None:
            return ""
        return f"{self.subject_type}:{self.subject_id}"

    @property
    def is_closed(self) -> bool:
        return self.status == ThreadStatus.CLOSED


class Message(models.Model):
    thread = models.ForeignKey(
        Thread, verbose_name=_("conversation"), on_delete=models.PROTECT, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="conversation_messages",
    )
    from_staff = models.BooleanField(_("from the station"), default=False)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"], name="conv_message_thread")]

    def __str__(self) -> str:
        return f"{self.thread_id} · {self.author_id} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


def attachment_upload_to(instance, filename: str) -> str:
    """A random name with the extension of what the file really is (the service
    passes `<random>.<extension>`): never the name the user gave."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    name = uuid.uuid4().hex
    return f"conversations/{name[:2]}/{name}.{extension}"


class Attachment(models.Model):
    message = models.ForeignKey(
        Message,
        verbose_name=_("message"),
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=255)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("type"), max_length=10)  # the FileKind's extension
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]
        indexes = [models.Index(fields=["file"], name="conv_attachment_file")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def is_video(self) -> bool:
        return self.content_type.startswith("video/")


class ReadMark(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_marks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_reads"
    )
    last_read_message_id = models.BigIntegerField(default=0)
    read_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="conv_readmark_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} up to {self.last_read_message_id}"


class ThreadEventKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    ASSIGNED = "assigned", _("Assigned")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    MESSAGE_HIDDEN = "message_hidden", _("Message hidden")
    SHARED = "shared_with_advertiser", _("Shared with the advertiser")
    MESSAGE_EDITED = "message_edited", _("Message edited")
    REMINDED = "reminded", _("Reminder sent")


class ThreadEvent(models.Model):
    """The audit trail of a thread: who did what, when."""

    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("event"), max_length=30, choices=ThreadEventKind.choices)
    detail = models.TextField(_("detail"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("conversation event")
        verbose_name_plural = _("conversation events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.thread_id} · {self.kind}"


class CannedReply(models.Model):
    """A ready answer the staff insert in a reply (managed by administrators)."""

    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"))
    team = models.CharField(_("team"), max_length=20, choices=Team.choices)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")
        ordering = ["team", "title"]

    def __str__(self) -> str:
        return self.title


# The e-mail digests of new messages live in their own module (models stay small).
from .digest_model import Digest, DigestStatus  # noqa: E402, F401
