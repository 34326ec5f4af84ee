"""The branded BF1 document (reportlab): colours, styles, page set-up, header,
footer and "Page n of N". Each document only builds its content (a story of
flowables) and describes its letterhead; `build_pdf` does the rest.

Three layouts:
- `DOCUMENT` (rate card, broadcast certificate): the big red band on the first
  page, a thin band on the next ones, footer with "Page n of N";
- `LETTER` (quote, mission sheet): the big band on every page, footer text only;
- `LISTING` (running order, reports; portrait or landscape): a compact band with
  the title on every page, footer with "Page n of N".

Built-in Helvetica only: it covers French accents (WinAnsi encoding) but not
every typographic character, so `pdf_text` swaps the few others (narrow no-break
space of `fcfa()`, minus sign, ≤/≥) for plain equivalents."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from typing import IO
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageTemplate,
    SimpleDocTemplate,
    TableStyle,
)

from .money import fcfa
from .pdf_pages import LazyStory, numbered_canvas

RED = colors.HexColor("#DC2626")
DARK_RED = colors.HexColor("#B91C1C")
LIGHT_RED = colors.HexColor("#FEE2E2")
GREY = colors.HexColor("#F8FAFC")
LINE = colors.HexColor("#E2E8F0")
TEXT = colors.HexColor("#1E293B")
MUTED = colors.HexColor("#64748B")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
FIRST_HEADER = 34 * mm
LATER_HEADER = 14 * mm
FOOTER = 16 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
LISTING_HEADER = 20 * mm
LISTING_FOOTER = 14 * mm

DOCUMENT = "document"
LETTER = "letter"
LISTING = "listing"

_REPLACEMENTS = str.maketrans(
    {
        "\u202f": " ",  # narrow no-break space (thousands in fcfa())
        "\u2009": " ",  # thin space
        "\u2011": "-",  # non-breaking hyphen
        "\u2212": "-",  # minus sign
        "\u2264": "<=",
        "\u2265": ">=",
        "\u2192": "->",
    }
)


def pdf_text(value) -> str:
    """Text Helvetica can draw: known swaps, then accents kept (WinAnsi), and
    anything else reduced to its base letter (or “?”)."""
    text = str(value).translate(_REPLACEMENTS)
    out = []
    for char in text:
        try:
            char.encode("cp1252")
            out.append(char)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("cp1252", "ignore").decode("cp1252")
            out.append(base or "?")
    return "".join(out)


def para(value) -> str:
    """Paragraph markup of plain text."""
    return escape(pdf_text(value))


def francs(amount: int) -> str:
    """An amount without its currency, as a PDF cell shows it ("103 545")."""
    return pdf_text(fcfa(amount).removesuffix("\u00a0FCFA"))


def party_lines(name: str, *, ifu: str = "", rccm: str = "", address: str = "") -> list[str]:
    """Paragraph markup of a company on a document: its name in bold, then its IFU,
    RCCM and address when it has them (the mentions a quote, a certificate or an
    invoice carries)."""
    lines = [f"<b>{para(name)}</b>"]
    if ifu:
        lines.append(para(_("IFU: %(ifu)s") % {"ifu": ifu}))
    if rccm:
        lines.append(para(_("RCCM: %(rccm)s") % {"rccm": rccm}))
    if address:
        lines.append(para(" ".join(address.split())))
    return lines


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of every BF1 document."""
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=9, leading=12, textColor=TEXT)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, textColor=MUTED),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=12.5,
            leading=16,
            textColor=DARK_RED,
            spaceBefore=10,
            spaceAfter=5,
        ),
        "th": ParagraphStyle(
            "th", parent=base, fontName="Helvetica-Bold", fontSize=8.5, textColor=colors.white
        ),
        "th_right": ParagraphStyle(
            "th_right",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=8.5,
            textColor=colors.white,
            alignment=TA_RIGHT,
        ),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "category": ParagraphStyle(
            "category", parent=base, fontName="Helvetica-Bold", textColor=DARK_RED
        ),
    }


def table_style(extra=()) -> TableStyle:
    """A table with a red heading row and zebra rows."""
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), RED),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, LINE),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, GREY]),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            *extra,
        ]
    )


@dataclass(frozen=True)
class Letterhead:
    """What the frame of a document says. `reference` and `detail` sit on the
    right of the band (`detail` alone for a listing); `footer` follows "BF1 · "
    at the bottom left (nothing when empty); `doc_title` is the file's title
    (defaults to `title`)."""

    title: str
    reference: str = ""
    detail: str = ""
    footer: str = ""
    layout: str = DOCUMENT
    landscape: bool = False
    doc_title: str = ""


def page_label(number: int, total: int) -> str:
    return pdf_text(_("Page %(number)s of %(total)s") % {"number": number, "total": total})


