"""Invoices (final or advance), their frozen lines and the airings they bill."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .common import CertifiedDocument, withholding_path


class InvoiceKind(models.TextChoices):
    FINAL = "final", _("invoice")
    ADVANCE = "advance", _("advance invoice")


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ISSUED = "issued", _("issued")
    PARTLY_PAID = "partly_paid", _("partly paid")
    PAID = "paid", _("paid")
    CANCELLED = "cancelled", _("cancelled by a credit note")


OPEN_STATUSES = (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID)


class InvoiceQuerySet(models.QuerySet):
    def for_company(self, advertiser):
        """What a company's users may see: its own invoices and, for an agency,
        the invoices billed to it; issued ones only."""
        return self.filter(
            models.Q(advertiser=advertiser) | models.Q(billed_to=advertiser),
            issued_at__isnull=False,
        )

    def issued(self):
        return self.filter(issued_at__isnull=False)


class Invoice(CertifiedDocument):
    kind = models.CharField(
        _("kind"), max_length=10, choices=InvoiceKind.choices, default=InvoiceKind.FINAL
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=InvoiceStatus.choices,
        default=InvoiceStatus.DRAFT,
        db_index=True,
    )
    advertiser = models.ForeignKey(
        "accounts.Advertiser",
        verbose_name=_("advertiser"),
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    billed_to = models.ForeignKey(
        "accounts.Advertiser",
        verbose_name=_("billed to"),
        on_delete=models.PROTECT,
        related_name="billed_invoices",
        help_text=_("The advertiser itself, or the agency it books through."),
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    subject = models.CharField(_("object"), max_length=300)
    due_date = models.DateField(_("due date"), null=True, blank=True)

    # Amounts in francs, frozen at issue (recomputed while a draft).
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    discount_percent = models.DecimalField(
        _("volume discount (%)"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    commission_percent = models.DecimalField(
        _("agency commission (%)"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    gross = models.BigIntegerField(_("gross amount excl. VAT"), default=0)
    discount = models.BigIntegerField(_("discount"), default=0)
    commission = models.BigIntegerField(_("agency commission"), default=0)
    advance_deducted = models.BigIntegerField(_("advance deducted excl. VAT"), default=0)
    advance_deducted_vat = models.BigIntegerField(_("VAT of the advance deducted"), default=0)
    total_excl_vat = models.BigIntegerField(_("total excl. VAT"), default=0)
    vat = models.BigIntegerField(_("VAT"), default=0)
    total = models.BigIntegerField(_("total incl. VAT"), default=0)
    vat_withheld = models.BigIntegerField(_("VAT withheld"), default=0)
    net_to_pay = models.BigIntegerField(_("net to pay"), default=0)
    amount_in_words = models.CharField(_("amount in words"), max_length=400, blank=True)
    advance_of = models.ForeignKey(
        "self",
        verbose_name=_("advance deducted"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deducted_by",
    )

    # Kept up to date by the services under the invoice's row lock.
    credited = models.BigIntegerField(_("credited"), default=0)
    paid = models.BigIntegerField(_("paid"), default=0)
    balance = models.BigIntegerField(_("balance"), default=0, db_index=True)
    last_reminder_step = models.PositiveSmallIntegerField(_("last reminder (days)"), default=0)

    withholding_certificate = models.FileField(
        _("VAT withholding certificate"), upload_to=withholding_path, max_length=255, blank=True
    )
    withholding_reference = models.CharField(
        _("withholding certificate number"), max_length=60, blank=True
    )

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-created_at", "-pk"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="billing_invoice_number"
            ),
            models.UniqueConstraint(
                fields=["year", "sequence"],
                condition=models.Q(sequence__isnull=False),
                name="billing_invoice_year_sequence",
            ),
        ]
        indexes = [
            models.Index(fields=["billed_to", "status"], name="invoice_billed_status"),
            models.Index(fields=["advertiser", "status"], name="invoice_adv_status"),
            models.Index(fields=["status", "due_date"], name="invoice_status_due"),
        ]

    def __str__(self) -> str:
        return self.number or str(_("draft invoice"))

    def get_absolute_url(self) -> str:
        return reverse("billing:invoice", kwargs={"uuid": self.uuid})


class LineKind(models.TextChoices):
    AIRINGS = "airings", _("airings")
    ADVANCE = "advance", _("advance")


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=LineKind.choices)
    description = models.CharField(_("description"), max_length=300)
    band_code = models.SlugField(_("time band"), max_length=40, blank=True)
    spot_length = models.PositiveSmallIntegerField(_("spot length (s)"), null=True, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    unit_price_incl_vat = models.BigIntegerField(_("unit price incl. VAT"), default=0)
    unit_price = models.BigIntegerField(_("unit price excl. VAT"), default=0)
    amount_incl_vat = models.BigIntegerField(_("amount incl. VAT"), default=0)
    amount = models.BigIntegerField(_("amount excl. VAT"), default=0)

    class Meta:
        ordering = ["invoice", "position", "pk"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")

    def __str__(self) -> str:
        return self.description


class BilledAiring(models.Model):
    """An aired airing on an invoice (a draft holds it too): the database refuses
    a second one, so an airing is billed once whatever runs concurrently."""

    airing = models.OneToOneField(
        "broadcasting.Airing",
        verbose_name=_("airing"),
        on_delete=models.PROTECT,
        related_name="billing",
    )
    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="billed_airings"
    )
    line = models.ForeignKey(
        InvoiceLine, verbose_name=_("line"), on_delete=models.CASCADE, related_name="airings"
    )

    class Meta:
        verbose_name = _("billed airing")
        verbose_name_plural = _("billed airings")

    def __str__(self) -> str:
        return f"{self.invoice} · {self.airing_id}"
