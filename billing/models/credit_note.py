"""Credit notes (avoirs): each corrects one issued invoice, in its own series."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .common import CertifiedDocument
from .invoice import Invoice


class CreditReason(models.TextChoices):
    MISSED = "missed", _("missed airings not made good")
    GESTURE = "gesture", _("commercial gesture")
    CANCELLATION = "cancellation", _("cancellation of the invoice")
    OTHER = "other", _("other correction")


class CreditStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    DRAFT = "draft", _("draft")
    ISSUED = "issued", _("issued")
    DISMISSED = "dismissed", _("dismissed")


class CreditNoteQuerySet(models.QuerySet):
    def for_company(self, advertiser):
        return self.filter(
            models.Q(invoice__advertiser=advertiser) | models.Q(invoice__billed_to=advertiser),
            issued_at__isnull=False,
        )


class CreditNote(CertifiedDocument):
    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="credit_notes"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CreditStatus.choices,
        default=CreditStatus.DRAFT,
        db_index=True,
    )
    reason = models.CharField(_("reason"), max_length=15, choices=CreditReason.choices)
    explanation = models.CharField(_("explanation"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    total_excl_vat = models.BigIntegerField(_("total excl. VAT"), default=0)
    vat = models.BigIntegerField(_("VAT"), default=0)
    total = models.BigIntegerField(_("total incl. VAT"), default=0)
    vat_withheld = models.BigIntegerField(_("VAT withheld"), default=0)
    net = models.BigIntegerField(_("net credited"), default=0)
    amount_in_words = models.CharField(_("amount in words"), max_length=400, blank=True)

    objects = CreditNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-created_at", "-pk"]
        verbose_name = _("credit note")
        verbose_name_plural = _("credit notes")
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="billing_credit_number"
            ),
            models.UniqueConstraint(
                fields=["year", "sequence"],
                condition=models.Q(sequence__isnull=False),
                name="billing_credit_year_sequence",
            ),
        ]

    def __str__(self) -> str:
        return self.number or str(_("draft credit note"))

    def get_absolute_url(self) -> str:
        return reverse("billing:credit_note", kwargs={"uuid": self.uuid})


class CreditNoteLine(models.Model):
    credit_note = models.ForeignKey(
        CreditNote, verbose_name=_("credit note"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.CharField(_("description"), max_length=300)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    amount_incl_vat = models.BigIntegerField(_("amount incl. VAT"), default=0)
    amount = models.BigIntegerField(_("amount excl. VAT"), default=0)

    class Meta:
        ordering = ["credit_note", "position", "pk"]
        verbose_name = _("credit note line")
        verbose_name_plural = _("credit note lines")

    def __str__(self) -> str:
        return self.description


class CreditedAiring(models.Model):
    """A missed airing credited (or proposed for credit): once only."""

    airing = models.OneToOneField(
        "broadcasting.Airing",
        verbose_name=_("airing"),
        on_delete=models.PROTECT,
        related_name="credit",
    )
    credit_note = models.ForeignKey(
        CreditNote,
        verbose_name=_("credit note"),
        on_delete=models.CASCADE,
        related_name="credited_airings",
    )

    class Meta:
        verbose_name = _("credited airing")
        verbose_name_plural = _("credited airings")

    def __str__(self) -> str:
        return f"{self.credit_note} · {self.airing_id}"
