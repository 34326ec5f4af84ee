"""Crew on missions: assign without double-booking, unassign, cancel, move a
mission (every assignment checked again, all or nothing), choose its vehicle.
Telling the crew and taking their confirmation is `confirmation`, whose
functions are importable from here too.

Double booking under concurrency: `assign` locks the crew member's row
(SELECT … FOR UPDATE) before looking for overlapping assignments, so two
assignments of the same person at overlapping times are serialised and the
second one sees the first. Vehicles are locked the same way."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from .. import notices
from ..exceptions import EditorialError
from ..models import (
    Assignment,
    CoverageRequest,
    CrewMember,
    CrewRole,
    CrewStatus,
    Mission,
    MissionStatus,
    Vehicle,
)
from ..selectors.desk import (
    MAX_TRAVEL_MINUTES,
    away_days,
    busy_window,
    day_label,
    event_days,
    free_members,  # noqa: F401 - the desk's proposals, re-exported for callers
    hhmm,
    mission_window,
    overlapping_assignments,
    overlapping_vehicle_missions,
)
from .common import check_mission_actor as _check_actor
from .common import check_mission_open as _check_mission_open
from .common import lock_mission as _lock_mission
from .common import log

# Telling the crew and their confirmation, re-exported for callers.
from .confirmation import (  # noqa: F401
    CONFIRM_SALT,
    ExpiredLink,
    assignment_from_token,
    confirm,
    confirm_token,
    notify_crew,
    remind_unconfirmed,
)

# --- Messages naming the problem -----------------------------------------------------


def conflict_message(member: CrewMember, other: Assignment) -> str:
    mission = other.mission
    return _(
        "%(name)s is already on mission %(reference)s “%(title)s” on %(date)s from "
        "%(start)s to %(end)s (travel included: %(busy_from)s–%(busy_until)s)."
    ) % {
        "name": member.name,
        "reference": mission.request.reference,
        "title": mission.request.event_title,
        "date": day_label(mission.starts_at),
        "start": hhmm(mission.starts_at),
        "end": hhmm(mission.ends_at),
        "busy_from": hhmm(other.busy_from),
        "busy_until": hhmm(other.busy_until),
    }


def away_message(member: CrewMember) -> str:
    values = {
        "name": member.name,
        "from": day_label(member.unavailable_from) if member.unavailable_from else "…",
        "until": day_label(member.unavailable_until) if member.unavailable_until else "…",
    }
    has_dates = member.unavailable_from or member.unavailable_until
    if member.status == CrewStatus.RESTING:
        if has_dates:
            return _("%(name)s is resting from %(from)s to %(until)s.") % values
        return _("%(name)s is resting.") % values
    if has_dates:
        return _("%(name)s is unavailable from %(from)s to %(until)s.") % values
    return _("%(name)s is unavailable.") % values


def vehicle_conflict_message(vehicle: Vehicle, other: Mission) -> str:
    return _(
        "The vehicle %(vehicle)s is already on mission %(reference)s “%(title)s” on "
        "%(date)s from %(start)s to %(end)s."
    ) % {
        "vehicle": str(vehicle),
        "reference": other.request.reference,
        "title": other.request.event_title,
        "date": day_label(other.starts_at),
        "start": hhmm(other.starts_at),
        "end": hhmm(other.ends_at),
    }


def _member_problems(
    member: CrewMember, busy_from, busy_until, days, *, mission_id: int, check_active=True
) -> list[str]:
    problems = []
    if check_active and not member.is_active:
        problems.append(_("%(name)s is no longer active in the crew.") % {"name": member.name})
    if away_days(member, days):
        problems.append(away_message(member))
    for other in overlapping_assignments(
        member.pk, busy_from, busy_until, exclude_mission_id=mission_id
    )[:3]:
        problems.append(conflict_message(member, other))
    return problems


# --- Assign / unassign ---------------------------------------------------------------


@transaction.atomic
def assign(*, mission: Mission, member: CrewMember, role: str, actor) -> Assignment:
    """Put `member` on `mission` as `role`. Refused when the member is
    inactive, away (resting/unavailable) on the event's days, already on the
    mission, or on another mission whose time (± travel) overlaps."""
    _check_actor(actor)
    if role not in CrewRole.values:
        message = _("Choose a role on the mission.")
        raise EditorialError(message, {"role": [message]})
    mission = _lock_mission(mission)
    _check_mission_open(mission)
    # The lock that makes double booking impossible under concurrency.
    member = CrewMember.objects.select_for_update().get(pk=member.pk)
    if Assignment.objects.filter(mission=mission, member=member, is_active=True).exists():
        message = _("%(name)s is already on this mission.") % {"name": member.name}
        raise EditorialError(message, {"member": [message]})
    busy_from, busy_until = mission_window(mission)
    problems = _member_problems(
        member,
        busy_from,
        busy_until,
        event_days(mission.starts_at, mission.ends_at),
        mission_id=mission.pk,
    )
    if problems:
        raise EditorialError(problems[0], {"member": problems})
    assignment = Assignment.objects.create(
        mission=mission,
        member=member,
        role=role,
        busy_from=busy_from,
        busy_until=busy_until,
        assigned_by=actor,
    )
    log(
        mission.request,
        actor=actor,
        note=_("Crew: %(name)s assigned as %(role)s.")
        % {"name": member.name, "role": assignment.get_role_display()},
    )
    return assignment


@transaction.atomic
def unassign(*, assignment: Assignment, actor, reason: str = "") -> Assignment:
    """Take a member off a mission (kept in the history, logged); a member who
    had been told is told they are released."""
    _check_actor(actor)
    mission = _lock_mission(assignment.mission)
    assignment = (
        Assignment.objects.select_for_update().select_related("member").get(pk=assignment.pk)
    )
    if not assignment.is_active:
        raise EditorialError(_("This person is no longer on the mission."))
    if mission.status != MissionStatus.PLANNED:
        raise EditorialError(_("This mission is over: its crew can no longer change."))
    assignment.is_active = False
    assignment.save(update_fields=["is_active"])
    note = _("Crew: %(name)s taken off the mission.") % {"name": assignment.member.name}
    if reason.strip():
        note = f"{note} {reason.strip()}"
    log(mission.request, actor=actor, note=note)
    if assignment.notified_at:
        assignment.mission = mission
        notices.crew_member_released(assignment)
    return assignment


@transaction.atomic
def cancel_mission(*, mission: Mission, actor) -> Mission:
    """The coverage is called off: the mission is cancelled and its crew freed."""
    mission = _lock_mission(mission)
    crew = list(
        Assignment.objects.select_for_update()
        .filter(mission=mission, is_active=True)
        .select_related("member")
    )
    Assignment.objects.filter(pk__in=[a.pk for a in crew]).update(is_active=False)
    mission.status = MissionStatus.CANCELLED
    mission.save(update_fields=["status", "updated_at"])
    for assignment in crew:
        if assignment.notified_at:
            assignment.mission = mission
            notices.crew_member_released(assignment)
    return mission


# --- Move a mission, choose its vehicle ----------------------------------------------


@transaction.atomic
def update_mission(
    *,
    mission: Mission,
    actor,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    travel_minutes: int,
    vehicle: Vehicle | None = None,
    notes: str | None = None,
) -> Mission:
    """Change a mission's time, travel margin, vehicle and notes. Every active
    assignment (and the vehicle) is checked again at the new time with the same
    rules as `assign`; one problem and nothing changes. When the time moves,
    the crew's confirmations are reset: they are to be told again."""
    _check_actor(actor)
    errors: dict[str, list[str]] = {}
    if starts_at is None or ends_at is None:
        errors["starts_at"] = [_("Give the start and the end of the mission.")]
    elif ends_at <= starts_at:
        errors["ends_at"] = [_("The end must be after the start.")]
    elif ends_at - starts_at > dt.timedelta(days=3):
        errors["ends_at"] = [_("A mission lasts three days at most.")]
    if travel_minutes is None or not 0 <= travel_minutes <= MAX_TRAVEL_MINUTES:
        errors["travel_minutes"] = [
            _("The travel margin is between 0 and %(max)s minutes.") % {"max": MAX_TRAVEL_MINUTES}
        ]
    if errors:
        first = next(iter(errors.values()))[0]
        raise EditorialError(first, errors)

    mission = _lock_mission(mission)
    _check_mission_open(mission)
    busy_from, busy_until = busy_window(starts_at, ends_at, travel_minutes)
    days = event_days(starts_at, ends_at)
    crew = list(
        Assignment.objects.filter(mission=mission, is_active=True).order_by("member_id", "pk")
    )
    # Lock every member in a fixed order (no deadlock between two moves).
    members = {
        m.pk: m
        for m in CrewMember.objects.select_for_update()
        .filter(pk__in=[a.member_id for a in crew])
        .order_by("pk")
    }
    problems: list[str] = []
    for assignment in crew:
        member = members[assignment.member_id]
        problems += _member_problems(
            member, busy_from, busy_until, days, mission_id=mission.pk, check_active=False
        )
    if vehicle is not None:
        vehicle = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
        if not vehicle.is_active and vehicle.pk != mission.vehicle_id:
            problems.append(_("The vehicle %(vehicle)s is not in service.") % {"vehicle": vehicle})
        for other in overlapping_vehicle_missions(
            vehicle.pk, busy_from, busy_until, exclude_mission_id=mission.pk
        )[:3]:
            problems.append(vehicle_conflict_message(vehicle, other))
    if problems:
        raise EditorialError(problems[0], {"__all__": problems})

    moved = (
        mission.starts_at != starts_at
        or mission.ends_at != ends_at
        or mission.travel_minutes != travel_minutes
    )
    old = f"{day_label(mission.starts_at)} {hhmm(mission.starts_at)}–{hhmm(mission.ends_at)}"
    mission.starts_at, mission.ends_at = starts_at, ends_at
    mission.travel_minutes = travel_minutes
    vehicle_changed = (vehicle.pk if vehicle else None) != mission.vehicle_id
    mission.vehicle = vehicle
    if notes is not None:
        mission.notes = notes.strip()
    mission.save()
    if moved:
        Assignment.objects.filter(pk__in=[a.pk for a in crew]).update(
            busy_from=busy_from,
            busy_until=busy_until,
            notified_at=None,
            confirmed_at=None,
            reminded_at=None,
        )
        log(
            mission.request,
            actor=actor,
            note=_("Mission moved from %(old)s to %(new)s (travel %(travel)s min).")
            % {
                "old": old,
                "new": f"{day_label(starts_at)} {hhmm(starts_at)}–{hhmm(ends_at)}",
                "travel": travel_minutes,
            },
        )
    if vehicle_changed:
        log(
            mission.request,
            actor=actor,
            note=_("Vehicle: %(vehicle)s.") % {"vehicle": vehicle or _("none")},
        )
    return mission


def mission_of(request: CoverageRequest) -> Mission | None:
    return Mission.objects.filter(request=request).select_related("vehicle").first()
