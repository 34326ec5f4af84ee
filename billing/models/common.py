"""What invoices and credit notes share: the unbroken numbering series, the
certification (FEC) fields, the private file paths."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BILLING_FILE_PREFIX = "billing/"


def document_pdf_path(instance, filename: str) -> str:
    return f"billing/documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


def certified_pdf_path(instance, filename: str) -> str:
    return f"billing/certified/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


def withholding_path(instance, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower()[:10] if "." in filename else "bin"
    return f"billing/withholding/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class SeriesKind(models.TextChoices):
    INVOICE = "invoice", _("invoices")
    CREDIT_NOTE = "credit_note", _("credit notes")


SERIES_PREFIX = {SeriesKind.INVOICE: "FA", SeriesKind.CREDIT_NOTE: "AV"}


class DocumentSeries(models.Model):
    """The last number given in one unbroken yearly series. Issuing locks the
    row (select_for_update), so concurrent issues never share or skip a number."""

    kind = models.CharField(_("series"), max_length=12, choices=SeriesKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("numbering series")
        verbose_name_plural = _("numbering series")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="billing_series_kind_year")
        ]

    def __str__(self) -> str:
        return f"{SERIES_PREFIX[self.kind]}-{self.year}"


class CertificationState(models.TextChoices):
    NONE = "", _("not issued")
    PENDING = "pending", _("awaiting certification")
    CERTIFIED = "certified", _("certified")


class CertifiedDocument(models.Model):
    """Number, issue and FEC certification of an invoice or a credit note."""

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("number"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("number in the series"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Frozen at issue: the seller's and the client's mentions, as printed.
    seller = models.JSONField(_("seller"), default=dict, blank=True)
    client = models.JSONField(_("client"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=document_pdf_path, max_length=255, blank=True)

    certification = models.CharField(
        _("certification"),
        max_length=10,
        choices=CertificationState.choices,
        default=CertificationState.NONE,
        blank=True,
    )
    certification_mode = models.CharField(_("certified by"), max_length=10, blank=True)
    certification_code = models.CharField(_("certification code"), max_length=120, blank=True)
    certified_at = models.DateTimeField(_("certified at"), null=True, blank=True)
    certification_qr = models.TextField(_("QR code content"), blank=True)
    certified_pdf = models.FileField(
        _("certified PDF"), upload_to=certified_pdf_path, max_length=255, blank=True
    )
    certification_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("certification recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None

    @property
    def is_certified(self) -> bool:
        return self.certification == CertificationState.CERTIFIED
