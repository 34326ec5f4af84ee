"""Validation of the booking wizard's data: each field checked with a clear French
message, uploaded documents checked by their content, the airtime priced with the
rate card valid today, and the completeness asked for on submission."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.files.base import File
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import BusinessSector
from core.clock import today as broadcast_today
from core.files import sniff_upload
from core.numbers import is_id, parse_int
from simulator import selectors as rate_selectors
from simulator.pricing import (
    MAX_AIRINGS_PER_LINE,
    MAX_RANGE_DAYS,
    MAX_SPOT_LENGTH,
    MIN_SPOT_LENGTH,
    LineRequest,
    PricingError,
    QuoteRequest,
    price,
)

from ..exceptions import CampaignError
from ..models import Campaign, CampaignLine, CreativeMode, Language, Objective
from .base import Errors
from .entitlement import refused_options

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_BRIEF_MATERIAL_BYTES = 20 * 1024 * 1024
# What an authorisation document may be (by its content): PDF, JPEG or PNG.
DOCUMENT_FORMATS = ("pdf", "jpeg", "png")

TEXT_FIELDS = {
    "title": 200,
    "product": 200,
    "target_audience": 2000,
    "key_message": 2000,
    "brief_message": 4000,
    "brief_tone": 200,
    "brief_contacts": 1000,
}
AIRTIME_KEYS = ("start_date", "end_date", "spot_length", "bands", "options")


def _as_date(value, field: str, errors: Errors) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors.add(field, _("Enter a valid date."))
        return None


def _as_int(value, field: str, errors: Errors) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        errors.add(field, _("Enter a whole number."))
        return None
    number = parse_int(value if isinstance(value, int) else str(value), negative=True)
    if number is not None:
        return number
    errors.add(field, _("Enter a whole number."))
    return None


def _choice_list(value, choices, field: str, errors: Errors) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list | tuple):
        errors.add(field, _("Choose from the list."))
        return []
    allowed = {str(c) for c in choices}
    cleaned: list[str] = []
    for item in value:
        item = str(item)
        if item not in allowed:
            errors.add(
                field, _("“%(value)s” is not one of the available choices.") % {"value": item}
            )
        elif item not in cleaned:
            cleaned.append(item)
    return cleaned


def _bands(value, errors: Errors) -> list[tuple[str, int]] | None:
    """[(band code, airings)] from [{"band": code, "airings": n}, ...]."""
    if value is None:
        return None
    if not isinstance(value, list | tuple):
        errors.add("bands", _("Choose at least one time band."))
        return None
    lines: list[tuple[str, int]] = []
    for index, item in enumerate(value):
        key = f"bands.{index}"
        if isinstance(item, LineRequest):
            code, raw = item.band, item.airings
        elif isinstance(item, Mapping):
            code, raw = item.get("band"), item.get("airings")
        else:
            code, raw = None, None
        if not isinstance(code, str) or not code.strip():
            errors.add(key, _("Give a band code and airings."))
            continue
        airings = _as_int(raw, key, errors)
        if airings is None:
            if raw in (None, ""):
                errors.add(key, _("Enter at least one airing for this time band."))
            continue
        if airings <= 0:
            errors.add(key, _("Enter at least one airing for this time band."))
            continue
        if airings > MAX_AIRINGS_PER_LINE:
            errors.add(
                key,
                _("At most %(max)s airings per time band.") % {"max": MAX_AIRINGS_PER_LINE},
            )
            continue
        lines.append((code.strip(), airings))
    if value and not lines and not errors.fields:
        errors.add("bands", _("Choose at least one time band."))
    return lines


def _check_file(upload, field: str, errors: Errors, *, max_bytes: int, sniff: bool) -> None:
    size = getattr(upload, "size", None)
    if not size:
        errors.add(field, _("The file is empty."))
        return
    if size > max_bytes:
        errors.add(
            field,
            _("The file is too large; the limit is %(limit)s MB.")
            % {"limit": max_bytes // (1024 * 1024)},
        )
        return
    if sniff and sniff_upload(upload) not in DOCUMENT_FORMATS:
        errors.add(field, _("Send the document as a PDF, JPEG or PNG file."))


def check_dates(start: dt.date | None, end: dt.date | None, errors: Errors) -> None:
    # The broadcast day runs until 05:00: at 01:00 tonight's running order is
    # still "today" for booking.
    today = broadcast_today()
    if start is not None and start < today:
        errors.add("start_date", _("The start date cannot be in the past."))
    if end is not None and end < today:
        errors.add("end_date", _("The end date cannot be in the past."))
    if start is not None and end is not None:
        if end < start:
            errors.add("end_date", _("The end date must be on or after the start date."))
        elif (end - start).days + 1 > MAX_RANGE_DAYS:
            errors.add(
                "end_date",
                _("The period cannot exceed %(days)s days.") % {"days": MAX_RANGE_DAYS},
            )


def _current_card():
    card = rate_selectors.current_rate_card()
    if card is None:
        raise CampaignError(_("No rate card is published for today. Contact the commercial team."))
    return card, rate_selectors.pricing_data(card)


def check_options_entitlement(advertiser, options: Iterable[str], errors: Errors) -> None:
    """An option reserved for a category of advertiser (the cultural rate) is
    refused, with its reason, to an advertiser outside that category."""
    if not options:
        return
    card = rate_selectors.current_pricing_data()
    for reason in refused_options(advertiser, card, options).values():
        errors.add("options", reason)


def price_lines(
    *,
    spot_length: int,
    start: dt.date,
    end: dt.date,
    lines: Iterable[tuple[str, int]],
    options: Iterable[str],
    errors: Errors,
):
    """(RateCard, Quote) priced with the card valid today, or (card, None) with
    the engine's messages added to `errors`."""
    card, data = _current_card()
    request = QuoteRequest(
        spot_length=spot_length,
        start_date=start,
        end_date=end,
        lines=tuple(LineRequest(band=code, airings=airings) for code, airings in lines),
        options=tuple(options),
    )
    try:
        return card, price(data, request)
    except PricingError as exc:
        errors.merge(exc.errors)
        return card, None


