"""Airings (one play of a spot in a break), what the scheduler could not place,
and the append-only log of every change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .grid import Break


class AiringStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    AIRED = "aired", _("aired")
    MISSED = "missed", _("missed")
    CANCELLED = "cancelled", _("cancelled")


# Airings that hold seconds in their break.
BOOKED_STATUSES = (AiringStatus.PLANNED, AiringStatus.AIRED)


class Airing(models.Model):
    break_slot = models.ForeignKey(
        Break, verbose_name=_("ad break"), on_delete=models.PROTECT, related_name="airings"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="airings",
    )
    spot = models.ForeignKey(
        "campaigns.Spot",
        verbose_name=_("spot"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="airings",
    )
    # Copied from the campaign so that the separation rules and the reports read
    # one table.
    advertiser = models.ForeignKey(
        "accounts.Advertiser",
        verbose_name=_("advertiser"),
        on_delete=models.PROTECT,
        related_name="airings",
    )
    sector = models.ForeignKey(
        "accounts.BusinessSector",
        verbose_name=_("business sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="airings",
    )
    band_code = models.SlugField(_("time band"), max_length=40)
    length = models.PositiveSmallIntegerField(_("length (s)"))
    unit_price = models.PositiveIntegerField(_("unit price excl. VAT (FCFA)"), default=0)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AiringStatus.choices,
        default=AiringStatus.PLANNED,
        db_index=True,
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by_import = models.ForeignKey(
        "broadcasting.AsRunImport",
        verbose_name=_("confirmed by as-run import"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    missed_reason = models.CharField(_("reason missed"), max_length=300, blank=True)
    make_good_of = models.OneToOneField(
        "self",
        verbose_name=_("make-good of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="make_good",
    )
    make_good_accepted = models.BooleanField(_("make-good accepted"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["break_slot__starts_at", "position", "pk"]
        verbose_name = _("airing")
        verbose_name_plural = _("airings")
        constraints = [
            # The database itself refuses a second airing of one advertiser (hence
            # of one campaign) in a break, whatever runs concurrently.
            models.UniqueConstraint(
                fields=["break_slot", "advertiser"],
                condition=models.Q(status__in=["planned", "aired"]),
                name="airing_one_advertiser_per_break",
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "status"], name="airing_campaign_status"),
            models.Index(fields=["advertiser", "status"], name="airing_advertiser_status"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} @ {self.break_slot}"

    @property
    def is_make_good(self) -> bool:
        return self.make_good_of_id is not None


class UnplacedReason(models.TextChoices):
    FULL = "full", _("breaks full")
    SEPARATION = "separation", _("separation rules (advertiser or sector already in the break)")
    NO_BREAK = "no_break", _("no break in the band within the dates")
    DAILY_LIMIT = "daily_limit", _("daily limit of airings reached")
    MISSED = "missed", _("missed airing without a make-good slot")
    REMOVED = "removed", _("airing removed from its break")
    BREAK_CANCELLED = "cancelled", _("break cancelled")


class UnplacedItem(models.Model):
    """Airings of a campaign the scheduler could not place (or an admin took
    out of a break), waiting for a hand placement or a release."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="unplaced_items",
    )
    band_code = models.SlugField(_("time band"), max_length=40)
    reason = models.CharField(_("reason"), max_length=12, choices=UnplacedReason.choices)
    unit_price = models.PositiveIntegerField(_("unit price excl. VAT (FCFA)"), default=0)
    source_airing = models.ForeignKey(
        Airing,
        verbose_name=_("airing"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.CharField(_("resolution"), max_length=20, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("unplaced airing")
        verbose_name_plural = _("unplaced airings")
        indexes = [models.Index(fields=["resolved_at", "campaign"], name="unplaced_open")]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.band_code} · {self.get_reason_display()}"


class AiringEvent(models.Model):
    """One change to the running order (append-only): placed, moved, removed,
    confirmed, missed, undone, make-good offered/accepted, capacity override."""

    class Action(models.TextChoices):
        PLACED = "placed", _("placed")
        MOVED = "moved", _("moved")
        REMOVED = "removed", _("removed")
        AIRED = "aired", _("confirmed aired")
        MISSED = "missed", _("marked missed")
        UNDONE = "undone", _("confirmation undone")
        MAKE_GOOD = "make_good", _("make-good offered")
        MAKE_GOOD_ACCEPTED = "make_good_ok", _("make-good accepted")
        OVERRIDE = "override", _("capacity override")
        RELEASED = "released", _("released")
        UNPLACED = "unplaced", _("not placed")

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="airing_events",
    )
    airing = models.ForeignKey(
        Airing,
        verbose_name=_("airing"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("running-order change")
        verbose_name_plural = _("running-order changes")

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.campaign}"
