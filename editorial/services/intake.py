"""The coverage requests sent from the public form (`/coverage/request/`).

`create_request` checks everything again with `intake_rules.clean_request`
(the answers of steps 1-3 come from the session and may have aged: an event
that was in the future may no longer be), then creates the request, its
attachments and its first history line in one transaction, acknowledges it by
e-mail and tells the desk. Any broken rule raises `EditorialError` with a
French message per field, and nothing is created: no row, no file on disk.

Each step of the form checks its own answers with the same rules
(`editorial.services.intake_rules`)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.roles import Role, has_role
from accounts.selectors import active_users_with_role
from notifications.services import notify

from ..attachment_checks import check_attachments
from ..exceptions import EditorialError
from ..labels import urgency_label
from ..models import CoverageAttachment, CoverageEvent, CoverageRequest, CoverageStatus
from ..selectors.requester import matching_offer
from .intake_rules import clean_request

logger = logging.getLogger(__name__)

NOTIFICATION_KIND = "coverage"


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
        + _("Urgency: %(urgency)s.") % {"urgency": urgency_label(coverage.urgency)}
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
                offer_price=offer.price_excl_vat if offer else None,
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
