"""A campaign's quote as an A4 PDF (reportlab), in BF1's style (see
`simulator.pdf`, whose helpers it reuses)."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from simulator.pdf import (
    CONTENT_WIDTH,
    DARK_RED,
    FIRST_HEADER,
    FOOTER,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RED,
    _p,
    _styles,
    _table_style,
    francs,
    pdf_text,
)

VALIDITY_DAYS = 30


def quote_number(campaign) -> str:
    return f"DV-C-{campaign.uuid.hex[:8].upper()}"


def _date(value) -> str:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return formats.date_format(value, "j F Y") if value else "—"


def render_quote_pdf(campaign, quote: dict, *, frozen: bool, compress: bool | None = None) -> bytes:
    st = _styles()
    number = quote_number(campaign)
    issued = campaign.submitted_at.date() if frozen and campaign.submitted_at else None
    issued = issued or timezone.localdate()
    valid_until = issued + dt.timedelta(days=VALIDITY_DAYS)
    title = _("Quote") if frozen else _("Estimate")

    def header(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.rect(0, PAGE_HEIGHT - FIRST_HEADER, PAGE_WIDTH, FIRST_HEADER, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 30)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 19 * mm, "BF1")
        canvas.setFont("Helvetica", 13)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 27 * mm, pdf_text(title))
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 17 * mm, pdf_text(number))
        canvas.setFont("Helvetica", 9.5)
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN,
            PAGE_HEIGHT - 24 * mm,
            pdf_text(_("Issued on %(date)s") % {"date": _date(issued)}),
        )
        canvas.setFillColor(colors.HexColor("#64748B"))
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(MARGIN, FOOTER - 8.5 * mm, pdf_text("BF1 · " + _("Advertising airtime")))
        canvas.restoreState()

    advertiser = campaign.advertiser
    client = [f"<b>{_p(advertiser.name)}</b>"]
    if advertiser.ifu:
        client.append(_p(_("IFU: %(ifu)s") % {"ifu": advertiser.ifu}))
    if advertiser.rccm:
        client.append(_p(_("RCCM: %(rccm)s") % {"rccm": advertiser.rccm}))
    if advertiser.address:
        client.append(_p(" ".join(advertiser.address.split())))
    summary = [
        f"<b>{_p(campaign.title)}</b>",
        _p(
            _("From %(start)s to %(end)s · spot of %(length)s s")
            % {
                "start": _date(quote.get("start_date")),
                "end": _date(quote.get("end_date")),
                "length": quote.get("spot_length"),
            }
        ),
        _p(_("Rate card: %(name)s") % {"name": (quote.get("rate_card") or {}).get("name", "")}),
    ]
    head = Table(
        [
            [
                Paragraph("<br/>".join(client), st["base"]),
                Paragraph("<br/>".join(summary), st["base"]),
            ]
        ],
        colWidths=[CONTENT_WIDTH / 2] * 2,
    )
    rows = [
        [
            Paragraph(_p(_("Time band")), st["th"]),
            Paragraph(_p(_("Airings")), st["th_right"]),
            Paragraph(_p(_("Unit price excl. VAT")), st["th_right"]),
            Paragraph(_p(_("Amount excl. VAT")), st["th_right"]),
        ]
    ]
    for line in quote.get("lines", []):
        rows.append(
            [
                Paragraph(
                    f"<b>{_p(line.get('label') or line.get('band'))}</b>"
                    f'<br/><font size="7.5" color="#64748B">{_p(line.get("hours", ""))}</font>',
                    st["base"],
                ),
                Paragraph(_p(line.get("airings")), st["right"]),
                Paragraph(francs(line.get("unit_price", 0)), st["right"]),
                Paragraph(francs(line.get("amount", 0)), st["right"]),
            ]
        )
    lines_table = Table(
        rows,
        colWidths=[CONTENT_WIDTH - 3 * 38 * mm, 38 * mm, 38 * mm, 38 * mm],
        repeatRows=1,
        style=_table_style(),
    )
    discount = quote.get("discount") or {}
    vat = quote.get("vat") or {}
    totals = [
        [_("Subtotal excl. VAT"), francs(quote.get("subtotal", 0))],
    ]
    if discount.get("amount"):
        totals.append(
            [
                _("Volume discount (%(percent)s %%)")
                % {"percent": str(discount.get("percent")).replace(".", ",")},
                "- " + francs(discount["amount"]),
            ]
        )
    totals += [
        [_("Total excl. VAT"), francs(quote.get("total_excl_vat", 0))],
        [
            _("VAT (%(rate)s %%)") % {"rate": str(vat.get("rate", "")).replace(".", ",")},
            francs(vat.get("amount", 0)),
        ],
        [_("Total incl. VAT (FCFA)"), francs(quote.get("total", 0))],
    ]
    totals_table = Table(
        [
            [Paragraph(_p(label), st["base"]), Paragraph(_p(value), st["right"])]
            for label, value in totals
        ],
        colWidths=[70 * mm, 40 * mm],
        hAlign="RIGHT",
        style=[
            ("LINEABOVE", (0, -1), (-1, -1), 1, DARK_RED),
            ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
        ],
    )
    if frozen:
        validity = _(
            "Quote valid until %(date)s. Prices are those of the rate card in force on submission."
        ) % {"date": _date(valid_until)}
    else:
        validity = _(
            "Estimate with today's rate card: the quote is fixed when the campaign is submitted."
        )
    story = [
        head,
        Spacer(1, 8),
        Paragraph(_p(_("Airtime")), st["h2"]),
        lines_table,
        Spacer(1, 6),
        totals_table,
        Spacer(1, 10),
        Paragraph(_p(validity), st["small"]),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=FIRST_HEADER + 6 * mm,
        bottomMargin=FOOTER,
        title=pdf_text(f"{title} {number}"),
        author="BF1",
        creator="BF1 Pub",
        invariant=1,
        pageCompression=rl_config.pageCompression if compress is None else int(compress),
    )
    doc.build(story, onFirstPage=header, onLaterPages=header)
    return buffer.getvalue()
