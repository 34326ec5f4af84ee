"""Recording the certification (FEC) that the station's certified system gave an
issued invoice or credit note: its code, time and QR content, or its certified PDF."""

from __future__ import annotations

import datetime as dt

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.files.signatures import sniff_upload

from ..exceptions import BillingError
from ..models import BillingEvent, CertificationState, CreditNote, Invoice
from .base import check_billing_staff, log

MAX_CERTIFIED_PDF = 10 * 1024 * 1024


def record_certification(
    *,
    document: Invoice | CreditNote,
    actor,
    code: str,
    certified_at: dt.datetime | None = None,
    qr: str = "",
    certified_pdf=None,
):
    """Record it once; a failure changes nothing and leaves no file behind."""
    saved: list[str] = []
    try:
        with transaction.atomic():
            return _record(
                document=document,
                actor=actor,
                code=code,
                certified_at=certified_at,
                qr=qr,
                certified_pdf=certified_pdf,
                saved=saved,
            )
    except BaseException:
        for name in saved:
            default_storage.delete(name)
        raise


def _record(*, document, actor, code, certified_at, qr, certified_pdf, saved):
    check_billing_staff(actor)
    model = type(document)
    document = model.objects.select_for_update().get(pk=document.pk)
    if document.issued_at is None:
        raise BillingError(_("Only an issued document can be certified."))
    if document.certification == CertificationState.CERTIFIED:
        raise BillingError(
            _("%(number)s is already certified (code %(code)s).")
            % {"number": document.number, "code": document.certification_code}
        )
    code = " ".join((code or "").split())
    if not code and certified_pdf is None:
        raise BillingError(
            _("Enter the certification code, or upload the certified PDF."),
            {"code": [_("Enter the certification code given by the certified system.")]},
        )
    if len(code) > 120 or (qr and len(qr) > 2000):
        raise BillingError(_("The certification code or the QR content is too long."))
    when = certified_at or timezone.now()
    if when > timezone.now() + dt.timedelta(minutes=5):
        raise BillingError(
            _("The certification time cannot be in the future."),
            {"certified_at": [_("The certification time cannot be in the future.")]},
        )
    if when < document.issued_at - dt.timedelta(minutes=5):
        raise BillingError(
            _("The certification time cannot be before the document was issued."),
            {"certified_at": [_("The certification time cannot be before the issue.")]},
        )
    if certified_pdf is not None:
        if getattr(certified_pdf, "size", 0) > MAX_CERTIFIED_PDF:
            raise BillingError(
                _("The certified PDF is larger than 10 MB."),
                {"certified_pdf": [_("The file is larger than 10 MB.")]},
            )
        if sniff_upload(certified_pdf) != "pdf":
            raise BillingError(
                _("The certified document must be a PDF file."),
                {"certified_pdf": [_("This file is not a PDF.")]},
            )
        certified_pdf.seek(0)
        document.certified_pdf.save("certified.pdf", certified_pdf, save=False)
        saved.append(document.certified_pdf.name)
    document.certification = CertificationState.CERTIFIED
    document.certification_mode = "manual"
    document.certification_code = code
    document.certified_at = when
    document.certification_qr = (qr or "").strip()
    document.certification_recorded_by = actor
    if certified_pdf is None:
        # The issued PDF stays as it was; the certified copy carries the code and QR.
        from django.core.files.base import ContentFile

        from ..pdf import render_document

        document.certified_pdf.save(
            "certified.pdf", ContentFile(render_document(document)), save=False
        )
        saved.append(document.certified_pdf.name)
    document.save()
    kwargs = {"invoice": document} if model is Invoice else {"credit_note": document}
    log(BillingEvent.Action.CERTIFIED, actor=actor, detail=code or "PDF", **kwargs)
    from .notices import document_certified

    document_certified(document)
    return document
