"""The rate card as an A4 PDF (reportlab), generated in memory.

Built-in Helvetica only: it covers French accents (WinAnsi encoding) but not
every typographic character, so `pdf_text` swaps the few others (narrow
no-break space of `fcfa()`, minus sign, ≤/≥) for plain equivalents."""

from __future__ import annotations

import io
import unicodedata
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .pricing import fcfa

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


def _p(value) -> str:
    """Paragraph markup of plain text."""
    return escape(pdf_text(value))


def francs(amount: int) -> str:
    return pdf_text(fcfa(amount).removesuffix("\u00a0FCFA"))


def _styles() -> dict[str, ParagraphStyle]:
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


def _price_cell(price, style) -> Paragraph:
    """Bold price incl. VAT, the excl. VAT figure under it."""
    return Paragraph(
        f"<b>{francs(price.incl_vat)}</b><br/>"
        f'<font size="7.5" color="#64748B">{francs(price.excl_vat)} {_p(_("excl. VAT"))}</font>',
        style,
    )


def _table_style(extra=()) -> TableStyle:
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


def _validity(display) -> str:
    start = formats.date_format(display.valid_from, "j F Y")
    if display.valid_until:
        end = formats.date_format(display.valid_until, "j F Y")
        return _("Valid from %(start)s to %(end)s") % {"start": start, "end": end}
    return _("Valid from %(start)s") % {"start": start}


def _bands_table(display, st) -> Table:
    rows = [
        [
            Paragraph(_p(_("Time band")), st["th"]),
            Paragraph(_p(_("Spot up to 30 s")), st["th_right"]),
            Paragraph(_p(_("Spot of 31 to 60 s")), st["th_right"]),
            Paragraph(_p(_("Per second beyond 60 s")), st["th_right"]),
        ]
    ]
    for band in display.bands:
        details = band.hours
        if band.days:
            details += f" · {band.days}"
        label = f"<b>{_p(band.name)}</b>"
        if band.prime:
            label += f' <font color="#B91C1C" size="7.5">{_p(_("PRIME TIME"))}</font>'
        rows.append(
            [
                Paragraph(
                    f'{label}<br/><font size="7.5" color="#64748B">{_p(details)}</font>', st["base"]
                ),
                _price_cell(band.up_to_30, st["right"]),
                _price_cell(band.from_31_to_60, st["right"]),
                _price_cell(band.per_extra_second, st["right"]),
            ]
        )
    width = CONTENT_WIDTH - 3 * 38 * mm
    return Table(
        rows, colWidths=[width, 38 * mm, 38 * mm, 38 * mm], repeatRows=1, style=_table_style()
    )


def _adjustments_table(display, st) -> Table:
    rows = [
        [
            Paragraph(_p(_("Adjustment")), st["th"]),
            Paragraph(_p(_("Applies to")), st["th"]),
            Paragraph(_p(_("Rate")), st["th_right"]),
        ]
    ]
    for adjustment in display.adjustments:
        name = f"<b>{_p(adjustment.name)}</b>"
        if adjustment.explanation:
            name += f'<br/><font size="7.5" color="#64748B">{_p(adjustment.explanation)}</font>'
        applies = _("On request") if adjustment.on_request else _("Advertiser category")
        applies += " · " + (adjustment.bands or _("every band"))
        if adjustment.kind == "fixed":
            rate = _price_cell(adjustment.fixed_price, st["right"])
        else:
            sign = "+" if adjustment.kind == "surcharge" else "-"
            rate = Paragraph(f"<b>{sign} {_p(adjustment.percent)}</b>", st["right"])
        rows.append([Paragraph(name, st["base"]), Paragraph(_p(applies), st["base"]), rate])
    return Table(
        rows,
        colWidths=[CONTENT_WIDTH - 95 * mm, 57 * mm, 38 * mm],
        repeatRows=1,
        style=_table_style([("VALIGN", (0, 1), (-1, -1), "TOP")]),
    )


def _tiers_table(display, st) -> Table:
    rows = [
        [
            Paragraph(_p(_("Airings in the quote")), st["th"]),
            Paragraph(_p(_("Volume discount")), st["th_right"]),
        ]
    ]
    for tier in display.volume_tiers:
        rows.append(
            [
                Paragraph(
                    _p(
                        ngettext(
                            "From %(count)s airing", "From %(count)s airings", tier.min_airings
                        )
                        % {"count": tier.min_airings}
                    ),
                    st["base"],
                ),
                Paragraph(f"<b>- {_p(tier.percent)}</b>", st["right"]),
            ]
        )
    return Table(rows, colWidths=[80 * mm, 38 * mm], hAlign="LEFT", style=_table_style())


def _offers_table(display, st) -> Table:
    rows = [
        [
            Paragraph(_p(_("Offer")), st["th"]),
            Paragraph(_p(_("Unit")), st["th"]),
            Paragraph(_p(_("Included")), st["th"]),
            Paragraph(_p(_("Price")), st["th_right"]),
        ]
    ]
    extra = []
    for group in display.offer_groups:
        extra += [
            ("SPAN", (0, len(rows)), (-1, len(rows))),
            ("BACKGROUND", (0, len(rows)), (-1, len(rows)), LIGHT_RED),
        ]
        rows.append([Paragraph(_p(group.label), st["category"]), "", "", ""])
        for offer in group.offers:
            if offer.price is None:
                price = Paragraph(f"<b>{_p(_('On quote'))}</b>", st["right"])
            else:
                price = _price_cell(offer.price, st["right"])
            rows.append(
                [
                    Paragraph(_p(offer.name), st["base"]),
                    Paragraph(_p(offer.unit), st["base"]),
                    Paragraph(_p(offer.quantity), st["base"]),
                    price,
                ]
            )
    return Table(
        rows,
        colWidths=[CONTENT_WIDTH - 108 * mm, 38 * mm, 32 * mm, 38 * mm],
        repeatRows=1,
        style=_table_style(extra),
    )


