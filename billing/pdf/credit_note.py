"""Credit note PDF (to be completed)."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from core.pdf import LETTER, Letterhead, build_pdf, para, styles


def render_credit_note(note) -> bytes:
    s = styles()
    story = [Paragraph(para(f"{note.number} {note.explanation} {note.total}"), s["base"])]
    return build_pdf(story, Letterhead(title="Avoir", reference=note.number, layout=LETTER))