def clean(campaign: Campaign, data: Mapping[str, Any]) -> tuple[dict, list | None]:
    """Validate `data` (only the keys present) against `campaign`'s current
    values; return (field changes, new lines or None). Raises CampaignError."""
    errors = Errors()
    changes: dict[str, Any] = {}

    for field, max_length in TEXT_FIELDS.items():
        if field in data:
            value = str(data[field] if data[field] is not None else "").strip()
            if len(value) > max_length:
                errors.add(
                    field,
                    _("At most %(max)s characters (it has %(length)s).")
                    % {"max": max_length, "length": len(value)},
                )
            changes[field] = value
    if "title" in data and not changes.get("title"):
        errors.add("title", _("Give your campaign a title."))

    if "sector" in data:
        sector = data["sector"]
        if sector in (None, ""):
            changes["sector"] = None
        else:
            sector_id = sector.pk if isinstance(sector, BusinessSector) else sector
            found = (
                BusinessSector.objects.filter(pk=sector_id, is_active=True).first()
                if is_id(str(sector_id))
                else None
            )
            if found is None:
                errors.add("sector", _("Choose a business sector from the list."))
            changes["sector"] = found
    if "objective" in data:
        objective = data["objective"] or ""
        if objective and objective not in Objective.values:
            errors.add("objective", _("Choose an objective from the list."))
        changes["objective"] = objective
    if "languages" in data:
        changes["languages"] = _choice_list(data["languages"], Language.values, "languages", errors)
    if "brief_languages" in data:
        changes["brief_languages"] = _choice_list(
            data["brief_languages"], Language.values, "brief_languages", errors
        )
    if "creative_mode" in data:
        mode = data["creative_mode"] or ""
        if mode and mode not in CreativeMode.values:
            errors.add("creative_mode", _("Choose how the spot will be provided."))
        changes["creative_mode"] = mode
    if "brief_delivery_date" in data:
        wished = _as_date(data["brief_delivery_date"], "brief_delivery_date", errors)
        if wished is not None and wished < timezone.localdate():
            errors.add("brief_delivery_date", _("The wished delivery date cannot be in the past."))
        changes["brief_delivery_date"] = wished
    for field, limit, sniff in (
        ("authorization_document", MAX_DOCUMENT_BYTES, True),
        ("brief_material", MAX_BRIEF_MATERIAL_BYTES, False),
    ):
        if field in data and data[field]:
            upload = data[field]
            if not isinstance(upload, File):
                errors.add(field, _("Attach a file."))
            else:
                _check_file(upload, field, errors, max_bytes=limit, sniff=sniff)
                changes[field] = upload

    # Airtime: checked piece by piece, then priced with the card when complete.
    lines = None
    if any(key in data for key in AIRTIME_KEYS):
        if "start_date" in data:
            changes["start_date"] = _as_date(data["start_date"], "start_date", errors)
        if "end_date" in data:
            changes["end_date"] = _as_date(data["end_date"], "end_date", errors)
        if "spot_length" in data:
            length = _as_int(data["spot_length"], "spot_length", errors)
            if length is not None and not MIN_SPOT_LENGTH <= length <= MAX_SPOT_LENGTH:
                errors.add(
                    "spot_length",
                    _("The spot length must be between %(min)s and %(max)s seconds.")
                    % {"min": MIN_SPOT_LENGTH, "max": MAX_SPOT_LENGTH},
                )
            changes["spot_length"] = length
        if "options" in data:
            options = data["options"] or []
            if not isinstance(options, list | tuple) or not all(
                isinstance(o, str) for o in options
            ):
                errors.add("options", _("Options must be a list of codes."))
                options = []
            changes["options"] = list(options)
            check_options_entitlement(campaign.advertiser, changes["options"], errors)
        if "bands" in data:
            lines = _bands(data["bands"], errors)
        start = changes.get("start_date", campaign.start_date)
        end = changes.get("end_date", campaign.end_date)
        if "start_date" in data or "end_date" in data:
            check_dates(start, end, errors)
        if not errors.fields:
            length = changes.get("spot_length", campaign.spot_length)
            if lines is not None:
                current_lines = lines
            elif campaign.pk:
                current_lines = [(line.band_code, line.airings) for line in campaign.lines.all()]
            else:
                current_lines = []
            if length and start and end and current_lines:
                _card, quote = price_lines(
                    spot_length=length,
                    start=start,
                    end=end,
                    lines=current_lines,
                    options=changes.get("options", campaign.options),
                    errors=errors,
                )
                if quote is not None and lines is not None:
                    names = {line.band: line.label for line in quote.lines}
                    lines = [(code, airings, names.get(code, "")) for code, airings in lines]
    errors.raise_if_any()
    if lines is not None:
        lines = [line if len(line) == 3 else (*line, "") for line in lines]
    return changes, lines


