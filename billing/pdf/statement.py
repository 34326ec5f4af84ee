"""A company's statement for a period as a PDF (BF1 listing): the balance
brought forward, each document with its debit, credit and running balance, and
the closing balance (billing.selectors.statement)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from core.pdf import (
    CONTENT_WIDTH,
    DARK_RED,
    LIGHT_RED,
    LISTING,
    Letterhead,
    build_pdf,
    francs,
    para,
    party_lines,
    styles,
    table_style,
)

from .common import day


def _amount(value: int) -> str:
    if not value:
        return ""
    return francs(value) if value > 0 else f"- {francs(-value)}"


def _balance(value: int) -> str:
    return francs(value) if value >= 0 else f"- {francs(-value)}"


def filename(company, start, end) -> str:
    return f"releve-{start:%Y%m%d}-{end:%Y%m%d}.pdf"


def render_statement(data, *, compress: bool | None = None) -> bytes:
    """`data`: a billing.selectors.statement.Statement."""
    st = styles()
    company = data.company
    period = _("From %(start)s to %(end)s") % {"start": day(data.start), "end": day(data.end)}
    head = Letterhead(
        title=_("Account statement"),
        detail=f"{company.name} · {period}",
        footer=_("Account statement"),
        layout=LISTING,
        doc_title=f"{_('Account statement')} {company.name}",
    )
    number = 28 * mm
    rows = [
        [
            Paragraph(para(_("Date")), st["th"]),
            Paragraph(para(_("Document")), st["th"]),
            Paragraph(para(_("Debit")), st["th_right"]),
            Paragraph(para(_("Credit")), st["th_right"]),
            Paragraph(para(_("Balance")), st["th_right"]),
        ],
        [
            Paragraph(para(data.start.strftime("%d/%m/%Y")), st["base"]),
            Paragraph(f"<i>{para(_('Balance brought forward'))}</i>", st["base"]),
            "",
            "",
            Paragraph(_balance(data.opening), st["right"]),
        ],
    ]
    for row in data.rows:
        rows.append(
            [
                Paragraph(para(row.date.strftime("%d/%m/%Y")), st["base"]),
                Paragraph(para(row.label), st["base"]),
                Paragraph(_amount(row.debit), st["right"]),
                Paragraph(_amount(row.credit), st["right"]),
                Paragraph(_balance(row.balance), st["right"]),
            ]
        )
    rows.append(
        [
            "",
            Paragraph(f"<b>{para(_('Closing balance'))}</b>", st["base"]),
            Paragraph(f"<b>{_amount(data.total_debit)}</b>", st["right"]),
            Paragraph(f"<b>{_amount(data.total_credit)}</b>", st["right"]),
            Paragraph(f"<b>{_balance(data.closing)}</b>", st["right"]),
        ]
    )
    table = Table(
        rows,
        colWidths=[22 * mm, CONTENT_WIDTH - 22 * mm - 3 * number, number, number, number],
        repeatRows=1,
        style=table_style(
            [
                ("BACKGROUND", (0, -1), (-1, -1), LIGHT_RED),
                ("LINEABOVE", (0, -1), (-1, -1), 1, DARK_RED),
            ]
        ),
    )
    lines = party_lines(company.name, ifu=company.ifu, rccm=company.rccm, address=company.address)
    story = [
        Paragraph("<br/>".join(lines), st["base"]),
        Spacer(1, 4),
        Paragraph(para(period), st["base"]),
        Spacer(1, 6),
        table,
        Spacer(1, 6),
    ]
    if not data.rows:
        story.append(Paragraph(para(_("No document in this period.")), st["small"]))
    story.append(
        Paragraph(
            para(
                _(
                    "A positive balance is what remains to pay to BF1; a negative balance is "
                    "owed to you. Amounts in FCFA, VAT withheld at source deducted."
                )
            ),
            st["small"],
        )
    )
    return build_pdf(story, head, compress=compress)
