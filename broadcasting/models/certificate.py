"""Broadcast certificates (attestations de diffusion) issued to advertisers.

Each PDF handed out is recorded with a random, unguessable code that a third
party checks on the public page `/verify/<code>/`. The record keeps the ids of
the airings it listed and a SHA-256 of their ids and confirmation times, so that
a later change (a confirmation undone, an airing removed) shows on that page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CODE_LENGTH = 24  # base32 characters: 120 random bits


class BroadcastCertificate(models.Model):
    code = models.CharField(_("verification code"), max_length=40, unique=True, editable=False)
    advertiser = models.ForeignKey(
        "accounts.Advertiser",
        verbose_name=_("advertiser"),
        on_delete=models.PROTECT,
        related_name="broadcast_certificates",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="broadcast_certificates",
        help_text=_("Empty for a certificate covering a period."),
    )
    # What the PDF printed, kept as it was on the day it was issued.
    advertiser_name = models.CharField(_("advertiser name"), max_length=200)
    campaign_title = models.CharField(_("campaign title"), max_length=200, blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aired_count = models.PositiveIntegerField(_("aired airings"))
    total_seconds = models.PositiveIntegerField(_("total length (s)"))
    total_amount = models.PositiveBigIntegerField(_("amount excl. VAT (FCFA)"))
    airing_ids = models.JSONField(_("airings listed"), default=list, blank=True)
    content_hash = models.CharField(_("fingerprint (SHA-256)"), max_length=64)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("broadcast certificate")
        verbose_name_plural = _("broadcast certificates")
        indexes = [
            models.Index(
                fields=["advertiser", "campaign", "period_start", "period_end"],
                name="certificate_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_code} · {self.advertiser_name}"

    @property
    def display_code(self) -> str:
        """The code in groups of four, easier to read aloud and to type."""
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_campaign_certificate(self) -> bool:
        return bool(self.campaign_title)
