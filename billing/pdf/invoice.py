"""Invoice PDF (to be completed: mentions, QR code)."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from core.pdf import LETTER, Letterhead, build_pdf, para, styles


def render_invoice(invoice) -> bytes:
    s = styles()
    story = [Paragraph(para(f"{invoice.number} {invoice.subject} {invoice.total}"), s["base"])]
    return build_pdf(story, Letterhead(title="Facture", reference=invoice.number, layout=LETTER))
