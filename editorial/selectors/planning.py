"""The desk's planning: the live missions of a week or a month with their
crew, by day and by person, each slot flagged when it overlaps another of the
member's assignments or falls on a day the member is away."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from ..models import Assignment, CrewMember, CrewRole, Mission, MissionStatus
from .desk import MAX_TRAVEL_MINUTES, away_days, event_days


@dataclass
class PlannedSlot:
    """One crew member on one mission, as the planning shows it."""

    assignment: Assignment
    mission: Mission
    conflict: bool = False
    away: bool = False

    @property
    def unconfirmed(self) -> bool:
        return self.assignment.confirmed_at is None

    @property
    def flagged(self) -> bool:
        return self.conflict or self.away


@dataclass
class PlanningMission:
    mission: Mission
    slots: list[PlannedSlot] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        return any(slot.flagged for slot in self.slots)

    @property
    def unconfirmed(self) -> bool:
        return not self.slots or any(slot.unconfirmed for slot in self.slots)

    @property
    def no_journalist(self) -> bool:
        return not any(slot.assignment.role == CrewRole.JOURNALIST for slot in self.slots)


@dataclass
class Planning:
    start: dt.date
    end: dt.date  # exclusive
    missions: list[PlanningMission]
    members: list[CrewMember]

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days)]

    def by_day(self) -> dict[dt.date, list[PlanningMission]]:
        found: dict[dt.date, list[PlanningMission]] = {day: [] for day in self.days}
        for item in self.missions:
            for day in event_days(item.mission.starts_at, item.mission.ends_at):
                if day in found:
                    found[day].append(item)
        return found

    def by_member(self) -> list[tuple[CrewMember, list[dict]]]:
        """Each member shown, with one cell per day: their slots and whether
        they are away (resting/unavailable) that day."""
        cells: dict[int, dict[dt.date, list[PlannedSlot]]] = {
            m.pk: {day: [] for day in self.days} for m in self.members
        }
        for item in self.missions:
            days = event_days(item.mission.starts_at, item.mission.ends_at)
            for slot in item.slots:
                row = cells.get(slot.assignment.member_id)
                if row is None:
                    continue
                for day in days:
                    if day in row:
                        row[day].append(slot)
        return [
            (
                member,
                [
                    {"day": day, "slots": slots, "away": member.is_away_on(day)}
                    for day, slots in cells[member.pk].items()
                ],
            )
            for member in self.members
        ]

    @property
    def conflict_count(self) -> int:
        return sum(1 for item in self.missions if item.conflict)

    @property
    def unconfirmed_count(self) -> int:
        return sum(1 for item in self.missions if item.unconfirmed)


def planning(
    start: dt.date, end: dt.date, *, role: str | None = None, member_id: int | None = None
) -> Planning:
    """Live missions between `start` and `end` (exclusive, local days) with
    their crew, filtered by role and person; each slot flagged when it overlaps
    another of the member's assignments or falls on a day the member is away.
    A fixed number of queries, whatever the number of missions."""
    tz = timezone.get_current_timezone()
    start_at = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    end_at = dt.datetime.combine(end, dt.time.min, tzinfo=tz)
    assignments = Assignment.objects.filter(is_active=True).select_related("member")
    if role:
        assignments = assignments.filter(role=role)
    if member_id:
        assignments = assignments.filter(member_id=member_id)
    missions_qs = (
        Mission.objects.filter(
            status__in=[MissionStatus.PLANNED, MissionStatus.DELIVERED],
            starts_at__lt=end_at,
            ends_at__gt=start_at,
        )
        .select_related("request", "vehicle")
        .prefetch_related(Prefetch("assignments", queryset=assignments, to_attr="crew"))
        .order_by("starts_at", "pk")
    )
    if role or member_id:
        missions_qs = missions_qs.filter(assignments__in=assignments).distinct()
    missions = list(missions_qs)

    # Every active assignment of the members shown, around the period, to find
    # the overlaps (including with missions outside the filter).
    member_ids = {a.member_id for m in missions for a in m.crew}
    slack = dt.timedelta(minutes=MAX_TRAVEL_MINUTES)
    around = defaultdict(list)
    for other in Assignment.objects.filter(
        member_id__in=member_ids,
        is_active=True,
        busy_from__lt=end_at + slack,
        busy_until__gt=start_at - slack,
    ).exclude(mission__status=MissionStatus.CANCELLED):
        around[other.member_id].append(other)

    items = []
    for mission in missions:
        days = event_days(mission.starts_at, mission.ends_at)
        item = PlanningMission(mission)
        for assignment in mission.crew:
            conflict = any(
                other.pk != assignment.pk
                and other.mission_id != assignment.mission_id
                and other.busy_from < assignment.busy_until
                and other.busy_until > assignment.busy_from
                for other in around[assignment.member_id]
            )
            away = bool(away_days(assignment.member, days))
            item.slots.append(PlannedSlot(assignment, mission, conflict=conflict, away=away))
        items.append(item)

    members = CrewMember.objects.filter(is_active=True)
    if role:
        members = members.filter(role=role)
    if member_id:
        members = CrewMember.objects.filter(pk=member_id)
    return Planning(start=start, end=end, missions=items, members=list(members))