class _Frame:
    """Draws the band and the footer of one letterhead."""

    def __init__(self, head: Letterhead):
        self.head = head
        self.width, self.height = landscape(A4) if head.landscape else A4
        self.footer_height = LISTING_FOOTER if head.layout == LISTING else FOOTER

    def big_band(self, canvas, doc=None):
        width, height = self.width, self.height
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.rect(0, height - FIRST_HEADER, width, FIRST_HEADER, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 30)
        canvas.drawString(MARGIN, height - 19 * mm, "BF1")
        canvas.setFont("Helvetica", 13)
        canvas.drawString(MARGIN, height - 27 * mm, pdf_text(self.head.title))
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawRightString(width - MARGIN, height - 17 * mm, pdf_text(self.head.reference))
        canvas.setFont("Helvetica", 9.5)
        canvas.drawRightString(width - MARGIN, height - 24 * mm, pdf_text(self.head.detail))
        if self.head.layout == LETTER and self.head.footer:
            canvas.setFillColor(MUTED)
            canvas.setFont("Helvetica", 7.5)
            canvas.drawString(MARGIN, FOOTER - 8.5 * mm, self.footer_text())
        canvas.restoreState()

    def thin_band(self, canvas, doc=None):
        width, height = self.width, self.height
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.rect(0, height - LATER_HEADER, width, LATER_HEADER, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 13)
        canvas.drawString(MARGIN, height - 9 * mm, "BF1")
        canvas.setFont("Helvetica", 9)
        canvas.drawString(MARGIN + 13 * mm, height - 9 * mm, pdf_text(self.head.title))
        canvas.drawRightString(width - MARGIN, height - 9 * mm, pdf_text(self.head.reference))
        canvas.restoreState()

    def listing_band(self, canvas, doc=None):
        width, height = self.width, self.height
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.rect(0, height - LISTING_HEADER, width, LISTING_HEADER, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 20)
        canvas.drawString(MARGIN, height - 13 * mm, "BF1")
        canvas.setFont("Helvetica", 11)
        canvas.drawString(MARGIN + 20 * mm, height - 12.5 * mm, pdf_text(self.head.title))
        canvas.setFont("Helvetica", 8.5)
        canvas.drawRightString(width - MARGIN, height - 12.5 * mm, pdf_text(self.head.detail))
        canvas.restoreState()

    def footer_text(self) -> str:
        return pdf_text(f"BF1 · {self.head.footer}")[:150]

    def numbered_footer(self, canvas, number, total):
        base = self.footer_height
        canvas.saveState()
        canvas.setStrokeColor(LINE)
        canvas.line(MARGIN, base - 4 * mm, self.width - MARGIN, base - 4 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont("Helvetica", 7.5)
        if self.head.footer:
            canvas.drawString(MARGIN, base - 8.5 * mm, self.footer_text())
        canvas.drawRightString(self.width - MARGIN, base - 8.5 * mm, page_label(number, total))
        canvas.restoreState()


def content_width(head: Letterhead) -> float:
    """The width a document's tables may use."""
    width = landscape(A4)[0] if head.landscape else A4[0]
    return width - 2 * MARGIN


def build_pdf(
    story: list, head: Letterhead, *, target: IO[bytes] | None = None, compress=None
) -> bytes | None:
    """Lay `story` out in the letterhead's frame (a `LazyStory` is produced as
    it is laid out). Into `target` when given (None is returned), else the PDF
    bytes. `compress=None` follows reportlab's
    `rl_config.pageCompression` (tests turn it off to read the text)."""
    buffer = target if target is not None else io.BytesIO()
    frame = _Frame(head)
    common = {
        "pagesize": (frame.width, frame.height),
        "leftMargin": MARGIN,
        "rightMargin": MARGIN,
        "title": pdf_text(head.doc_title or head.title),
        "author": "BF1",
        "creator": "BF1 Pub",
        "invariant": 1,
        "pageCompression": rl_config.pageCompression if compress is None else int(compress),
    }
    if head.layout == LETTER:
        doc = SimpleDocTemplate(
            buffer, topMargin=FIRST_HEADER + 6 * mm, bottomMargin=FOOTER, **common
        )
        doc.build(story, onFirstPage=frame.big_band, onLaterPages=frame.big_band)
    elif head.layout == LISTING:
        doc = SimpleDocTemplate(
            buffer,
            topMargin=LISTING_HEADER + 5 * mm,
            bottomMargin=LISTING_FOOTER + 2 * mm,
            **common,
        )
        doc.build(
            story,
            onFirstPage=frame.listing_band,
            onLaterPages=frame.listing_band,
            canvasmaker=numbered_canvas(frame.numbered_footer),
        )
    else:
        doc = BaseDocTemplate(
            buffer, topMargin=LATER_HEADER + 6 * mm, bottomMargin=FOOTER, **common
        )
        width = frame.width - 2 * MARGIN
        first_height = frame.height - FIRST_HEADER - 6 * mm - FOOTER
        later_height = frame.height - LATER_HEADER - 6 * mm - FOOTER
        doc.addPageTemplates(
            [
                PageTemplate(
                    id="first",
                    frames=[Frame(MARGIN, FOOTER, width, first_height, id="first")],
                    onPage=frame.big_band,
                ),
                PageTemplate(
                    id="later",
                    frames=[Frame(MARGIN, FOOTER, width, later_height, id="later")],
                    onPage=frame.thin_band,
                ),
            ]
        )
        if isinstance(story, LazyStory):  # consumed as it is laid out: not copied
            story.insert(0, NextPageTemplate("later"))
        else:
            story = [NextPageTemplate("later"), *story]
        doc.build(story, canvasmaker=numbered_canvas(frame.numbered_footer))
    return None if target is not None else buffer.getvalue()
