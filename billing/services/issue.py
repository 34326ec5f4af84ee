"""Issuing: the next number of the year's unbroken series (under a row lock),
every amount and mention frozen, the PDF written, the certifier asked."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from broadcasting.models import AiringStatus
from core.queue import enqueue_on_commit

from ..certification import get_certifier
from ..compute import PricedLine, compute
from ..conf import billing_settings
from ..exceptions import BillingError
from ..models import (
    BilledAiring,
    BillingEvent,
    CertificationState,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    LineKind,
    SeriesKind,
)
from .base import check_billing_staff, client_snapshot, locked_invoice, log, seller_snapshot
from .drafts import _fill, commission_percent, open_advance, withholding_percent
from .numbering import next_number


def _recompute_final(invoice: Invoice, conf, rows) -> None:
    """Totals of a final draft from its lines, with today's advance and terms."""
    lines = [
        PricedLine(
            band=line.band_code,
            label=line.description,
            spot_length=line.spot_length or 0,
            airings=line.quantity,
            unit_price_incl_vat=line.unit_price_incl_vat,
        )
        for line in rows
        if line.kind == LineKind.AIRINGS
    ]
    advance_invoice, advance = open_advance(invoice.campaign)
    totals = compute(
        lines,
        vat_rate=invoice.vat_rate,
        discount_percent=invoice.discount_percent,
        commission_percent=commission_percent(invoice.advertiser, conf),
        withholding_percent=withholding_percent(invoice.billed_to, conf),
        advance=advance,
    )
    invoice.advance_of = advance_invoice if advance is not None else None
    _fill(invoice, totals)


def certify_now(document, *, conf) -> None:
    """Ask the configured certifier; a manual one leaves the document pending."""
    certifier = get_certifier(conf.certification_mode)
    result = certifier.certify(document)
    document.certification_mode = certifier.mode
    if result is None:
        document.certification = CertificationState.PENDING
        return
    document.certification = CertificationState.CERTIFIED
    document.certification_code = result.code
    document.certified_at = result.certified_at
    document.certification_qr = result.qr


def write_pdf(document) -> None:
    from ..pdf import render_document

    name = f"{document.number or document.uuid}.pdf"
    document.pdf.save(name, ContentFile(render_document(document)), save=False)


@transaction.atomic
def issue_invoice(*, invoice: Invoice, actor, conf=None, defer_pdf: bool = False) -> Invoice:
    """Issue a draft. `defer_pdf` (billing runs): the worker writes the PDF once the
    transaction commits (billing.services.pdfs), instead of this request."""
    check_billing_staff(actor)
    invoice = locked_invoice(invoice)
    if invoice.issued_at is not None:
        raise BillingError(_("Invoice %(number)s is already issued.") % {"number": invoice.number})
    rows = list(invoice.lines.all())
    if not rows:
        raise BillingError(_("This invoice has no line: there is nothing to issue."))
    if invoice.kind == InvoiceKind.FINAL:
        stale = (
            BilledAiring.objects.filter(invoice=invoice)
            .exclude(airing__status=AiringStatus.AIRED)
            .count()
        )
        if stale:
            raise BillingError(
                _(
                    "%(count)s airing(s) of this draft are no longer confirmed as aired: "
                    "delete the draft and build it again."
                )
                % {"count": stale}
            )
    conf = conf or billing_settings()
    if invoice.kind == InvoiceKind.FINAL:
        _recompute_final(invoice, conf, rows)
    if invoice.total < 0:
        raise BillingError(_("An invoice cannot have a negative total."))
    now = timezone.now()
    local_day = timezone.localdate(now)
    invoice.number, invoice.sequence = next_number(SeriesKind.INVOICE, local_day.year)
    invoice.year = local_day.year
    invoice.issued_at = now
    invoice.issued_by = actor
    terms = invoice.advertiser.payment_terms_days
    if invoice.billed_to_id != invoice.advertiser_id:
        terms = invoice.billed_to.payment_terms_days
    if terms is None:
        terms = conf.payment_terms_days
    invoice.due_date = local_day + dt.timedelta(days=terms)
    invoice.seller = seller_snapshot(conf)
    invoice.client = client_snapshot(invoice.billed_to, invoice.advertiser)
    # A draft carries no credit note nor payment: its balance is what it asks.
    invoice.credited = invoice.paid = 0
    invoice.balance = invoice.net_to_pay
    invoice.status = InvoiceStatus.ISSUED if invoice.balance > 0 else InvoiceStatus.PAID
    certify_now(invoice, conf=conf)
    if defer_pdf:
        enqueue_on_commit("billing.tasks.render_pdf", "invoice", invoice.pk)
    else:
        write_pdf(invoice)
    invoice.save()
    log(BillingEvent.Action.ISSUED, actor=actor, invoice=invoice, detail=invoice.number)
    if invoice.certification == CertificationState.CERTIFIED:
        log(
            BillingEvent.Action.CERTIFIED,
            actor=actor,
            invoice=invoice,
            detail=invoice.certification_code,
        )
    from .notices import invoice_issued

    invoice_issued(invoice)
    return invoice
