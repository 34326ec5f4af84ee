"""The desk's decisions on a coverage request: review, accept (the mission is
created), refuse, ask the requester for details, record delivered content,
mark covered, close.

Each one locks the request, checks the move is allowed from its current
status, records a CoverageEvent (who, when, from, to, note) and tells the
requester (notification for an account holder, e-mail to the contact address).
Bad input raises EditorialError and changes nothing."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_desk_staff

from .. import notices
from ..exceptions import EditorialError
from ..models import (
    CoverageDelivery,
    CoverageEvent,
    CoverageRequest,
    CoverageStatus,
    Mission,
    MissionStatus,
)
from ..selectors.desk import MAX_TRAVEL_MINUTES
from .common import NOTE_MAX, log
from .missions import cancel_mission

S = CoverageStatus

# Where each decision may start from.
ALLOWED_FROM: dict[str, frozenset[str]] = {
    "start_review": frozenset({S.NEW}),
    "accept": frozenset({S.NEW, S.REVIEWING}),
    "refuse": frozenset({S.NEW, S.REVIEWING, S.ACCEPTED}),
    "ask_details": frozenset({S.NEW, S.REVIEWING}),
    "deliver": frozenset({S.ACCEPTED, S.COVERED}),
    "mark_covered": frozenset({S.ACCEPTED}),
    "close": frozenset({S.COVERED}),
}

DELIVERY_MAX_BYTES = 500 * 1024 * 1024
DELIVERY_MAX_FILES = 10


def allowed(action: str, status: str) -> bool:
    return status in ALLOWED_FROM[action]


def _check_actor(actor) -> None:
    if not is_desk_staff(actor):
        raise EditorialError(_("Only the editorial desk may do this."))


def _lock(request: CoverageRequest) -> CoverageRequest:
    return CoverageRequest.objects.select_for_update().get(pk=request.pk)


def _check_move(action: str, request: CoverageRequest) -> None:
    if not allowed(action, request.status):
        raise EditorialError(
            _("This request is “%(status)s”: this action is no longer possible.")
            % {"status": request.get_status_display()}
        )


def _clean_text(value: str | None, field: str, *, required: bool, label: str) -> str:
    text = (value or "").strip()
    if required and not text:
        raise EditorialError(label, {field: [label]})
    if len(text) > NOTE_MAX:
        message = _("At most %(max)s characters.") % {"max": NOTE_MAX}
        raise EditorialError(message, {field: [message]})
    return text


def _move(
    request: CoverageRequest, to_status: str, *, actor, note: str = "", **fields
) -> CoverageEvent:
    from_status = request.status
    request.status = to_status
    request.status_note = note
    for name, value in fields.items():
        setattr(request, name, value)
    request.save(update_fields=["status", "status_note", "updated_at", *fields])
    return CoverageEvent.objects.create(
        request=request, actor=actor, from_status=from_status, to_status=to_status, note=note
    )


def _after_commit_tell(request: CoverageRequest, to_status: str, note: str) -> None:
    notices.requester_status_changed(request, to_status, note)


# --- Decisions -----------------------------------------------------------------------


@transaction.atomic
def start_review(*, request: CoverageRequest, actor, note: str = "") -> CoverageRequest:
    _check_actor(actor)
    note = _clean_text(note, "note", required=False, label="")
    request = _lock(request)
    _check_move("start_review", request)
    _move(request, S.REVIEWING, actor=actor, note=note)
    _after_commit_tell(request, S.REVIEWING, note)
    return request


@transaction.atomic
def accept(*, request: CoverageRequest, actor, note: str = "") -> Mission:
    """Accept the request and plan its mission at the event's time, with the
    default travel margin (EDITORIAL_TRAVEL_MINUTES)."""
    _check_actor(actor)
    note = _clean_text(note, "note", required=False, label="")
    request = _lock(request)
    _check_move("accept", request)
    starts_at, ends_at = request.starts_at, request.ends_at
    if ends_at <= starts_at:
        raise EditorialError(_("The event ends before it starts: correct it first."))
    travel = max(0, min(settings.EDITORIAL_TRAVEL_MINUTES, MAX_TRAVEL_MINUTES))
    mission = Mission.objects.filter(request=request).first()
    if mission is None:
        mission = Mission.objects.create(
            request=request,
            starts_at=starts_at,
            ends_at=ends_at,
            travel_minutes=travel,
            created_by=actor,
        )
    _move(request, S.ACCEPTED, actor=actor, note=note)
    _after_commit_tell(request, S.ACCEPTED, note)
    return mission


@transaction.atomic
def refuse(*, request: CoverageRequest, actor, reason: str) -> CoverageRequest:
    """Refuse (or, once accepted, cancel) the coverage, with a reason sent to
    the requester. An accepted request's mission is cancelled and its crew freed."""
    _check_actor(actor)
    reason = _clean_text(reason, "note", required=True, label=_("Give the reason for the refusal."))
    request = _lock(request)
    _check_move("refuse", request)
    mission = Mission.objects.select_for_update().filter(request=request).first()
    if mission is not None and mission.status == MissionStatus.PLANNED:
        cancel_mission(mission=mission, actor=actor)
    _move(request, S.REFUSED, actor=actor, note=reason)
    _after_commit_tell(request, S.REFUSED, reason)
    return request


