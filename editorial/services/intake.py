"""The coverage requests sent from the public form (`/coverage/request/`).

`create_request` checks everything again (the answers of steps 1-3 come from
the session and may have aged: an event that was in the future may no longer
be), then creates the request, its attachments and its first history line in
one transaction, acknowledges it by e-mail and tells the desk. Any broken rule
raises `EditorialError` with a French message per field, and nothing is created:
no row, no file on disk.

Each step of the form checks its own answers with `clean_event`,
`clean_contacts` and `clean_coverage`, the same functions.

An event ends on the day it starts: the end time must be after the start time.
An evening event that goes past midnight is entered ending at 23:59, the real
end said in the description (the crew's mission is planned by the desk, which
may extend it)."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateparse, formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.roles import Role, has_role
from accounts.selectors import active_users_with_role
from accounts.validators import normalize_phone
from notifications.services import notify

from ..attachment_checks import check_attachments
from ..exceptions import EditorialError
from ..models import (
    CoverageAttachment,
    CoverageEvent,
    CoverageRequest,
    CoverageStatus,
    CoverageType,
    EventType,
    Urgency,
)
from ..selectors.requester import matching_offer

logger = logging.getLogger(__name__)

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
NOTIFICATION_KIND = "coverage"


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


# --- Creating the request ------------------------------------------------------------


def format_reference(year: int, number: int) -> str:
    """COUV-2026-00042: the year the request was sent, then its number."""
    return f"COUV-{year}-{number:05d}"


def _stored_name(upload, extension: str) -> str:
    """The name the file is stored under: the user's name made safe, with the
    extension of what the file really is."""
    stem = str(getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return f"{slugify(stem)[:60] or 'piece-jointe'}.{extension}"


def _original_name(upload) -> str:
    name = str(getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    return name[:255] or _stored_name(upload, "bin")


def _requester(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None, None
    advertiser_id = getattr(user, "advertiser_id", None)
    if advertiser_id is not None and has_role(user, Role.ADVERTISER):
        return user, user.advertiser
    return user, None


def _desk_users() -> list:
    seen, users = set(), []
    for role in (Role.EDITORIAL, Role.ADMINISTRATOR):
        for user in active_users_with_role(role):
            if user.pk not in seen:
                seen.add(user.pk)
                users.append(user)
    return users


def desk_url(coverage: CoverageRequest) -> str:
    """Where the desk handles `coverage`: its page in the editorial admin."""
    return reverse("editorial_requests:inspect", args=[coverage.pk])


def _absolute(url: str) -> str:
    return f"{settings.SITE_URL}/{url.lstrip('/')}"


def _summary(coverage: CoverageRequest) -> str:
    return _("%(title)s, on %(date)s from %(start)s to %(end)s, %(address)s.") % {
        "title": coverage.event_title,
        "date": formats.date_format(coverage.event_date, "DATE_FORMAT"),
        "start": coverage.start_time.strftime("%H:%M"),
        "end": coverage.end_time.strftime("%H:%M"),
        "address": coverage.address,
    }


def _acknowledge(coverage: CoverageRequest, user) -> None:
    """The acknowledgement: an in-app notification to the account that sent the
    request (which also e-mails its address), and an e-mail with the reference
    to the contact's address, and to the account's if its notification sent
    none. One e-mail per address."""
    emailed: set[str] = set()
    if user is not None:
        notification = notify(
            recipient=user,
            kind=NOTIFICATION_KIND,
            title=_("Coverage request %(reference)s received") % {"reference": coverage.reference},
            body=_summary(coverage) + " " + _("The newsroom will answer you soon."),
            url=coverage.get_absolute_url(),
        )
        if notification.email_id is not None and user.email:
            emailed.add(user.email.lower())
    recipients = []
    for address in (coverage.contact_email, getattr(user, "email", "") or ""):
        if address and address.lower() not in emailed:
            emailed.add(address.lower())
            recipients.append(address)
    if not recipients:
        return
    context = {
        "coverage": coverage,
        "summary": _summary(coverage),
        "link": _absolute(coverage.get_absolute_url()) if user is not None else "",
        "site_url": settings.SITE_URL,
    }
    message = EmailMessage(
        subject=_("Coverage request %(reference)s received") % {"reference": coverage.reference},
        body=render_to_string("editorial/public/email/acknowledgement.txt", context),
        to=recipients,
    )
    message.send()


def _tell_the_desk(coverage: CoverageRequest) -> None:
    title = _("New coverage request %(reference)s: %(title)s") % {
        "reference": coverage.reference,
        "title": coverage.event_title,
    }
    body = (
        _summary(coverage)
        + " "
        + _("Urgency: %(urgency)s.") % {"urgency": coverage.get_urgency_display()}
    )
    url = desk_url(coverage)
    for user in _desk_users():
        notify(recipient=user, kind=NOTIFICATION_KIND, title=title, body=body, url=url)


def create_request(
    *, data: Mapping[str, Any], files: Iterable = (), user=None, now=None
) -> CoverageRequest:
    """Create a coverage request from the form's answers (`data`, the fields of
    steps 1-3 and `confirmed`) and its attachments (`files`), acknowledge it and
    tell the desk. Raises EditorialError, creating nothing, when a rule is
    broken; a file is never left on disk by a request that was not created."""
    now = now or timezone.now()
    fields: dict[str, list[str]] = {}
    try:
        cleaned = clean_request(data, now=now)
    except EditorialError as error:
        cleaned = {}
        fields.update(error.field_errors)
    accepted, file_errors = check_attachments(files)
    if file_errors:
        fields["attachments"] = file_errors
    if fields:
        message = (
            file_errors[0]
            if file_errors and len(fields) == 1
            else _("Please correct the errors below.")
        )
        raise EditorialError(message, fields)

    requester, advertiser = _requester(user)
    with translation.override(settings.LANGUAGE_CODE):
        offer = matching_offer(
            event_type=cleaned["event_type"], coverage_type=cleaned["coverage_type"]
        )
    saved: list[str] = []
    try:
        with transaction.atomic():
            coverage = CoverageRequest.objects.create(
                # A placeholder, unique, until the row's number is known.
                reference=f"TMP-{uuid.uuid4().hex[:16]}",
                requester=requester,
                advertiser=advertiser,
                offer_code=offer.code if offer else "",
                offer_name=offer.name if offer else "",
                offer_price=offer.price if offer else None,
                status=CoverageStatus.NEW,
                **cleaned,
            )
            coverage.reference = format_reference(timezone.localdate(now).year, coverage.pk)
            CoverageRequest.objects.filter(pk=coverage.pk).update(reference=coverage.reference)
            for upload, kind in accepted:
                attachment = CoverageAttachment(
                    request=coverage,
                    original_name=_original_name(upload),
                    content_type=kind.content_type,
                    size=upload.size,
                )
                upload.seek(0)
                attachment.file.save(_stored_name(upload, kind.extension), upload, save=False)
                saved.append(attachment.file.name)
                attachment.save()
            with translation.override(settings.LANGUAGE_CODE):
                CoverageEvent.objects.create(
                    request=coverage,
                    actor=requester,
                    from_status="",
                    to_status=CoverageStatus.NEW,
                    note=_("Request sent from the website."),
                )
                _acknowledge(coverage, requester)
                _tell_the_desk(coverage)
    except BaseException:
        for name in saved:
            try:
                default_storage.delete(name)
            except OSError:  # pragma: no cover - logged, the error below matters more
                logger.exception("Could not remove %s after a failed coverage request", name)
        raise
    return coverage
