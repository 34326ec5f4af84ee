"""Press-coverage requests, their attachments, their history and the delivered
content."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    PRESS_CONFERENCE = "press_conference", _("press conference")
    SEMINAR = "seminar", _("seminar or workshop")
    INAUGURATION = "inauguration", _("inauguration")
    PUBLIC_EVENT = "public_event", _("public event")
    GOVERNMENT = "government", _("government activity")
    PRODUCT_LAUNCH = "product_launch", _("product launch")
    INTERVIEWS = "interviews", _("interviews")
    CULTURE_SPORT = "culture_sport", _("cultural or sports event")
    OTHER = "other", _("other")


class CoverageType(models.TextChoices):
    VIDEO_REPORT = "video_report", _("video report")
    PHOTO_REPORT = "photo_report", _("photo report")
    INTERVIEW = "interview", _("interview")
    VOX_POP = "vox_pop", _("vox pop")
    LIVE = "live", _("live broadcast")
    WEB_ARTICLE = "web_article", _("web article")
    VIDEO_INTERVIEW = "video_interview", _("video + interview")
    EDITORIAL_CHOICE = "editorial_choice", _("to be decided by the newsroom")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("normal")
    PRIORITY = "priority", pgettext_lazy("coverage urgency", "priority")
    URGENT = "urgent", _("urgent (within 24 h)")


class CoverageStatus(models.TextChoices):
    NEW = "new", _("new")
    REVIEWING = "reviewing", _("under review")
    ACCEPTED = "accepted", _("accepted (planned)")
    REFUSED = "refused", _("refused")
    COVERED = "covered", _("covered")
    CLOSED = "closed", _("closed")


def attachment_upload_to(instance, filename: str) -> str:
    return f"editorial/requests/{instance.request.uuid}/{uuid.uuid4().hex}-{filename[-80:]}"


def delivery_upload_to(instance, filename: str) -> str:
    return f"editorial/deliveries/{instance.request.uuid}/{uuid.uuid4().hex}-{filename[-80:]}"


class CoverageRequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=[CoverageStatus.REFUSED, CoverageStatus.CLOSED])

    def inbox(self):
        """New requests, the most urgent first, then by event date."""
        urgency_rank = models.Case(
            models.When(urgency=Urgency.URGENT, then=0),
            models.When(urgency=Urgency.PRIORITY, then=1),
            default=2,
            output_field=models.IntegerField(),
        )
        return (
            self.filter(status__in=[CoverageStatus.NEW, CoverageStatus.REVIEWING])
            .annotate(urgency_rank=urgency_rank)
            .order_by("urgency_rank", "event_date", "start_time", "pk")
        )


class CoverageRequest(models.Model):
    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coverage_requests",
    )
    advertiser = models.ForeignKey(
        "accounts.Advertiser",
        verbose_name=_("advertiser"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coverage_requests",
    )

    # (1) The event
    event_title = models.CharField(_("event title"), max_length=200)
    event_type = models.CharField(_("event type"), max_length=20, choices=EventType.choices)
    event_type_other = models.CharField(_("other type: description"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    event_date = models.DateField(_("event date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    address = models.CharField(_("address"), max_length=300)
    meeting_point = models.CharField(_("meeting point"), max_length=300, blank=True)

    # (2) Contacts
    contact_name = models.CharField(_("contact name"), max_length=150)
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    contact_email = models.EmailField(_("contact e-mail"))
    other_contacts = models.TextField(_("other contacts"), blank=True)

    # (3) Coverage
    coverage_type = models.CharField(
        _("coverage type"), max_length=20, choices=CoverageType.choices
    )
    objective = models.TextField(_("objective"), blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    answer_wished_by = models.DateField(_("answer wished by"), null=True, blank=True)
    offer_code = models.CharField(_("matching offer"), max_length=60, blank=True)
    offer_name = models.CharField(_("offer name"), max_length=160, blank=True)
    offer_price = models.PositiveIntegerField(
        _("offer price (FCFA excl. VAT)"), null=True, blank=True
    )

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CoverageStatus.choices,
        default=CoverageStatus.NEW,
        db_index=True,
    )
    status_note = models.TextField(_("last decision note"), blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CoverageRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("coverage request")
        verbose_name_plural = _("coverage requests")
        indexes = [models.Index(fields=["status", "event_date"], name="coverage_status_date")]

    def __str__(self) -> str:
        return f"{self.reference} · {self.event_title}"

    def get_absolute_url(self) -> str:
        return reverse("editorial:request_detail", args=[self.uuid])

    @property
    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.event_date, self.start_time))

    @property
    def ends_at(self) -> dt.datetime:
        end = dt.datetime.combine(self.event_date, self.end_time)
        if self.end_time <= self.start_time:  # an evening event ending after midnight
            end += dt.timedelta(days=1)
        return timezone.make_aware(end)


class CoverageAttachment(models.Model):
    request = models.ForeignKey(
        CoverageRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class CoverageEvent(models.Model):
    """One move of a request (append-only): who, when, from, to, why."""

    request = models.ForeignKey(
        CoverageRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.CharField(_("from"), max_length=10, blank=True)
    to_status = models.CharField(_("to"), max_length=10)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request event")
        verbose_name_plural = _("request events")

    def __str__(self) -> str:
        return f"{self.request.reference}: {self.from_status} → {self.to_status}"


class CoverageDelivery(models.Model):
    """Content delivered by the crew: a file or a link."""

    request = models.ForeignKey(
        CoverageRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    file = models.FileField(_("file"), upload_to=delivery_upload_to, max_length=255, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delivered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("delivered at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("delivered content")
        verbose_name_plural = _("delivered content")

    def __str__(self) -> str:
        return self.original_name or self.link
