"""A campaign's quote (or, before submission, its estimate) as an A4 PDF: a BF1
letter (`core.pdf`, LETTER layout) whose content is built here."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from core.pdf import (
    CONTENT_WIDTH,
    DARK_RED,
    LETTER,
    Letterhead,
    build_pdf,
    francs,
    para,
    party_lines,
    styles,
    table_style,
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
    st = styles()
    number = quote_number(campaign)
    issued = campaign.submitted_at.date() if frozen and campaign.submitted_at else None
    issued = issued or timezone.localdate()
    valid_until = issued + dt.timedelta(days=VALIDITY_DAYS)
    title = _("Quote") if frozen else _("Estimate")

    letterhead = Letterhead(
        title=title,
        reference=number,
        detail=_("Issued on %(date)s") % {"date": _date(issued)},
        footer=_("Advertising airtime"),
        layout=LETTER,
        doc_title=f"{title} {number}",
    )

    advertiser = campaign.advertiser
    client = party_lines(
        advertiser.name, ifu=advertiser.ifu, rccm=advertiser.rccm, address=advertiser.address
    )
    summary = [
        f"<b>{para(campaign.title)}</b>",
        para(
            _("From %(start)s to %(end)s · spot of %(length)s s")
            % {
                "start": _date(quote.get("start_date")),
                "end": _date(quote.get("end_date")),
                "length": quote.get("spot_length"),
            }
        ),
        para(_("Rate card: %(name)s") % {"name": (quote.get("rate_card") or {}).get("name", "")}),
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
    lines_table = _lines_table(quote.get("lines", []), st)
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
            [Paragraph(para(label), st["base"]), Paragraph(para(value), st["right"])]
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
        Paragraph(para(_("Airtime")), st["h2"]),
        lines_table,
        Spacer(1, 6),
        totals_table,
        Spacer(1, 10),
        Paragraph(para(validity), st["small"]),
    ]
    return build_pdf(story, letterhead, compress=compress)


def _lines_table(lines: list[dict], st) -> Table:
    """One row per band. A quote priced from the published TTC prices (every quote
    since the card stores them, decision 0012) shows the unit and the amount TTC,
    which multiply exactly, and the amount HT the totals add up; an older frozen
    quote keeps the HT columns it was issued with."""
    with_ttc = bool(lines) and all("unit_price_incl_vat" in line for line in lines)
    money = (
        [
            ("unit_price_incl_vat", _("Unit price incl. VAT")),
            ("amount_incl_vat", _("Amount incl. VAT")),
            ("amount", _("Amount excl. VAT")),
        ]
        if with_ttc
        else [("unit_price", _("Unit price excl. VAT")), ("amount", _("Amount excl. VAT"))]
    )
    rows = [
        [
            Paragraph(para(_("Time band")), st["th"]),
            Paragraph(para(_("Airings")), st["th_right"]),
            *[Paragraph(para(title), st["th_right"]) for _key, title in money],
        ]
    ]
    for line in lines:
        rows.append(
            [
                Paragraph(
                    f"<b>{para(line.get('label') or line.get('band'))}</b>"
                    f'<br/><font size="7.5" color="#64748B">{para(line.get("hours", ""))}</font>',
                    st["base"],
                ),
                Paragraph(para(line.get("airings")), st["right"]),
                *[Paragraph(francs(line.get(key, 0)), st["right"]) for key, _title in money],
            ]
        )
    number = 30 * mm if with_ttc else 38 * mm
    count = 1 + len(money)
    return Table(
        rows,
        colWidths=[CONTENT_WIDTH - count * number, *([number] * count)],
        repeatRows=1,
        style=table_style(),
    )