def apply_changes(campaign: Campaign, changes: dict, lines: list | None) -> None:
    for field, value in changes.items():
        setattr(campaign, field, value)
    campaign.save()
    if lines is not None:
        campaign.lines.all().delete()
        CampaignLine.objects.bulk_create(
            CampaignLine(campaign=campaign, band_code=code, band_name=name, airings=airings)
            for code, airings, name in lines
        )


def check_complete(campaign: Campaign, errors: Errors) -> None:
    required = {
        "title": _("Give your campaign a title."),
        "product": _("Name the product or brand."),
        "objective": _("Choose an objective."),
        "key_message": _("Write the key message of the campaign."),
    }
    for field, message in required.items():
        if not getattr(campaign, field):
            errors.add(field, message)
    if campaign.sector_id is None:
        errors.add("sector", _("Choose the business sector."))
    elif campaign.sector.requires_authorization and not campaign.authorization_document:
        errors.add(
            "authorization_document",
            _(
                "The sector “%(sector)s” is subject to authorisation: attach the "
                "authorisation document."
            )
            % {"sector": campaign.sector.name},
        )
    if not campaign.languages:
        errors.add("languages", _("Choose at least one language."))
    if campaign.start_date is None:
        errors.add("start_date", _("Choose the start date."))
    if campaign.end_date is None:
        errors.add("end_date", _("Choose the end date."))
    if campaign.spot_length is None:
        errors.add("spot_length", _("Choose the spot length."))
    mode = campaign.creative_mode
    if not mode:
        errors.add("creative_mode", _("Choose how the spot will be provided."))
    elif mode == CreativeMode.MAKE:
        if not campaign.brief_message:
            errors.add("brief_message", _("Describe the message of the spot to make."))
        if not campaign.brief_contacts:
            errors.add("brief_contacts", _("Give a contact for the making of the spot."))
    elif mode == CreativeMode.REUSE and not campaign.spots.approved().exists():
        errors.add("creative_mode", _("Choose an approved spot to reuse."))
