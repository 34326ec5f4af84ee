"""The invoice as an A4 PDF (BF1 letter): every mention of CGI art. 562/564,
written at issue from the invoice's own frozen fields and snapshots (never the
live settings), so that the document never changes once issued."""

from __future__ import annotations

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from core.pdf import CONTENT_WIDTH, LETTER, Letterhead, build_pdf, francs, para, styles, table_style

from .common import (
    bank_lines,
    certification_block,
    day,
    facts,
    footer,
    parties,
    rate,
    totals_table,
)


def invoice_title(invoice) -> str:
    from ..models import InvoiceKind

    return _("Advance invoice") if invoice.kind == InvoiceKind.ADVANCE else _("Invoice")


def _period(invoice) -> str:
    if invoice.period_start and invoice.period_end:
        return _("from %(start)s to %(end)s") % {
            "start": day(invoice.period_start),
            "end": day(invoice.period_end),
        }
    return ""


def _lines(invoice, st) -> Table:
    rows = [
        [
            Paragraph(para(_("Description")), st["th"]),
            Paragraph(para(_("Quantity")), st["th_right"]),
            Paragraph(para(_("Unit price excl. VAT")), st["th_right"]),
            Paragraph(para(_("Amount excl. VAT")), st["th_right"]),
        ]
    ]
    for line in invoice.lines.all():
        rows.append(
            [
                Paragraph(para(line.description), st["base"]),
                Paragraph(para(line.quantity), st["right"]),
                Paragraph(francs(line.unit_price), st["right"]),
                Paragraph(francs(line.amount), st["right"]),
            ]
        )
    number = 32 * mm
    return Table(
        rows,
        colWidths=[CONTENT_WIDTH - 20 * mm - 2 * number, 20 * mm, number, number],
        repeatRows=1,
        style=table_style(),
    )


def _withholding_rate(invoice) -> str:
    if not invoice.vat:
        return ""
    return rate(round(invoice.vat_withheld * 100 / invoice.vat))


def totals_rows(invoice) -> list[tuple[str, int, bool]]:
    """The totals, in the order they are computed (billing.compute)."""
    rows: list[tuple[str, int, bool]] = [(_("Gross amount excl. VAT"), invoice.gross, False)]
    net = invoice.gross
    if invoice.discount:
        rows.append(
            (
                _("Volume discount (%(rate)s)") % {"rate": rate(invoice.discount_percent)},
                -invoice.discount,
                False,
            )
        )
        net -= invoice.discount
    if invoice.commission:
        if invoice.discount:
            rows.append((_("Net excl. VAT after discount"), net, False))
        rows.append(
            (
                _("Agency commission (%(rate)s)") % {"rate": rate(invoice.commission_percent)},
                -invoice.commission,
                False,
            )
        )
        net -= invoice.commission
        rows.append((_("Net excl. VAT after commission"), net, False))
    if invoice.advance_deducted:
        rows.append((_("Advance deducted (excl. VAT)"), -invoice.advance_deducted, False))
    rows += [
        (_("Total excl. VAT"), invoice.total_excl_vat, False),
        (_("VAT (%(rate)s)") % {"rate": rate(invoice.vat_rate)}, invoice.vat, False),
        (_("Total incl. VAT (FCFA)"), invoice.total, True),
    ]
    if invoice.vat_withheld:
        rows += [
            (
                _("VAT withheld at source (%(rate)s)") % {"rate": _withholding_rate(invoice)},
                -invoice.vat_withheld,
                False,
            ),
            (_("Net to pay (FCFA)"), invoice.net_to_pay, True),
        ]
    return rows


def build_story(invoice) -> list:
    st = styles()
    seller, client = invoice.seller or {}, invoice.client or {}
    rows = [
        (_("Invoice number"), invoice.number),
        (_("Issue date"), day(invoice.issued_at)),
        (_("Due date"), day(invoice.due_date)),
        (_("Object"), invoice.subject),
    ]
    if _period(invoice):
        rows.append((_("Period"), _period(invoice)))
    if invoice.advance_of_id and invoice.advance_of and invoice.advance_of.number:
        rows.append((_("Advance invoice deducted"), invoice.advance_of.number))
    story = [
        parties(seller, client, st),
        Spacer(1, 8),
        facts(rows, st),
        Paragraph(para(_("Details")), st["h2"]),
        _lines(invoice, st),
        Spacer(1, 6),
        totals_table(totals_rows(invoice), st),
        Spacer(1, 6),
    ]
    if invoice.amount_in_words:
        story.append(
            Paragraph(
                para(
                    _("This invoice amounts to %(words)s, VAT included.")
                    % {"words": invoice.amount_in_words}
                ),
                st["base"],
            )
        )
    story.append(Spacer(1, 8))
    story.append(
        KeepTogether(
            certification_block(
                invoice,
                st,
                certified_text=_("Certified electronic invoice (FEC)"),
                pending_text=_("Invoice awaiting certification (FEC)"),
            )
        )
    )
    banks = bank_lines(seller)
    if banks:
        story += [
            Paragraph(para(_("Payment by bank transfer")), st["h2"]),
            Paragraph("<br/>".join(banks), st["base"]),
        ]
    if seller.get("footer"):
        story += [Spacer(1, 8), Paragraph(para(seller["footer"]), st["small"])]
    return story


def render_invoice(invoice, *, compress: bool | None = None) -> bytes:
    title = invoice_title(invoice)
    head = Letterhead(
        title=title,
        reference=invoice.number,
        detail=_("Invoice of %(date)s") % {"date": day(invoice.issued_at)},
        footer=footer(invoice.seller or {}),
        layout=LETTER,
        doc_title=f"{title} {invoice.number}",
    )
    return build_pdf(build_story(invoice), head, compress=compress)
