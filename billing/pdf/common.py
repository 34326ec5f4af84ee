"""What the invoice and the credit note PDFs share: the parties as frozen at
issue (never the live settings), dates, the totals table and the certification
(FEC) block with its QR code. The BF1 frame comes from `core.pdf`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table

from core import typography
from core.money import percent_text
from core.pdf import CONTENT_WIDTH, DARK_RED, LIGHT_RED, LINE, francs, para, party_lines

QR_SIZE = 30 * mm


def day(value) -> str:
    """A date (or an aware datetime, in the station's time zone) in words."""
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return typography.date(value, "j F Y")


def rate(value) -> str:
    return percent_text(Decimal(value or 0))


def _labelled(label: str, value) -> str:
    return f"{para(label)} {para(value)}"


def seller_lines(seller: dict) -> list[str]:
    """Every mention of the seller (CGI art. 562/564), from the frozen snapshot."""
    name = seller.get("name") or ""
    if seller.get("legal_form"):
        name = f"{name} ({seller['legal_form']})"
    lines = party_lines(
        name,
        ifu=seller.get("ifu") or "",
        rccm=seller.get("rccm") or "",
        address=seller.get("address") or "",
    )
    if seller.get("tax_regime"):
        lines.append(_labelled(_("Tax regime:"), seller["tax_regime"]))
    if seller.get("tax_office"):
        lines.append(_labelled(_("Tax office:"), seller["tax_office"]))
    return lines


def client_lines(client: dict) -> list[str]:
    """The client's mentions, from the frozen snapshot (agency billing: on behalf of)."""
    lines = party_lines(
        client.get("name") or "",
        ifu=client.get("ifu") or "",
        rccm=client.get("rccm") or "",
        address=client.get("address") or "",
    )
    if client.get("tax_regime"):
        lines.append(_labelled(_("Tax regime:"), client["tax_regime"]))
    if client.get("on_behalf_of"):
        lines.append(_labelled(_("On behalf of:"), client["on_behalf_of"]))
    return lines


def parties(seller: dict, client: dict, st) -> Table:
    """The seller on the left, the client on the right, each under its heading."""
    left = [f'<font color="#B91C1C"><b>{para(_("Seller"))}</b></font>', *seller_lines(seller)]
    right = [f'<font color="#B91C1C"><b>{para(_("Client"))}</b></font>', *client_lines(client)]
    return Table(
        [[Paragraph("<br/>".join(left), st["base"]), Paragraph("<br/>".join(right), st["base"])]],
        colWidths=[CONTENT_WIDTH / 2] * 2,
        style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ],
    )


def facts(rows: list[tuple[str, str]], st) -> Table:
    """Label / value rows (number, dates, object…)."""
    return Table(
        [
            [Paragraph(f"<b>{para(label)}</b>", st["base"]), Paragraph(para(value), st["base"])]
            for label, value in rows
        ],
        colWidths=[45 * mm, CONTENT_WIDTH - 45 * mm],
        style=[
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ],
    )


def totals_table(rows: list[tuple[str, int, bool]], st) -> Table:
    """Totals on the right: (label, amount, emphasised). A negative amount is a deduction."""
    data = []
    strong = []
    for index, (label, amount, bold) in enumerate(rows):
        value = francs(amount) if amount >= 0 else f"- {francs(-amount)}"
        if bold:
            strong.append(index)
            data.append(
                [
                    Paragraph(f"<b>{para(label)}</b>", st["base"]),
                    Paragraph(f"<b>{value}</b>", st["right"]),
                ]
            )
        else:
            data.append([Paragraph(para(label), st["base"]), Paragraph(value, st["right"])])
    style = [("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE)]
    for index in strong:
        style += [
            ("BACKGROUND", (0, index), (-1, index), LIGHT_RED),
            ("LINEABOVE", (0, index), (-1, index), 1, DARK_RED),
        ]
    return Table(data, colWidths=[80 * mm, 40 * mm], hAlign="RIGHT", style=style)


def qr_drawing(content: str, size: float = QR_SIZE) -> Drawing:
    widget = QrCodeWidget(content, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    width, height = right - left, top - bottom
    drawing = Drawing(size, size, transform=[size / width, 0, 0, size / height, 0, 0])
    drawing.add(widget)
    return drawing


def certification_block(document, st, *, certified_text: str, pending_text: str) -> Table:
    """The FEC mention: the code, the time and the QR code once certified; the
    waiting mention before."""
    if document.is_certified:
        text = [f'<font color="#B91C1C"><b>{para(certified_text)}</b></font>']
        if document.certification_code:
            text.append(_labelled(_("Certification code:"), document.certification_code))
        if document.certified_at:
            text.append(
                _labelled(
                    _("Certified on:"),
                    timezone.localtime(document.certified_at).strftime("%d/%m/%Y %H:%M"),
                )
            )
        cells = [Paragraph("<br/>".join(text), st["base"])]
        widths = [CONTENT_WIDTH]
        if document.certification_qr:
            cells.insert(0, qr_drawing(document.certification_qr))
            widths = [QR_SIZE + 4 * mm, CONTENT_WIDTH - QR_SIZE - 4 * mm]
    else:
        cells = [Paragraph(f"<b>{para(pending_text)}</b>", st["base"])]
        widths = [CONTENT_WIDTH]
    return Table(
        [cells],
        colWidths=widths,
        style=[
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BOX", (0, 0), (-1, -1), 0.75, DARK_RED),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ],
    )


def bank_lines(seller: dict) -> list[str]:
    """The seller's bank references, one line each."""
    lines = []
    for account in seller.get("bank_accounts") or []:
        parts = [account.get("bank") or "", account.get("number") or ""]
        if account.get("swift"):
            parts.append(f"SWIFT {account['swift']}")
        if account.get("holder"):
            parts.append(account["holder"])
        lines.append(para(" · ".join(part for part in parts if part)))
    return lines


def footer(seller: dict) -> str:
    """The band's footer: who issues, with its RCCM and IFU (every page)."""
    parts = [seller.get("name") or ""]
    if seller.get("rccm"):
        parts.append(f"RCCM {seller['rccm']}")
    if seller.get("ifu"):
        parts.append(f"IFU {seller['ifu']}")
    return " · ".join(part for part in parts if part)
