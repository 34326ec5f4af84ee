"""The credit note (avoir) as an A4 PDF (BF1 letter): the invoice it corrects,
its reason, its amounts and its certification, from its own frozen fields."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from core.pdf import CONTENT_WIDTH, LETTER, Letterhead, build_pdf, francs, para, styles, table_style

from .common import certification_block, day, facts, footer, parties, rate, totals_table


def _lines(note, st) -> Table:
    rows = [
        [
            Paragraph(para(_("Description")), st["th"]),
            Paragraph(para(_("Quantity")), st["th_right"]),
            Paragraph(para(_("Amount excl. VAT")), st["th_right"]),
        ]
    ]
    for line in note.lines.all():
        rows.append(
            [
                Paragraph(para(line.description), st["base"]),
                Paragraph(para(line.quantity), st["right"]),
                Paragraph(francs(line.amount), st["right"]),
            ]
        )
    return Table(
        rows,
        colWidths=[CONTENT_WIDTH - 52 * mm, 20 * mm, 32 * mm],
        repeatRows=1,
        style=table_style(),
    )


def totals_rows(note) -> list[tuple[str, int, bool]]:
    invoice = note.invoice
    rows = [
        (_("Total excl. VAT"), note.total_excl_vat, False),
        (_("VAT (%(rate)s)") % {"rate": rate(invoice.vat_rate)}, note.vat, False),
        (_("Total incl. VAT (FCFA)"), note.total, True),
    ]
    if note.vat_withheld:
        rows += [
            (_("VAT withheld at source"), -note.vat_withheld, False),
            (_("Net credited (FCFA)"), note.net, True),
        ]
    return rows


def build_story(note) -> list:
    st = styles()
    invoice = note.invoice
    seller = note.seller or invoice.seller or {}
    client = note.client or invoice.client or {}
    rows = [
        (_("Credit note number"), note.number),
        (_("Issue date"), day(note.issued_at)),
        (
            _("Corrected invoice"),
            _("%(number)s of %(date)s")
            % {"number": invoice.number, "date": day(invoice.issued_at)},
        ),
        (_("Object of the invoice"), invoice.subject),
        (_("Reason"), capfirst(note.get_reason_display())),
    ]
    if note.explanation:
        rows.append((_("Explanation"), note.explanation))
    story = [
        parties(seller, client, st),
        Spacer(1, 8),
        facts(rows, st),
        Paragraph(para(_("Details")), st["h2"]),
        _lines(note, st),
        Spacer(1, 6),
        totals_table(totals_rows(note), st),
        Spacer(1, 6),
    ]
    if note.amount_in_words:
        story.append(
            Paragraph(
                para(
                    _("This credit note amounts to %(words)s, VAT included.")
                    % {"words": note.amount_in_words}
                ),
                st["base"],
            )
        )
    story += [
        Spacer(1, 8),
        KeepTogether(
            certification_block(
                note,
                st,
                certified_text=_("Certified credit note (FEC)"),
                pending_text=_("Credit note awaiting certification (FEC)"),
            )
        ),
    ]
    if seller.get("footer"):
        story += [Spacer(1, 8), Paragraph(para(seller["footer"]), st["small"])]
    return story


def render_credit_note(note, *, compress: bool | None = None) -> bytes:
    title = _("Credit note")
    head = Letterhead(
        title=title,
        reference=note.number,
        detail=_("Credit note of %(date)s") % {"date": day(note.issued_at)},
        footer=footer(note.seller or note.invoice.seller or {}),
        layout=LETTER,
        doc_title=f"{title} {note.number}",
    )
    return build_pdf(build_story(note), head, compress=compress)