def _contact_line(contact) -> str:
    if contact is None:
        return ""
    parts = []
    if getattr(contact, "phone", ""):
        parts.append(_("Tel. %(phone)s") % {"phone": contact.phone})
    if getattr(contact, "email", ""):
        parts.append(contact.email)
    address = " ".join((getattr(contact, "address", "") or "").split())
    if address:
        parts.append(address)
    return " · ".join(parts)


def _canvas_maker(draw_footer):
    """A canvas that knows the page count when it draws each footer."""

    class NumberedCanvas(pdf_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                draw_footer(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def render_rate_card_pdf(display, *, contact=None, compress: bool | None = None) -> bytes:
    """The card as PDF bytes. `compress=None` follows reportlab's
    `rl_config.pageCompression` (tests turn it off to read the text)."""
    st = _styles()
    title = _("Rate card")
    validity = _validity(display)
    contact_line = _contact_line(contact)

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.rect(0, PAGE_HEIGHT - FIRST_HEADER, PAGE_WIDTH, FIRST_HEADER, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 30)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 19 * mm, "BF1")
        canvas.setFont("Helvetica", 13)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 27 * mm, pdf_text(title))
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 17 * mm, pdf_text(display.name))
        canvas.setFont("Helvetica", 9.5)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 24 * mm, pdf_text(validity))
        canvas.restoreState()

    def later_pages(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.rect(0, PAGE_HEIGHT - LATER_HEADER, PAGE_WIDTH, LATER_HEADER, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 13)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 9 * mm, "BF1")
        canvas.setFont("Helvetica", 9)
        canvas.drawString(MARGIN + 13 * mm, PAGE_HEIGHT - 9 * mm, pdf_text(title))
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 9 * mm, pdf_text(display.name))
        canvas.restoreState()

    def footer(canvas, number, total):
        canvas.saveState()
        canvas.setStrokeColor(LINE)
        canvas.line(MARGIN, FOOTER - 4 * mm, PAGE_WIDTH - MARGIN, FOOTER - 4 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont("Helvetica", 7.5)
        if contact_line:
            canvas.drawString(MARGIN, FOOTER - 8.5 * mm, pdf_text(f"BF1 · {contact_line}")[:150])
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN,
            FOOTER - 8.5 * mm,
            pdf_text(_("Page %(number)s of %(total)s") % {"number": number, "total": total}),
        )
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=LATER_HEADER + 6 * mm,
        bottomMargin=FOOTER,
        title=pdf_text(f"{title} — {display.name}"),
        author="BF1",
        creator="BF1 Pub",
        invariant=1,
        pageCompression=rl_config.pageCompression if compress is None else int(compress),
    )
    frame_height_first = PAGE_HEIGHT - FIRST_HEADER - 6 * mm - FOOTER
    frame_height_later = PAGE_HEIGHT - LATER_HEADER - 6 * mm - FOOTER
    doc.addPageTemplates(
        [
            PageTemplate(
                id="first",
                frames=[Frame(MARGIN, FOOTER, CONTENT_WIDTH, frame_height_first, id="first")],
                onPage=first_page,
            ),
            PageTemplate(
                id="later",
                frames=[Frame(MARGIN, FOOTER, CONTENT_WIDTH, frame_height_later, id="later")],
                onPage=later_pages,
            ),
        ]
    )

    vat = display.vat_text
    story = [
        NextPageTemplate("later"),
        Paragraph(
            _p(
                _(
                    "Prices per airing in FCFA. In bold: VAT included (%(vat)s); "
                    "below: excluding VAT."
                )
                % {"vat": vat}
            ),
            st["base"],
        ),
        Paragraph(_p(_("Advertising spots")), st["h2"]),
        _bands_table(display, st),
    ]
    if display.adjustments:
        story += [
            Paragraph(_p(_("Surcharges and reductions")), st["h2"]),
            _adjustments_table(display, st),
        ]
    if display.volume_tiers:
        story.append(
            KeepTogether(
                [
                    Paragraph(_p(_("Volume discounts")), st["h2"]),
                    Paragraph(
                        _p(
                            _(
                                "On the total number of airings of one quote, before VAT; "
                                "the highest tier reached applies."
                            )
                        ),
                        st["small"],
                    ),
                    Spacer(1, 3),
                    _tiers_table(display, st),
                ]
            )
        )
    if display.offer_groups:
        story += [Paragraph(_p(_("Other offers")), st["h2"]), _offers_table(display, st)]
    story += [
        Spacer(1, 8),
        Paragraph(
            _p(
                _(
                    "Prices excluding VAT are subject to VAT at %(vat)s; prices including VAT "
                    "already include it. %(validity)s."
                )
                % {"vat": vat, "validity": validity}
            ),
            st["small"],
        ),
    ]
    doc.build(story, canvasmaker=_canvas_maker(footer))
    return buffer.getvalue()
