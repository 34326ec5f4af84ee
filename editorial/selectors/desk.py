"""Reads of the editorial desk shared by its screens, its services and the
mission sheet: the time a mission takes its crew, the conflicts, who is free,
the inbox and a request's desk page. The planning calendars are `planning`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from ..models import (
    Assignment,
    CoverageEvent,
    CoverageRequest,
    CoverageStatus,
    CrewMember,
    CrewRole,
    Mission,
    MissionStatus,
    Vehicle,
)

# Travel margins longer than this are refused (a mission is a day's work at most).
MAX_TRAVEL_MINUTES = 12 * 60


# --- Times ---------------------------------------------------------------------------


def local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value)


def hhmm(value: dt.datetime) -> str:
    return f"{local(value):%H:%M}"


def day_label(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        value = local(value).date()
    return f"{value:%d/%m/%Y}"


def travel_margin(mission: Mission) -> dt.timedelta:
    return dt.timedelta(minutes=mission.travel_minutes or 0)


def busy_window(
    starts_at: dt.datetime, ends_at: dt.datetime, travel_minutes: int
) -> tuple[dt.datetime, dt.datetime]:
    """The time a crew member is taken: the event plus the journey on both sides."""
    margin = dt.timedelta(minutes=travel_minutes or 0)
    return starts_at - margin, ends_at + margin


def mission_window(mission: Mission) -> tuple[dt.datetime, dt.datetime]:
    return busy_window(mission.starts_at, mission.ends_at, mission.travel_minutes)


def event_days(starts_at: dt.datetime, ends_at: dt.datetime) -> list[dt.date]:
    """The local days an event touches (an evening event may end the next day)."""
    first, last = local(starts_at).date(), local(ends_at).date()
    days = []
    day = first
    while day <= last:
        days.append(day)
        day += dt.timedelta(days=1)
    return days


def away_days(member: CrewMember, days: Iterable[dt.date]) -> list[dt.date]:
    return [day for day in days if member.is_away_on(day)]


# --- Conflicts -----------------------------------------------------------------------


def overlapping_assignments(
    member_id: int,
    busy_from: dt.datetime,
    busy_until: dt.datetime,
    *,
    exclude_mission_id: int | None = None,
):
    """The member's active assignments on live missions overlapping the window."""
    qs = (
        Assignment.objects.filter(
            member_id=member_id,
            is_active=True,
            busy_from__lt=busy_until,
            busy_until__gt=busy_from,
        )
        .exclude(mission__status=MissionStatus.CANCELLED)
        .select_related("mission", "mission__request")
        .order_by("busy_from", "pk")
    )
    if exclude_mission_id is not None:
        qs = qs.exclude(mission_id=exclude_mission_id)
    return qs


def overlapping_vehicle_missions(
    vehicle_id: int,
    busy_from: dt.datetime,
    busy_until: dt.datetime,
    *,
    exclude_mission_id: int | None = None,
) -> list[Mission]:
    """Live missions using the vehicle whose window (event ± travel) overlaps.

    The travel margin lives on each mission: the database narrows the
    candidates by the longest margin allowed, Python checks each window."""
    slack = dt.timedelta(minutes=MAX_TRAVEL_MINUTES)
    qs = (
        Mission.objects.filter(
            vehicle_id=vehicle_id,
            status=MissionStatus.PLANNED,
            starts_at__lt=busy_until + slack,
            ends_at__gt=busy_from - slack,
        )
        .select_related("request")
        .order_by("starts_at", "pk")
    )
    if exclude_mission_id is not None:
        qs = qs.exclude(pk=exclude_mission_id)
    found = []
    for other in qs:
        other_from, other_until = mission_window(other)
        if other_from < busy_until and other_until > busy_from:
            found.append(other)
    return found


# --- Who is free ---------------------------------------------------------------------


@dataclass
class Candidate:
    member: CrewMember
    free: bool
    reason: str = ""  # why not, when not free (short, for a select's label)


def member_candidates(mission: Mission, role: str | None = None) -> list[Candidate]:
    """Every active crew member (of `role` when given) not already on the
    mission, each marked free or not: the free ones first. Three queries."""
    from django.utils.translation import gettext as _

    busy_from, busy_until = mission_window(mission)
    members = CrewMember.objects.filter(is_active=True).exclude(
        assignments__mission=mission, assignments__is_active=True
    )
    if role:
        members = members.filter(role=role)
    members = list(members.order_by("role", "name", "pk"))
    busy = defaultdict(list)
    overlapping = (
        Assignment.objects.filter(
            member__in=[m.pk for m in members],
            is_active=True,
            busy_from__lt=busy_until,
            busy_until__gt=busy_from,
        )
        .exclude(mission=mission)
        .exclude(mission__status=MissionStatus.CANCELLED)
        .select_related("mission__request")
    )
    for assignment in overlapping:
        busy[assignment.member_id].append(assignment)
    days = event_days(mission.starts_at, mission.ends_at)
    found = []
    for member in members:
        if away_days(member, days):
            found.append(Candidate(member, False, str(member.get_status_display())))
        elif busy[member.pk]:
            other = busy[member.pk][0]
            found.append(
                Candidate(
                    member,
                    False,
                    _("on %(reference)s") % {"reference": other.mission.request.reference},
                )
            )
        else:
            found.append(Candidate(member, True))
    found.sort(key=lambda c: (not c.free, c.member.role, c.member.name.lower(), c.member.pk))
    return found


