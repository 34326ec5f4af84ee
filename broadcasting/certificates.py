"""Broadcast certificates (attestations de diffusion): issuing one for a
campaign or a period, checking one later, and the A4 PDF (reportlab, in the
style of `simulator.pdf` and `campaigns.quote_pdf`, whose helpers it reuses).

A certificate lists the advertiser's AIRED airings only. Its record keeps the
listed airings' ids and a SHA-256 of "id:confirmation time" lines: the public
page `/verify/<code>/` recomputes it to say whether the airings still match."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import re
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab import rl_config
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from simulator.pdf import (
    CONTENT_WIDTH,
    DARK_RED,
    FIRST_HEADER,
    FOOTER,
    LATER_HEADER,
    LINE,
    MARGIN,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RED,
    _canvas_maker,
    _p,
    _styles,
    _table_style,
    francs,
    pdf_text,
)

from .exceptions import BroadcastError
from .models import Airing, BroadcastCertificate
from .models.certificate import CODE_LENGTH
from .selectors import advertiser as selectors

MAX_PERIOD_DAYS = 366
CODE_PATTERN = re.compile(r"^[A-Z2-7]{16,40}$")


# --- Codes and fingerprints ---------------------------------------------------------
def new_code() -> str:
    """A random code of CODE_LENGTH base32 characters (120 bits): not guessable."""
    raw = base64.b32encode(secrets.token_bytes(CODE_LENGTH * 5 // 8)).decode("ascii")
    return raw.rstrip("=")[:CODE_LENGTH]


def normalise_code(value: str | None) -> str | None:
    """The stored form of a code as typed or printed ("ABCD-EFGH-…", any case);
    None when it cannot be a code."""
    cleaned = re.sub(r"[\s\-]", "", value or "").upper()
    return cleaned if CODE_PATTERN.match(cleaned) else None


def _moment(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def fingerprint(pairs: Iterable[tuple[int, dt.datetime | None]]) -> str:
    """SHA-256 of the sorted "id:confirmation time (UTC)" lines."""
    lines = "\n".join(f"{pk}:{_moment(at)}" for pk, at in sorted(pairs, key=lambda p: p[0]))
    return hashlib.sha256(lines.encode("ascii")).hexdigest()


def verify_url(code: str) -> str:
    """The absolute address of the certificate's public check (SITE_URL)."""
    return f"{settings.SITE_URL}{reverse('verify:certificate', kwargs={'code': code})}"


def still_matches(certificate: BroadcastCertificate) -> bool:
    """Whether the airings it listed are all still aired, with the same
    confirmation times (one query)."""
    current = selectors.confirmations_of(certificate.advertiser_id, certificate.airing_ids)
    return secrets.compare_digest(fingerprint(current), certificate.content_hash)


# --- Issuing ------------------------------------------------------------------------
def parse_period(start: str | None, end: str | None) -> tuple[dt.date, dt.date]:
    """Two ISO dates, start on or before end, at most MAX_PERIOD_DAYS days."""
    try:
        first = dt.date.fromisoformat((start or "").strip())
        last = dt.date.fromisoformat((end or "").strip())
    except ValueError:
        raise BroadcastError(
            _("Give the start and end dates of the period (YYYY-MM-DD).")
        ) from None
    if first > last:
        raise BroadcastError(_("The start date must be on or before the end date."))
    if (last - first).days + 1 > MAX_PERIOD_DAYS:
        raise BroadcastError(
            _("A certificate covers at most %(days)s days: choose a shorter period.")
            % {"days": MAX_PERIOD_DAYS}
        )
    return first, last


