"""The checks of a quote request against a rate card, with field-level French
messages (`PricingError.errors`)."""

from __future__ import annotations

from datetime import date

from .card import (
    MAX_AIRINGS_PER_LINE,
    MAX_RANGE_DAYS,
    MAX_SPOT_LENGTH,
    MIN_SPOT_LENGTH,
    Band,
    RateCardData,
)
from .quote import PricingError, QuoteRequest
from .translation import WEEKDAY_NAMES, _


def _days_with_band(band: Band, start: date, end: date) -> int:
    """How many days of the band fall within the first week of the range (enough
    to know whether there is one). Weekdays are counted without date arithmetic,
    which would overflow past date.max (a range ending on 9999-12-31)."""
    days = (end - start).days + 1
    if len(band.weekdays) == 7:
        return days
    first = start.weekday()
    return sum(1 for offset in range(min(days, 7)) if (first + offset) % 7 in band.weekdays)


def airs_within(band: Band, start: date, end: date) -> bool:
    """Whether the band airs on at least one day of the period."""
    return end >= start and _days_with_band(band, start, end) > 0


def validate(card: RateCardData, request: QuoteRequest) -> None:
    errors: dict[str, list[str]] = {}

    def add(field_name: str, message: str) -> None:
        errors.setdefault(field_name, []).append(message)

    length = request.spot_length
    if not isinstance(length, int) or not MIN_SPOT_LENGTH <= length <= MAX_SPOT_LENGTH:
        add(
            "spot_length",
            _("The spot length must be between %(min)s and %(max)s seconds.")
            % {"min": MIN_SPOT_LENGTH, "max": MAX_SPOT_LENGTH},
        )
    start, end = request.start_date, request.end_date
    dates_ok = True
    if end < start:
        add("end_date", _("The end date must be on or after the start date."))
        dates_ok = False
    elif (end - start).days + 1 > MAX_RANGE_DAYS:
        add("end_date", _("The period cannot exceed %(days)s days.") % {"days": MAX_RANGE_DAYS})
        dates_ok = False
    if start < card.valid_from or (card.valid_until and end > card.valid_until):
        if card.valid_until:
            message = _(
                "The dates must fall within the rate card “%(card)s” (from %(start)s to %(end)s)."
            ) % {
                "card": card.name,
                "start": f"{card.valid_from:%d/%m/%Y}",
                "end": f"{card.valid_until:%d/%m/%Y}",
            }
        else:
            message = _("The dates must fall within the rate card “%(card)s” (from %(start)s).") % {
                "card": card.name,
                "start": f"{card.valid_from:%d/%m/%Y}",
            }
        add("start_date" if start < card.valid_from else "end_date", message)
        dates_ok = False

    if not request.lines:
        add("bands", _("Choose at least one time band."))
    seen: set[str] = set()
    for index, line in enumerate(request.lines):
        key = f"bands.{index}"
        band = card.band(line.band)
        if band is None or not band.active:
            add(
                key,
                _("The time band “%(band)s” does not exist or is no longer offered.")
                % {"band": line.band},
            )
            continue
        if line.band in seen:
            add(key, _("The time band “%(band)s” is asked twice.") % {"band": band.name})
        seen.add(line.band)
        if not isinstance(line.airings, int) or line.airings <= 0:
            add(key, _("Enter at least one airing for “%(band)s”.") % {"band": band.name})
        elif line.airings > MAX_AIRINGS_PER_LINE:
            add(
                key,
                _("At most %(max)s airings per time band (“%(band)s” asks for %(airings)s).")
                % {"max": MAX_AIRINGS_PER_LINE, "band": band.name, "airings": line.airings},
            )
        if dates_ok and _days_with_band(band, start, end) == 0:
            days = ", ".join(str(WEEKDAY_NAMES[d]) for d in sorted(band.weekdays))
            add(
                key,
                _(
                    "“%(band)s” only airs on %(days)s: none of these days falls "
                    "within the chosen period."
                )
                % {"band": band.name, "days": days},
            )

    seen_options: set[str] = set()
    for code in request.options:
        adjustment = card.adjustment(code)
        if adjustment is None:
            add(
                "options",
                _("The option “%(code)s” does not exist in this rate card.") % {"code": code},
            )
        elif code in seen_options:
            add("options", _("The option “%(name)s” is asked twice.") % {"name": adjustment.name})
        elif seen and not any(adjustment.applies_to(band) for band in seen):
            # Limited to other bands: it would change nothing, so it is refused
            # rather than ignored and echoed as if it applied.
            names = [
                card.band(band_code).name
                for band_code in sorted(adjustment.band_codes)
                if card.band(band_code) is not None
            ]
            add(
                "options",
                _(
                    "The option “%(name)s” only applies to %(bands)s: choose one of these "
                    "time bands or remove the option."
                )
                % {"name": adjustment.name, "bands": ", ".join(names) or "—"},
            )
        seen_options.add(code)
    if errors:
        raise PricingError(errors)