def free_members(mission: Mission, role: str) -> list[CrewMember]:
    """Who the desk proposes for `role`: active, not away on the event's days,
    and with no active assignment overlapping the event ± travel margin."""
    return [c.member for c in member_candidates(mission, role) if c.free]


def vehicle_candidates(mission: Mission) -> list[tuple[Vehicle, bool]]:
    """Every active vehicle, each marked free or taken at the mission's time
    (two queries)."""
    busy_from, busy_until = mission_window(mission)
    slack = dt.timedelta(minutes=MAX_TRAVEL_MINUTES)
    taken = set()
    others = Mission.objects.filter(
        vehicle__isnull=False,
        status=MissionStatus.PLANNED,
        starts_at__lt=busy_until + slack,
        ends_at__gt=busy_from - slack,
    ).exclude(pk=mission.pk)
    for other in others:
        other_from, other_until = mission_window(other)
        if other_from < busy_until and other_until > busy_from:
            taken.add(other.vehicle_id)
    vehicles = Vehicle.objects.filter(is_active=True).order_by("name", "pk")
    return [(vehicle, vehicle.pk not in taken) for vehicle in vehicles]


# --- Inbox and request page ----------------------------------------------------------


def inbox():
    """New requests and those under review: the most urgent first, then by
    event date; with their attachment count (one query)."""
    return (
        CoverageRequest.objects.inbox()
        .select_related("requester", "advertiser")
        .annotate(attachment_count=Count("attachments", distinct=True))
    )


def unconfirmed_assignments(now: dt.datetime | None = None):
    """Active assignments of missions still ahead whose crew member was
    notified and has not confirmed yet."""
    now = now or timezone.now()
    return (
        Assignment.objects.filter(
            is_active=True,
            notified_at__isnull=False,
            confirmed_at__isnull=True,
            mission__status=MissionStatus.PLANNED,
            mission__ends_at__gt=now,
        )
        .select_related("member", "mission", "mission__request")
        .order_by("mission__starts_at", "pk")
    )


def is_overdue(assignment: Assignment, now: dt.datetime | None = None) -> bool:
    """Notified more than EDITORIAL_REMINDER_HOURS ago and still not confirmed."""
    if assignment.confirmed_at or not assignment.notified_at:
        return False
    now = now or timezone.now()
    return now - assignment.notified_at >= dt.timedelta(hours=settings.EDITORIAL_REMINDER_HOURS)


def missions_ahead(now: dt.datetime | None = None):
    """Accepted requests whose mission is still ahead, soonest first."""
    now = now or timezone.now()
    return (
        Mission.objects.filter(status=MissionStatus.PLANNED, ends_at__gt=now)
        .select_related("request", "vehicle")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(is_active=True).select_related("member"),
                to_attr="active_assignments",
            )
        )
        .order_by("starts_at", "pk")
    )


def request_for_desk(pk: int) -> CoverageRequest:
    """A request with everything its desk page shows (raises DoesNotExist)."""
    return (
        CoverageRequest.objects.select_related(
            "requester", "advertiser", "mission", "mission__vehicle", "mission__created_by"
        )
        .prefetch_related(
            "attachments",
            "deliveries",
            Prefetch(
                "events", queryset=CoverageEvent.objects.select_related("actor").order_by("pk")
            ),
        )
        .get(pk=pk)
    )


def mission_crew(mission: Mission) -> list[Assignment]:
    return list(
        mission.assignments.filter(is_active=True)
        .select_related("member")
        .prefetch_related("sms_messages")
        .order_by("role", "member__name", "pk")
    )


def has_journalist(mission: Mission) -> bool:
    return mission.assignments.filter(is_active=True, role=CrewRole.JOURNALIST).exists()


def requests_listing():
    return CoverageRequest.objects.select_related("mission").annotate(
        crew_count=Count("mission__assignments", filter=Q(mission__assignments__is_active=True))
    )


def crew_choices():
    return CrewMember.objects.filter(is_active=True).order_by("role", "name", "pk")


def open_statuses() -> list[str]:
    return [CoverageStatus.ACCEPTED, CoverageStatus.COVERED]
