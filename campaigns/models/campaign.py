"""A campaign: what an advertiser books, from the draft to the last airing.

Statuses move only through `campaigns.services` (see `services.ALLOWED_MOVES`);
every move is recorded as a `CampaignEvent`. Submitting freezes the quote: the
rate card, the itemised quote and its totals are stored here, so a later change
of the card never changes what the client was promised."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    IN_PRODUCTION = "in_production", _("in production")
    APPROVED = "approved", _("approved")
    SCHEDULED = "scheduled", _("scheduled")
    AIRING = "airing", _("airing")
    FINISHED = "finished", _("finished")
    REFUSED = "refused", _("refused")
    CANCELLED = "cancelled", _("cancelled")


# Statuses a client may still edit, and statuses that end a campaign.
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})
CLOSED_STATUSES = frozenset({Status.FINISHED, Status.REFUSED, Status.CANCELLED})


class Objective(models.TextChoices):
    AWARENESS = "awareness", _("awareness")
    PROMOTION = "promotion", _("promotion")
    SENSITISATION = "sensitisation", _("public awareness")


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    MOORE = "mos", _("Mooré")
    DIOULA = "dyu", _("Dioula")
    FULFULDE = "ff", _("Fulfuldé")
    ENGLISH = "en", _("English")
    OTHER = "other", _("other")


class CreativeMode(models.TextChoices):
    PROVIDE = "provide", _("I provide my spot")
    MAKE = "make", _("Make it for me")
    REUSE = "reuse", _("Reuse an approved spot")


def authorization_upload_to(instance, filename: str) -> str:
    """Private folder (administrators only, see accounts.media_access); the
    client's file name is not kept in the path, only its extension."""
    from django.utils import timezone

    ext = filename.rsplit(".", 1)[-1].lower()[:10] if "." in filename else "bin"
    return f"campaigns/authorizations/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


def brief_material_upload_to(instance, filename: str) -> str:
    from django.utils import timezone

    ext = filename.rsplit(".", 1)[-1].lower()[:10] if "." in filename else "bin"
    return f"campaigns/briefs/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class CampaignQuerySet(models.QuerySet):
    def for_advertiser(self, advertiser):
        return self.filter(advertiser=advertiser)

    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def archived(self):
        return self.filter(status__in=CLOSED_STATUSES)


class Campaign(models.Model):
    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    advertiser = models.ForeignKey(
        "accounts.Advertiser",
        verbose_name=_("advertiser"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Step 1: the campaign.
    title = models.CharField(_("title"), max_length=200)
    product = models.CharField(_("product or brand"), max_length=200, blank=True)
    sector = models.ForeignKey(
        "accounts.BusinessSector",
        verbose_name=_("business sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
    )
    objective = models.CharField(
        _("objective"), max_length=20, choices=Objective.choices, blank=True
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    target_audience = models.TextField(_("target audience"), blank=True)
    key_message = models.TextField(_("key message"), blank=True)
    authorization_document = models.FileField(
        _("authorisation document"),
        upload_to=authorization_upload_to,
        max_length=255,
        blank=True,
        help_text=_("Required when the business sector is subject to authorisation."),
    )

    # Step 2: airtime.
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    spot_length = models.PositiveSmallIntegerField(_("spot length (s)"), null=True, blank=True)
    options = models.JSONField(_("options"), default=list, blank=True)

    # Step 3: creative.
    creative_mode = models.CharField(
        _("creative"), max_length=10, choices=CreativeMode.choices, blank=True
    )
    brief_message = models.TextField(_("brief: message"), blank=True)
    brief_tone = models.CharField(_("brief: tone"), max_length=200, blank=True)
    brief_languages = models.JSONField(_("brief: languages"), default=list, blank=True)
    brief_contacts = models.TextField(_("brief: contacts"), blank=True)
    brief_delivery_date = models.DateField(_("brief: wished delivery date"), null=True, blank=True)
    brief_material = models.FileField(
        _("brief: material"), upload_to=brief_material_upload_to, max_length=255, blank=True
    )

    # State.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    wizard_step = models.PositiveSmallIntegerField(_("wizard step"), default=1)
    priority = models.IntegerField(_("priority"), default=0)

    # Frozen quote (set on submission).
    rate_card = models.ForeignKey(
        "simulator.RateCard",
        verbose_name=_("rate card"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
    )
    quote = models.JSONField(_("quote"), default=dict, blank=True)
    quote_subtotal = models.PositiveIntegerField(_("subtotal excl. VAT (FCFA)"), default=0)
    quote_discount = models.PositiveIntegerField(_("discount (FCFA)"), default=0)
    quote_vat = models.PositiveIntegerField(_("VAT (FCFA)"), default=0)
    quote_total = models.PositiveIntegerField(_("total incl. VAT (FCFA)"), default=0)

    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        indexes = [
            models.Index(
                fields=["advertiser", "status", "-created_at"], name="campaign_adv_status_created"
            ),
            models.Index(fields=["status", "submitted_at"], name="campaign_status_submitted"),
            # The advertiser's list, newest first: one page read in index order.
            models.Index(fields=["advertiser", "-created_at", "-id"], name="campaign_adv_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="campaign_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        try:
            return reverse("campaigns:detail", kwargs={"uuid": self.uuid})
        except NoReverseMatch:  # the client pages arrive with the views
            return f"/campaigns/{self.uuid}/"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_quote_frozen(self) -> bool:
        return self.rate_card_id is not None and bool(self.quote)

    @property
    def total_airings(self) -> int:
        return sum(line.airings for line in self.lines.all())


class CampaignLine(models.Model):
    """The airtime wanted in one time band of the rate card."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="lines"
    )
    band_code = models.CharField(_("time band code"), max_length=40)
    band_name = models.CharField(_("time band"), max_length=120, blank=True)
    airings = models.PositiveIntegerField(_("airings"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("campaign line")
        verbose_name_plural = _("campaign lines")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "band_code"], name="campaign_line_band"),
            models.CheckConstraint(condition=models.Q(airings__gt=0), name="campaign_line_airings"),
        ]

    def __str__(self) -> str:
        return f"{self.band_name or self.band_code} × {self.airings}"


class CampaignEvent(models.Model):
    """One move of a campaign (append-only): who, when, from, to, why."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("campaign event")
        verbose_name_plural = _("campaign events")

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.from_status or '∅'} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("Campaign events are append-only.")
        super().save(*args, **kwargs)
