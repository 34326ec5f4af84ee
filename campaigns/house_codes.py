"""House codes: the short code a spot gets when it is approved (`BF1-000123`),
printed on the running order and its exports, which the station's playout
automation uses as the clip id, so that its as-run log can be matched with the
running order (issue 19, `broadcasting.asrun`).

The code is derived from the spot's primary key: unique and free of races
without any counter to lock. It is given once and never changes, even when the
prefix in the settings (`ASRUN_HOUSE_CODE_PREFIX`, "BF1" by default) does."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PREFIX = "BF1"
DIGITS = 6  # at least; a larger primary key gives more digits
# A letter, then up to 5 letters or digits: with up to 9 digits, the code fits
# the field's 16 characters.
PREFIX_RE = re.compile(r"[A-Z][A-Z0-9]{0,5}")
# A code as this module writes it.
CODE_RE = re.compile(rf"([A-Z][A-Z0-9]{{0,5}})-(\d{{{DIGITS},}})")


def house_code_prefix() -> str:
    """The prefix of new codes, from the settings (uppercased)."""
    prefix = str(getattr(settings, "ASRUN_HOUSE_CODE_PREFIX", DEFAULT_PREFIX) or "").upper()
    if not PREFIX_RE.fullmatch(prefix):
        raise ImproperlyConfigured(
            "ASRUN_HOUSE_CODE_PREFIX must be a letter then at most 5 letters or digits."
        )
    return prefix


def house_code_for(pk: int, prefix: str | None = None) -> str:
    """The code of the spot `pk`: `BF1-000123`."""
    return f"{prefix or house_code_prefix()}-{int(pk):0{DIGITS}d}"


def assign_house_code(spot) -> str:
    """Give `spot` (saved, approved) its code unless it has one; the code is
    written by a conditional UPDATE, so that it never changes once given."""
    from .models import Spot

    if spot.house_code:
        return spot.house_code
    code = house_code_for(spot.pk)
    if not Spot.objects.filter(pk=spot.pk, house_code__isnull=True).update(house_code=code):
        code = Spot.objects.filter(pk=spot.pk).values_list("house_code", flat=True).first() or ""
    spot.house_code = code or None
    return code
