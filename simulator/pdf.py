"""The rate card as an A4 PDF (reportlab), generated in memory: only its content;
the BF1 page set-up, styles and text clean-up come from `core.pdf`."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from core.pdf import (
    CONTENT_WIDTH,
    DOCUMENT,
    LIGHT_RED,
    Letterhead,
    build_pdf,
    francs,
    para,
    styles,
    table_style,
)


def _price_cell(price, style) -> Paragraph:
    """Bold price incl. VAT, the excl. VAT figure under it."""
    return Paragraph(
        f"<b>{francs(price.incl_vat)}</b><br/>"
        f'<font size="7.5" color="#64748B">{francs(price.excl_vat)} {para(_("excl. VAT"))}</font>',
        style,
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
            Paragraph(para(_("Time band")), st["th"]),
            Paragraph(para(_("Spot up to 30 s")), st["th_right"]),
            Paragraph(para(_("Spot of 31 to 60 s")), st["th_right"]),
            Paragraph(para(_("Per second beyond 60 s")), st["th_right"]),
        ]
    ]
    for band in display.bands:
        details = band.hours
        if band.days:
            details += f" · {band.days}"
        label = f"<b>{para(band.name)}</b>"
        if band.prime:
            label += f' <font color="#B91C1C" size="7.5">{para(_("PRIME TIME"))}</font>'
        rows.append(
            [
                Paragraph(
                    f'{label}<br/><font size="7.5" color="#64748B">{para(details)}</font>',
                    st["base"],
                ),
                _price_cell(band.up_to_30, st["right"]),
                _price_cell(band.from_31_to_60, st["right"]),
                _price_cell(band.per_extra_second, st["right"]),
            ]
        )
    width = CONTENT_WIDTH - 3 * 38 * mm
    return Table(
        rows, colWidths=[width, 38 * mm, 38 * mm, 38 * mm], repeatRows=1, style=table_style()
    )


def _adjustments_table(display, st) -> Table:
    rows = [
        [
            Paragraph(para(_("Adjustment")), st["th"]),
            Paragraph(para(_("Applies to")), st["th"]),
            Paragraph(para(_("Rate")), st["th_right"]),
        ]
    ]
    for adjustment in display.adjustments:
        name = f"<b>{para(adjustment.name)}</b>"
        if adjustment.explanation:
            name += f'<br/><font size="7.5" color="#64748B">{para(adjustment.explanation)}</font>'
        applies = _("On request") if adjustment.on_request else _("Advertiser category")
        applies += " · " + (adjustment.bands or _("every band"))
        if adjustment.kind == "fixed":
            rate = _price_cell(adjustment.fixed_price, st["right"])
        else:
            sign = "+" if adjustment.kind == "surcharge" else "-"
            rate = Paragraph(f"<b>{sign} {para(adjustment.percent)}</b>", st["right"])
        rows.append([Paragraph(name, st["base"]), Paragraph(para(applies), st["base"]), rate])
    return Table(
        rows,
        colWidths=[CONTENT_WIDTH - 95 * mm, 57 * mm, 38 * mm],
        repeatRows=1,
        style=table_style([("VALIGN", (0, 1), (-1, -1), "TOP")]),
    )


def _tiers_table(display, st) -> Table:
    rows = [
        [
            Paragraph(para(_("Airings in the quote")), st["th"]),
            Paragraph(para(_("Volume discount")), st["th_right"]),
        ]
    ]
    for tier in display.volume_tiers:
        rows.append(
            [
                Paragraph(
                    para(
                        ngettext(
                            "From %(count)s airing", "From %(count)s airings", tier.min_airings
                        )
                        % {"count": tier.min_airings}
                    ),
                    st["base"],
                ),
                Paragraph(f"<b>- {para(tier.percent)}</b>", st["right"]),
            ]
        )
    return Table(rows, colWidths=[80 * mm, 38 * mm], hAlign="LEFT", style=table_style())


def _offers_table(display, st) -> Table:
    rows = [
        [
            Paragraph(para(_("Offer")), st["th"]),
            Paragraph(para(_("Unit")), st["th"]),
            Paragraph(para(_("Included")), st["th"]),
            Paragraph(para(_("Price")), st["th_right"]),
        ]
    ]
    extra = []
    for group in display.offer_groups:
        extra += [
            ("SPAN", (0, len(rows)), (-1, len(rows))),
            ("BACKGROUND", (0, len(rows)), (-1, len(rows)), LIGHT_RED),
        ]
        rows.append([Paragraph(para(group.label), st["category"]), "", "", ""])
        for offer in group.offers:
            if offer.price is None:
                price = Paragraph(f"<b>{para(_('On quote'))}</b>", st["right"])
            else:
                price = _price_cell(offer.price, st["right"])
            rows.append(
                [
                    Paragraph(para(offer.name), st["base"]),
                    Paragraph(para(offer.unit), st["base"]),
                    Paragraph(para(offer.quantity), st["base"]),
                    price,
                ]
            )
    return Table(
        rows,
        colWidths=[CONTENT_WIDTH - 108 * mm, 38 * mm, 32 * mm, 38 * mm],
        repeatRows=1,
        style=table_style(extra),
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


def render_rate_card_pdf(display, *, contact=None, compress: bool | None = None) -> bytes:
    """The card as PDF bytes. `compress=None` follows reportlab's
    `rl_config.pageCompression` (tests turn it off to read the text)."""
    st = styles()
    title = _("Rate card")
    validity = _validity(display)
    head = Letterhead(
        title=title,
        reference=display.name,
        detail=validity,
        footer=_contact_line(contact),
        layout=DOCUMENT,
        doc_title=f"{title} — {display.name}",
    )
    vat = display.vat_text
    story = [
        Paragraph(
            para(
                _(
                    "Prices per airing in FCFA. In bold: VAT included (%(vat)s); "
                    "below: excluding VAT."
                )
                % {"vat": vat}
            ),
            st["base"],
        ),
        Paragraph(para(_("Advertising spots")), st["h2"]),
        _bands_table(display, st),
    ]
    if display.adjustments:
        story += [
            Paragraph(para(_("Surcharges and reductions")), st["h2"]),
            _adjustments_table(display, st),
        ]
    if display.volume_tiers:
        story.append(
            KeepTogether(
                [
                    Paragraph(para(_("Volume discounts")), st["h2"]),
                    Paragraph(
                        para(
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
        story += [Paragraph(para(_("Other offers")), st["h2"]), _offers_table(display, st)]
    story += [
        Spacer(1, 8),
        Paragraph(
            para(
                _(
                    "Prices excluding VAT are subject to VAT at %(vat)s; prices including VAT "
                    "already include it. %(validity)s."
                )
                % {"vat": vat, "validity": validity}
            ),
            st["small"],
        ),
    ]
    return build_pdf(story, head, compress=compress)