@transaction.atomic
def issue_certificate(
    *,
    advertiser,
    issued_by,
    campaign=None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[BroadcastCertificate, list[Airing]]:
    """The certificate of a campaign's aired airings (`campaign`), or of the
    advertiser's over a period (`start`, `end`), recorded with a new code. The
    same scope with the same airings gives back the certificate already issued."""
    if campaign is None and (start is None or end is None):
        raise BroadcastError(_("Choose a campaign or a period."))
    airings = selectors.aired_for_certificate(
        advertiser.pk,
        campaign=campaign,
        start=None if campaign is not None else start,
        end=None if campaign is not None else end,
    )
    if not airings:
        if campaign is not None:
            raise BroadcastError(
                _("None of this campaign's airings has aired yet: there is nothing to certify.")
            )
        raise BroadcastError(_("No airing aired in this period: there is nothing to certify."))
    content_hash = fingerprint((a.pk, a.confirmed_at) for a in airings)
    if campaign is not None:
        days = [a.break_slot.day for a in airings]
        start, end = min(days), max(days)
    existing = (
        BroadcastCertificate.objects.filter(
            advertiser=advertiser,
            campaign=campaign,
            period_start=start,
            period_end=end,
            content_hash=content_hash,
        )
        .order_by("-issued_at", "-pk")
        .first()
    )
    if existing is not None:
        return existing, airings
    certificate = BroadcastCertificate.objects.create(
        code=new_code(),
        advertiser=advertiser,
        campaign=campaign,
        advertiser_name=advertiser.name,
        campaign_title=campaign.title if campaign is not None else "",
        period_start=start,
        period_end=end,
        issued_by=issued_by,
        aired_count=len(airings),
        total_seconds=sum(a.length for a in airings),
        total_amount=sum(a.unit_price for a in airings),
        airing_ids=[a.pk for a in airings],
        content_hash=content_hash,
    )
    return certificate, airings


# --- PDF ----------------------------------------------------------------------------
def _date(value: dt.date) -> str:
    return formats.date_format(value, "j F Y")


def duration(seconds: int) -> str:
    """3725 -> "1 h 02 min 05 s"; 95 -> "1 min 35 s"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min {secs:02d} s"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def _qr(url: str, size: float) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    width, height = right - left, top - bottom
    drawing = Drawing(size, size, transform=[size / width, 0, 0, size / height, 0, 0])
    drawing.add(widget)
    return drawing


def render_certificate_pdf(
    certificate: BroadcastCertificate,
    airings: list[Airing],
    *,
    compress: bool | None = None,
) -> bytes:
    """The certificate as PDF bytes. `compress=None` follows reportlab's
    `rl_config.pageCompression` (tests turn it off to read the text)."""
    st = _styles()
    title = _("Broadcast certificate")
    code = certificate.display_code
    issued = timezone.localtime(certificate.issued_at).date()
    url = verify_url(certificate.code)
    per_campaign = bool(certificate.campaign_title)

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.rect(0, PAGE_HEIGHT - FIRST_HEADER, PAGE_WIDTH, FIRST_HEADER, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 30)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 19 * mm, "BF1")
        canvas.setFont("Helvetica", 13)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 27 * mm, pdf_text(title))
        canvas.setFont("Helvetica-Bold", 11)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 17 * mm, pdf_text(code))
        canvas.setFont("Helvetica", 9.5)
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN,
            PAGE_HEIGHT - 24 * mm,
            pdf_text(_("Issued on %(date)s") % {"date": _date(issued)}),
        )
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
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 9 * mm, pdf_text(code))
        canvas.restoreState()

    def footer(canvas, number, total):
        canvas.saveState()
        canvas.setStrokeColor(LINE)
        canvas.line(MARGIN, FOOTER - 4 * mm, PAGE_WIDTH - MARGIN, FOOTER - 4 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(
            MARGIN,
            FOOTER - 8.5 * mm,
            pdf_text(f"BF1 · {_('Broadcast certificate')} {code} · {url}")[:150],
        )
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN,
            FOOTER - 8.5 * mm,
            pdf_text(_("Page %(number)s of %(total)s") % {"number": number, "total": total}),
        )
        canvas.restoreState()

    advertiser = certificate.advertiser
    client = [f"<b>{_p(certificate.advertiser_name)}</b>"]
    if advertiser.ifu:
        client.append(_p(_("IFU: %(ifu)s") % {"ifu": advertiser.ifu}))
    if advertiser.rccm:
        client.append(_p(_("RCCM: %(rccm)s") % {"rccm": advertiser.rccm}))
    if advertiser.address:
        client.append(_p(" ".join(advertiser.address.split())))
    if per_campaign:
        scope = [
            f"<b>{_p(_('Campaign'))}:</b> {_p(certificate.campaign_title)}",
            _p(
                _("Airings from %(start)s to %(end)s")
                % {
                    "start": _date(certificate.period_start),
                    "end": _date(certificate.period_end),
                }
            ),
        ]
    else:
        scope = [
            f"<b>{_p(_('Period'))}:</b> "
            + _p(
                _("from %(start)s to %(end)s")
                % {
                    "start": _date(certificate.period_start),
                    "end": _date(certificate.period_end),
                }
            )
        ]
    head = Table(
        [
            [
                Paragraph("<br/>".join(client), st["base"]),
                Paragraph("<br/>".join(scope), st["base"]),
            ]
        ],
        colWidths=[CONTENT_WIDTH / 2] * 2,
        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
    )
    intro = _(
        "BF1 certifies that the spots listed below were broadcast on its channel, "
        "as confirmed by its master control at the times given."
    )

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
    table_rows = [
        [
            Paragraph(_p(label), st["th_right"] if label == headers[-1] else st["th"])
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
            Paragraph(_p(break_text), st["base"]),
        ]
        if not per_campaign:
            row.append(Paragraph(_p(airing.campaign.title), st["base"]))
        row += [
            Paragraph(_p(str(airing.spot) if airing.spot_id else "—"), st["base"]),
            Paragraph(f"{airing.length} s", st["right"]),
        ]
        table_rows.append(row)
    airings_table = Table(
        table_rows,
        colWidths=widths,
        repeatRows=1,
        style=_table_style([("VALIGN", (0, 1), (-1, -1), "TOP")]),
    )
    totals = [
        [_("Number of airings"), str(certificate.aired_count)],
        [
            _("Total length"),
            f"{certificate.total_seconds} s ({duration(certificate.total_seconds)})",
        ],
        [_("Amount excl. VAT (FCFA)"), francs(certificate.total_amount)],
    ]
    totals_table = Table(
        [
            [Paragraph(_p(label), st["base"]), Paragraph(_p(value), st["right"])]
            for label, value in totals
        ],
        colWidths=[70 * mm, 45 * mm],
        hAlign="RIGHT",
        style=[
            ("LINEABOVE", (0, -1), (-1, -1), 1, DARK_RED),
            ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
        ],
    )
    check_text = [
        f"<b>{_p(_('Verification code'))}:</b> {_p(code)}",
        _p(
            _(
                "Anyone can check that this certificate is genuine by scanning the QR code "
                "or by opening the address below: the page shows its summary and whether "
                "the airings still match."
            )
        ),
        f'<font color="#B91C1C">{_p(url)}</font>',
    ]
    check_block = Table(
        [[_qr(url, 30 * mm), Paragraph("<br/>".join(check_text), st["base"])]],
        colWidths=[34 * mm, CONTENT_WIDTH - 34 * mm],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BOX", (0, 0), (-1, -1), 0.5, LINE),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ],
    )

    story = [
        NextPageTemplate("later"),
        head,
        Spacer(1, 8),
        Paragraph(_p(intro), st["base"]),
        Paragraph(_p(_("Aired airings")), st["h2"]),
        airings_table,
        Spacer(1, 6),
        totals_table,
        Spacer(1, 12),
        check_block,
        Spacer(1, 6),
        Paragraph(
            _p(_("Only airings confirmed as aired are listed; amounts exclude VAT.")),
            st["small"],
        ),
    ]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=LATER_HEADER + 6 * mm,
        bottomMargin=FOOTER,
        title=pdf_text(f"{title} {code}"),
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
    doc.build(story, canvasmaker=_canvas_maker(footer))
    return buffer.getvalue()


def filename(certificate: BroadcastCertificate) -> str:
    return f"attestation-diffusion-{certificate.display_code}.pdf"