@transaction.atomic
def ask_details(*, request: CoverageRequest, actor, message: str) -> CoverageRequest:
    """Ask the requester a question by e-mail; the request stays (or goes)
    under review."""
    _check_actor(actor)
    message = _clean_text(
        message, "note", required=True, label=_("Write the question for the requester.")
    )
    request = _lock(request)
    _check_move("ask_details", request)
    _move(request, S.REVIEWING, actor=actor, note=_("Question asked: %(q)s") % {"q": message})
    notices.requester_question(request, message, actor=actor)
    return request


def _check_delivery_file(upload) -> None:
    if upload.size > DELIVERY_MAX_BYTES:
        message = _("“%(name)s” is larger than %(max)s MB.") % {
            "name": upload.name,
            "max": DELIVERY_MAX_BYTES // (1024 * 1024),
        }
        raise EditorialError(message, {"files": [message]})
    if upload.size == 0:
        message = _("“%(name)s” is empty.") % {"name": upload.name}
        raise EditorialError(message, {"files": [message]})


@transaction.atomic
def add_delivery(
    *, request: CoverageRequest, actor, files=(), link: str = "", note: str = ""
) -> list[CoverageDelivery]:
    """Record the content the crew delivered: uploaded files and/or a link."""
    _check_actor(actor)
    files = [f for f in (files or []) if f]
    link = (link or "").strip()
    note = _clean_text(note, "note", required=False, label="")
    if not files and not link:
        message = _("Upload at least one file or give a link to the content.")
        raise EditorialError(message, {"files": [message]})
    if len(files) > DELIVERY_MAX_FILES:
        message = _("At most %(max)s files at once.") % {"max": DELIVERY_MAX_FILES}
        raise EditorialError(message, {"files": [message]})
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError as exc:
            message = _("Enter a full link starting with https://.")
            raise EditorialError(message, {"link": [message]}) from exc
    for upload in files:
        _check_delivery_file(upload)
    request = _lock(request)
    _check_move("deliver", request)
    created = []
    for upload in files:
        name = os.path.basename(upload.name)[:255]
        delivery = CoverageDelivery(
            request=request, original_name=name, note=note, delivered_by=actor
        )
        delivery.file.save(name, upload, save=False)
        delivery.save()
        created.append(delivery)
    if link:
        created.append(
            CoverageDelivery.objects.create(
                request=request, link=link, note=note, delivered_by=actor
            )
        )
    log(
        request,
        actor=actor,
        note=_("Content delivered: %(items)s") % {"items": ", ".join(str(d) for d in created)},
    )
    return created


@transaction.atomic
def mark_covered(*, request: CoverageRequest, actor, note: str = "") -> CoverageRequest:
    """The event is covered: needs delivered content; the mission is done."""
    _check_actor(actor)
    note = _clean_text(note, "note", required=False, label="")
    request = _lock(request)
    _check_move("mark_covered", request)
    if not request.deliveries.exists():
        raise EditorialError(_("Record the delivered content (a file or a link) first."))
    Mission.objects.filter(request=request, status=MissionStatus.PLANNED).update(
        status=MissionStatus.DELIVERED, updated_at=timezone.now()
    )
    _move(request, S.COVERED, actor=actor, note=note, delivered_at=timezone.now())
    _after_commit_tell(request, S.COVERED, note)
    return request


@transaction.atomic
def close(*, request: CoverageRequest, actor, note: str = "") -> CoverageRequest:
    _check_actor(actor)
    note = _clean_text(note, "note", required=False, label="")
    request = _lock(request)
    _check_move("close", request)
    _move(request, S.CLOSED, actor=actor, note=note, closed_at=timezone.now())
    _after_commit_tell(request, S.CLOSED, note)
    return request
