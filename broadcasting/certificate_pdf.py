"""The broadcast certificate as an A4 PDF: only its content (client and scope,
the aired airings, totals, the verification block with its QR code); the BF1
page set-up, header, footer and "Page n of N" come from `core.pdf`."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from core.pdf import (
    CONTENT_WIDTH,
    DARK_RED,
    DOCUMENT,
    LINE,
    Letterhead,
    build_pdf,
    francs,
    para,
    party_lines,
    styles,
    table_style,
)

from .models import Airing, BroadcastCertificate
from .services.certificates import duration, verify_url


def _date(value: dt.date) -> str:
    return formats.date_format(value, "j F Y")


def _qr(url: str, size: float) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    width, height = right - left, top - bottom
    drawing = Drawing(size, size, transform=[size / width, 0, 0, size / height, 0, 0])
    drawing.add(widget)
    return drawing


def _head(certificate: BroadcastCertificate, st) -> Table:
    """The client on the left, what the certificate covers on the right."""
    advertiser = certificate.advertiser
    client = party_lines(
        certificate.advertiser_name,
        ifu=advertiser.ifu,
        rccm=advertiser.rccm,
        address=advertiser.address,
    )
    dates = {"start": _date(certificate.period_start), "end": _date(certificate.period_end)}
    if certificate.campaign_title:
        scope = [
            f"<b>{para(_('Campaign'))}:</b> {para(certificate.campaign_title)}",
            para(_("Airings from %(start)s to %(end)s") % dates),
        ]
    else:
        scope = [f"<b>{para(_('Period'))}:</b> " + para(_("from %(start)s to %(end)s") % dates)]
    return Table(
        [
            [
                Paragraph("<br/>".join(client), st["base"]),
                Paragraph("<br/>".join(scope), st["base"]),
            ]
        ],
        colWidths=[CONTENT_WIDTH / 2] * 2,
        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
    )


def _airings_table(airings: list[Airing], *, per_campaign: bool, st) -> Table:
    headers = [_("No."), _("Date"), _("Aired at"), _("Ad break")]
    widths = [10 * mm, 22 * mm, 18 * mm]
    if not per_campaign:
        headers.append(_("Campaign"))
    headers += [_("Spot"), _("Length")]
    rest = CONTENT_WIDTH - sum(widths) - 16 * mm
    if per_campaign:
        widths += [rest * 0.55, rest * 0.45, 16 * mm]
    else:
        widths += [rest * 0.36, rest * 0.32, rest * 0.32, 16 * mm]
    rows = [
        [
            Paragraph(para(label), st["th_right"] if label == headers[-1] else st["th"])
            for label in headers
        ]
    ]
    for number, airing in enumerate(airings, start=1):
        brk = airing.break_slot
        scheduled = timezone.localtime(brk.starts_at)
        confirmed = timezone.localtime(airing.confirmed_at) if airing.confirmed_at else None
        break_text = f"{scheduled:%H:%M}"
        if brk.label:
            break_text += f" · {brk.label}"
        row = [
            Paragraph(str(number), st["base"]),
            Paragraph(formats.date_format(brk.day, "d/m/Y"), st["base"]),
            Paragraph(f"{confirmed:%H:%M:%S}" if confirmed else "—", st["base"]),
            Paragraph(para(break_text), st["base"]),
        ]
        if not per_campaign:
            row.append(Paragraph(para(airing.campaign.title), st["base"]))
        row += [
            Paragraph(para(str(airing.spot) if airing.spot_id else "—"), st["base"]),
            Paragraph(f"{airing.length} s", st["right"]),
        ]
        rows.append(row)
    return Table(
        rows,
        colWidths=widths,
        repeatRows=1,
        style=table_style([("VALIGN", (0, 1), (-1, -1), "TOP")]),
    )


def _totals(certificate: BroadcastCertificate, st) -> Table:
    totals = [
        [_("Number of airings"), str(certificate.aired_count)],
        [
            _("Total length"),
            f"{certificate.total_seconds} s ({duration(certificate.total_seconds)})",
        ],
        [_("Amount excl. VAT (FCFA)"), francs(certificate.total_amount)],
    ]
    return Table(
        [
            [Paragraph(para(label), st["base"]), Paragraph(para(value), st["right"])]
            for label, value in totals
        ],
        colWidths=[70 * mm, 45 * mm],
        hAlign="RIGHT",
        style=[
            ("LINEABOVE", (0, -1), (-1, -1), 1, DARK_RED),
            ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
        ],
    )


def _check_block(code: str, url: str, st) -> Table:
    text = [
        f"<b>{para(_('Verification code'))}:</b> {para(code)}",
        para(
            _(
                "Anyone can check that this certificate is genuine by scanning the QR code "
                "or by opening the address below: the page shows its summary and whether "
                "the airings still match."
            )
        ),
        f'<font color="#B91C1C">{para(url)}</font>',
    ]
    return Table(
        [[_qr(url, 30 * mm), Paragraph("<br/>".join(text), st["base"])]],
        colWidths=[34 * mm, CONTENT_WIDTH - 34 * mm],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BOX", (0, 0), (-1, -1), 0.5, LINE),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ],
    )


def render_certificate_pdf(
    certificate: BroadcastCertificate,
    airings: list[Airing],
    *,
    compress: bool | None = None,
) -> bytes:
    """The certificate as PDF bytes. `compress=None` follows reportlab's
    `rl_config.pageCompression` (tests turn it off to read the text)."""
    st = styles()
    title = _("Broadcast certificate")
    code = certificate.display_code
    issued = timezone.localtime(certificate.issued_at).date()
    url = verify_url(certificate.code)
    head = Letterhead(
        title=title,
        reference=code,
        detail=_("Issued on %(date)s") % {"date": _date(issued)},
        footer=f"{_('Broadcast certificate')} {code} · {url}",
        layout=DOCUMENT,
        doc_title=f"{title} {code}",
    )
    intro = _(
        "BF1 certifies that the spots listed below were broadcast on its channel, "
        "as confirmed by its master control at the times given."
    )
    story = [
        _head(certificate, st),
        Spacer(1, 8),
        Paragraph(para(intro), st["base"]),
        Paragraph(para(_("Aired airings")), st["h2"]),
        _airings_table(airings, per_campaign=bool(certificate.campaign_title), st=st),
        Spacer(1, 6),
        _totals(certificate, st),
        Spacer(1, 12),
        _check_block(code, url, st),
        Spacer(1, 6),
        Paragraph(
            para(_("Only airings confirmed as aired are listed; amounts exclude VAT.")),
            st["small"],
        ),
    ]
    return build_pdf(story, head, compress=compress)


def filename(certificate: BroadcastCertificate) -> str:
    return f"attestation-diffusion-{certificate.display_code}.pdf"
