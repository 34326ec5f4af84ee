"""Broadcast certificates (attestations de diffusion): issuing one for a
campaign or a period, and checking one later. The PDF is drawn by
`broadcasting.certificate_pdf`.

A certificate lists the advertiser's AIRED airings only. Its record keeps the
listed airings' ids and a SHA-256 of "id:confirmation time" lines: the public
page `/verify/<code>/` recomputes it to say whether the airings still match."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ..exceptions import BroadcastError
from ..models import Airing, BroadcastCertificate
from ..models.certificate import CODE_LENGTH
from ..selectors import advertiser as selectors

MAX_PERIOD_DAYS = 366
CODE_PATTERN = re.compile(r"^[A-Z2-7]{16,40}$")
# What the public check reads of a certificate (its summary, never the airings).
VERIFY_FIELDS = (
    "code",
    "advertiser_id",
    "advertiser_name",
    "campaign_title",
    "period_start",
    "period_end",
    "issued_at",
    "aired_count",
    "total_seconds",
    "airing_ids",
    "content_hash",
)


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


def duration(seconds: int) -> str:
    """3725 -> "1 h 02 min 05 s"; 95 -> "1 min 35 s"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min {secs:02d} s"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


# --- Checking -----------------------------------------------------------------------
def verify_url(code: str) -> str:
    """The absolute address of the certificate's public check (SITE_URL)."""
    return f"{settings.SITE_URL}{reverse('verify:certificate', kwargs={'code': code})}"


def verify(code: str | None) -> BroadcastCertificate | None:
    """The certificate of a code as typed or printed (its summary fields only),
    None when the code is not one or no certificate has it (one query at most)."""
    key = normalise_code(code)
    if not key:
        return None
    return BroadcastCertificate.objects.filter(code=key).only(*VERIFY_FIELDS).first()


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
