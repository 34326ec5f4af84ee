"""Data of the export tests: two advertisers' campaigns aired and planned in
breaks around today, one of them with a title a spreadsheet would run as a
formula. Imported by test_exports*.py and test_jobs.py (no test here)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest
from django.utils import timezone

from broadcasting.models import AiringStatus

TRAP_TITLE = '=HYPERLINK("http://evil.example","Cliquez")'


@dataclass
class ExportWorld:
    campaign_a: object
    campaign_b: object
    params: dict  # start / end covering every airing
    airings_a: int
    airings_b: int


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def export_world(media, advertiser_a, advertiser_b, approved_campaign, make_breaks, airing_in):
    """advertiser_a: 6 airings (3 aired, 1 missed, 2 planned) of a campaign whose
    title is a formula; advertiser_b: 4 airings (2 aired, 2 planned)."""
    today = timezone.localdate()
    first = today - dt.timedelta(days=3)
    breaks = make_breaks(
        first,
        days=6,
        times=(("prime-time", "19:30"), ("matinee", "07:30")),
        capacity=240,
    )
    campaign_a = approved_campaign(
        lines=(("prime-time", 4), ("matinee", 2)), start=first, days=6, user=advertiser_a
    )
    campaign_a.title = TRAP_TITLE
    campaign_a.product = "@SUM(A1:A9)"
    campaign_a.save(update_fields=["title", "product"])
    campaign_b = approved_campaign(
        lines=(("prime-time", 4),), start=first, days=6, user=advertiser_b
    )
    # Frozen quotes (subtotal, discount, VAT at 18 % of the net, total).
    for campaign, subtotal, discount in ((campaign_a, 427050, 21352), (campaign_b, 351000, 0)):
        vat = round((subtotal - discount) * 0.18)
        campaign.quote_subtotal = subtotal
        campaign.quote_discount = discount
        campaign.quote_vat = vat
        campaign.quote_total = subtotal - discount + vat
        campaign.save(
            update_fields=["quote_subtotal", "quote_discount", "quote_vat", "quote_total"]
        )

    def place(campaign, brk, status):
        extra = {}
        if status == AiringStatus.AIRED:
            extra = {"confirmed_at": brk.starts_at}
        if status == AiringStatus.MISSED:
            extra = {"missed_reason": "-coupure de courant"}
        return airing_in(brk, campaign, status=status, **extra)

    past = [b for b in breaks if b.day < today]
    future = [b for b in breaks if b.day > today]
    for brk in past[:3]:
        place(campaign_a, brk, AiringStatus.AIRED)
    place(campaign_a, past[3], AiringStatus.MISSED)
    for brk in future[:2]:
        place(campaign_a, brk, AiringStatus.PLANNED)
    for brk in past[4:6]:
        place(campaign_b, brk, AiringStatus.AIRED)
    for brk in future[2:4]:
        place(campaign_b, brk, AiringStatus.PLANNED)
    params = {
        "start": (today - dt.timedelta(days=10)).isoformat(),
        "end": (today + dt.timedelta(days=10)).isoformat(),
    }
    return ExportWorld(campaign_a, campaign_b, params, airings_a=6, airings_b=4)


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def workbook(response):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(body(response)))


def pdf_text(response) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body(response)))
    return "\n".join(page.extract_text() for page in reader.pages)


def block_of(sheet, title: str) -> list[tuple]:
    """The rows under the section titled `title` of the overview sheet, up to
    the next empty row."""
    rows = []
    inside = False
    for row in sheet.iter_rows(values_only=True):
        first = row[0] if row else None
        if inside and first is None:
            break
        if inside:
            rows.append(row)
        if first == title:
            inside = True
    return rows
