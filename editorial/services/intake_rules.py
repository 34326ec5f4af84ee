"""The rules of the coverage request form's answers, one function per step
(`clean_event`, `clean_contacts`, `clean_coverage`) and all at once
(`clean_request`, run again when the request is sent: the answers kept in the
session may have aged). A broken rule raises `EditorialError` with a French
message per field.

An event ends on the day it starts: the end time must be after the start time.
An evening event that goes past midnight is entered ending at 23:59, the real
end said in the description (the crew's mission is planned by the desk, which
may extend it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import dateparse, formats, timezone
from django.utils.translation import gettext as _

from accounts.validators import normalize_phone

from ..exceptions import EditorialError
from ..models import CoverageRequest, CoverageType, EventType, Urgency

EVENT_KEYS = (
    "event_title",
    "event_type",
    "event_type_other",
    "description",
    "event_date",
    "start_time",
    "end_time",
    "address",
    "meeting_point",
)
CONTACT_KEYS = ("contact_name", "contact_phone", "contact_email", "other_contacts")
COVERAGE_KEYS = ("coverage_type", "objective", "urgency", "answer_wished_by")
# "Urgent" is for an event that starts within this delay.
URGENT_WITHIN = dt.timedelta(hours=48)
LONG_TEXT_MAX = 5000


class _Errors:
    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.fields.setdefault(field, []).append(str(message))

    def raise_if_any(self) -> None:
        if self.fields:
            raise EditorialError(_("Please correct the errors below."), self.fields)


# --- Reading the answers -------------------------------------------------------------


def _max_length(field: str) -> int:
    return CoverageRequest._meta.get_field(field).max_length or LONG_TEXT_MAX


def _text(data: Mapping[str, Any], field: str, errors: _Errors, *, required: bool = False) -> str:
    value = data.get(field)
    value = "" if value is None else str(value).strip()
    if required and not value:
        errors.add(field, _("This field is required."))
    limit = _max_length(field)
    if len(value) > limit:
        errors.add(
            field,
            _("%(count)s characters at most (you typed %(typed)s).")
            % {"count": limit, "typed": len(value)},
        )
    return value


def _choice(
    data: Mapping[str, Any], field: str, choices, errors: _Errors, *, default: str = ""
) -> str:
    value = str(data.get(field) or default).strip()
    if not value:
        errors.add(field, _("This field is required."))
    elif value not in choices.values:
        errors.add(field, _("Choose one of the options offered."))
    return value


def _date(
    data: Mapping[str, Any], field: str, errors: _Errors, *, required: bool = False
) -> dt.date | None:
    value = data.get(field)
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value
    value = "" if value is None else str(value).strip()
    if not value:
        if required:
            errors.add(field, _("This field is required."))
        return None
    try:
        parsed = dateparse.parse_date(value)
    except ValueError:
        parsed = None
    if parsed is None:
        errors.add(field, _("Enter a valid date."))
    return parsed


def _time(data: Mapping[str, Any], field: str, errors: _Errors) -> dt.time | None:
    value = data.get(field)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    value = "" if value is None else str(value).strip()
    if not value:
        errors.add(field, _("This field is required."))
        return None
    try:
        parsed = dateparse.parse_time(value)
    except ValueError:
        parsed = None
    if parsed is None:
        errors.add(field, _("Enter a valid time."))
        return None
    return parsed.replace(second=0, microsecond=0)


def _starts_at(day: dt.date, start: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, start))


# --- The rules of each step ----------------------------------------------------------


def clean_event(data: Mapping[str, Any], *, now: dt.datetime | None = None) -> dict:
    """Step 1: the event. It must be in the future and end after it starts,
    the same day; "other" needs its description."""
    now = now or timezone.now()
    errors = _Errors()
    cleaned: dict[str, Any] = {
        "event_title": _text(data, "event_title", errors, required=True),
        "event_type": _choice(data, "event_type", EventType, errors),
        "event_type_other": _text(data, "event_type_other", errors),
        "description": _text(data, "description", errors),
        "event_date": _date(data, "event_date", errors, required=True),
        "start_time": _time(data, "start_time", errors),
        "end_time": _time(data, "end_time", errors),
        "address": _text(data, "address", errors, required=True),
        "meeting_point": _text(data, "meeting_point", errors),
    }
    if cleaned["event_type"] == EventType.OTHER:
        if not cleaned["event_type_other"]:
            errors.add("event_type_other", _("Say what kind of event it is."))
    else:
        cleaned["event_type_other"] = ""
    day, start, end = cleaned["event_date"], cleaned["start_time"], cleaned["end_time"]
    if day is not None and day < timezone.localdate(now):
        errors.add("event_date", _("The event must be in the future: this date has passed."))
    elif day is not None and start is not None and _starts_at(day, start) <= now:
        errors.add("start_time", _("The event must be in the future: this time has passed today."))
    if start is not None and end is not None and end <= start:
        errors.add(
            "end_time",
            _(
                "The end time must be after the start time, the same day. For an event "
                "that ends after midnight, enter 23:59 and give the real end in the "
                "description."
            ),
        )
    errors.raise_if_any()
    return cleaned


def clean_contacts(data: Mapping[str, Any]) -> dict:
    """Step 2: who the newsroom calls. The phone number is kept in E.164 form
    (+22670123456)."""
    errors = _Errors()
    cleaned = {
        "contact_name": _text(data, "contact_name", errors, required=True),
        "contact_phone": _text(data, "contact_phone", errors, required=True),
        "contact_email": _text(data, "contact_email", errors, required=True),
        "other_contacts": _text(data, "other_contacts", errors),
    }
    if cleaned["contact_phone"]:
        try:
            cleaned["contact_phone"] = normalize_phone(cleaned["contact_phone"])
        except ValidationError as error:
            for message in error.messages:
                errors.add("contact_phone", message)
    if cleaned["contact_email"]:
        try:
            validate_email(cleaned["contact_email"])
        except ValidationError:
            errors.add("contact_email", _("Enter a valid e-mail address."))
    errors.raise_if_any()
    return cleaned


def clean_coverage(
    data: Mapping[str, Any], *, event: Mapping[str, Any] | None = None, now=None
) -> dict:
    """Step 3: the coverage wished. "Urgent" is only for an event that starts
    within 48 hours; the answer is wished before the event, not in the past."""
    now = now or timezone.now()
    errors = _Errors()
    cleaned = {
        "coverage_type": _choice(data, "coverage_type", CoverageType, errors),
        "objective": _text(data, "objective", errors),
        "urgency": _choice(data, "urgency", Urgency, errors, default=Urgency.NORMAL),
        "answer_wished_by": _date(data, "answer_wished_by", errors),
    }
    day = event.get("event_date") if event else None
    start = event.get("start_time") if event else None
    too_far = day is not None and start is not None and _starts_at(day, start) - now > URGENT_WITHIN
    if cleaned["urgency"] == Urgency.URGENT and too_far:
        errors.add(
            "urgency",
            _(
                "“Urgent” is for an event that starts within 48 hours: choose "
                "“priority” or “normal”."
            ),
        )
    wished = cleaned["answer_wished_by"]
    if wished is not None:
        if wished < timezone.localdate(now):
            errors.add("answer_wished_by", _("This date has passed."))
        elif day is not None and wished > day:
            errors.add(
                "answer_wished_by",
                _("The answer is wished on the day of the event at the latest (%(date)s).")
                % {"date": formats.date_format(day, "SHORT_DATE_FORMAT")},
            )
    errors.raise_if_any()
    return cleaned


def clean_request(data: Mapping[str, Any], *, now=None) -> dict:
    """Every step at once: the answers of a whole request, or EditorialError
    with the errors of every step."""
    now = now or timezone.now()
    fields: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    event: dict | None = None
    try:
        event = clean_event(data, now=now)
        cleaned.update(event)
    except EditorialError as error:
        fields.update(error.field_errors)
    try:
        cleaned.update(clean_contacts(data))
    except EditorialError as error:
        fields.update(error.field_errors)
    try:
        cleaned.update(clean_coverage(data, event=event, now=now))
    except EditorialError as error:
        fields.update(error.field_errors)
    if not data.get("confirmed"):
        fields.setdefault("confirmed", []).append(
            _("Confirm that the information given is correct to send the request.")
        )
    if fields:
        raise EditorialError(_("Please correct the errors below."), fields)
    return cleaned
