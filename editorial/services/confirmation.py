"""Telling the crew and taking their confirmation: the mission sheet sent to
each crew member not told yet (e-mail with the PDF, text message), each with a
signed link whose page confirms on POST, and one reminder to those who have not
confirmed after EDITORIAL_REMINDER_HOURS."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notices
from ..exceptions import EditorialError
from ..mission_pdf import render_mission_sheet
from ..models import Assignment, CrewRole, Mission, MissionStatus
from .common import check_mission_actor as _check_actor
from .common import check_mission_open as _check_mission_open
from .common import lock_mission as _lock_mission
from .common import log

CONFIRM_SALT = "editorial.mission-confirm"


def confirm_token(assignment: Assignment) -> str:
    """A signed link token naming the assignment and the time it was told (a
    moved mission's old links no longer confirm anything)."""
    stamp = int(assignment.busy_from.timestamp())
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(f"{assignment.pk}.{stamp}")


class ExpiredLink(EditorialError):
    pass


def assignment_from_token(token: str) -> Assignment:
    """The assignment a confirmation link is for; EditorialError when the link
    is tampered with, expired, or for a mission that changed or is over."""
    max_age = dt.timedelta(hours=settings.EDITORIAL_CONFIRM_MAX_AGE_HOURS)
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise ExpiredLink(
            _("This confirmation link has expired. Ask the editorial desk for a new one.")
        ) from exc
    except signing.BadSignature as exc:
        raise EditorialError(_("This confirmation link is not valid.")) from exc
    try:
        pk, stamp = (int(part) for part in value.split("."))
    except ValueError as exc:
        raise EditorialError(_("This confirmation link is not valid.")) from exc
    assignment = (
        Assignment.objects.select_related("member", "mission", "mission__request")
        .filter(pk=pk)
        .first()
    )
    if assignment is None or not assignment.is_active:
        raise EditorialError(_("You are no longer on this mission: nothing to confirm."))
    if int(assignment.busy_from.timestamp()) != stamp:
        raise EditorialError(
            _("This mission has changed since this link was sent: use the latest message.")
        )
    if assignment.mission.status != MissionStatus.PLANNED:
        raise EditorialError(_("This mission is no longer planned: nothing to confirm."))
    return assignment


def _send(assignment: Assignment, *, pdf: bytes | None, reminder: bool = False) -> None:
    link = notices.confirm_url(confirm_token(assignment))
    notices.send_mission_to_crew_member(assignment, link=link, pdf=pdf, reminder=reminder)


@transaction.atomic
def notify_crew(*, mission: Mission, actor) -> list[Assignment]:
    """Send each assigned person not told yet the mission sheet by e-mail (PDF
    attached) and a text message, both with their confirmation link. Needs at
    least one journalist on the mission."""
    _check_actor(actor)
    mission = _lock_mission(mission)
    _check_mission_open(mission)
    crew = list(
        Assignment.objects.select_for_update()
        .filter(mission=mission, is_active=True)
        .select_related("member", "mission", "mission__request")
        .order_by("role", "pk")
    )
    if not any(a.role == CrewRole.JOURNALIST for a in crew):
        raise EditorialError(_("Assign at least one journalist before notifying the crew."))
    to_tell = [a for a in crew if a.notified_at is None]
    if not to_tell:
        raise EditorialError(_("The whole crew has already been told about this mission."))
    pdf = render_mission_sheet(mission)
    now = timezone.now()
    for assignment in to_tell:
        _send(assignment, pdf=pdf)
        assignment.notified_at = now
        assignment.save(update_fields=["notified_at"])
    log(
        mission.request,
        actor=actor,
        note=_("Crew notified: %(names)s.") % {"names": ", ".join(a.member.name for a in to_tell)},
    )
    return to_tell


@transaction.atomic
def confirm(*, assignment: Assignment) -> Assignment:
    """The crew member confirms (POST on the signed link's page). Idempotent."""
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("member", "mission", "mission__request")
        .get(pk=assignment.pk)
    )
    if not assignment.is_active or assignment.mission.status != MissionStatus.PLANNED:
        raise EditorialError(_("This mission is no longer planned: nothing to confirm."))
    if assignment.confirmed_at is None:
        assignment.confirmed_at = timezone.now()
        assignment.save(update_fields=["confirmed_at"])
        log(
            assignment.mission.request,
            actor=None,
            note=_("%(name)s confirmed the mission.") % {"name": assignment.member.name},
        )
    return assignment


def remind_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Remind, once, each crew member told more than EDITORIAL_REMINDER_HOURS
    ago who has not confirmed a mission still ahead. Returns how many."""
    now = now or timezone.now()
    due = now - dt.timedelta(hours=settings.EDITORIAL_REMINDER_HOURS)
    candidates = list(
        Assignment.objects.filter(
            is_active=True,
            notified_at__isnull=False,
            notified_at__lte=due,
            confirmed_at__isnull=True,
            reminded_at__isnull=True,
            mission__status=MissionStatus.PLANNED,
            mission__starts_at__gt=now,
        ).values_list("pk", flat=True)
    )
    sent = 0
    pdfs: dict[int, bytes] = {}
    for pk in candidates:
        with transaction.atomic():
            # Claimed by the update: two runs never remind the same person twice.
            if not Assignment.objects.filter(pk=pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            assignment = Assignment.objects.select_related(
                "member", "mission", "mission__request"
            ).get(pk=pk)
            if assignment.mission_id not in pdfs:
                pdfs[assignment.mission_id] = render_mission_sheet(assignment.mission)
            _send(assignment, pdf=pdfs[assignment.mission_id], reminder=True)
            log(
                assignment.mission.request,
                actor=None,
                note=_("Reminder sent to %(name)s (mission not confirmed).")
                % {"name": assignment.member.name},
            )
            sent += 1
    return sent
