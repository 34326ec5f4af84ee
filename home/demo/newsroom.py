"""The newsroom's demo: crew members, a vehicle and coverage requests in several
statuses (new, under review, accepted with its mission and crew, refused), made
through the desk's own services. Idempotent: a crew member is found by phone, the
vehicle by plate, a request by its event title."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from datetime import time

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from editorial.models import (
    CoverageRequest,
    CoverageStatus,
    CoverageType,
    CrewMember,
    CrewRole,
    EventType,
    Urgency,
    Vehicle,
)
from editorial.services import desk, missions
from editorial.services.intake import format_reference

CREW = (
    ("Mariam Ouédraogo", CrewRole.JOURNALIST, "+22670000101", "Économie, culture"),
    ("Boukary Kaboré", CrewRole.JOURNALIST, "+22670000102", "Politique, société"),
    ("Ali Sawadogo", CrewRole.CAMERA, "+22670000103", "Caméra, drone"),
    ("Estelle Yaméogo", CrewRole.CAMERA, "+22670000104", "Caméra, montage"),
    ("Adama Nikiéma", CrewRole.DRIVER, "+22670000105", "Permis C"),
)
VEHICLE = ("Toyota Hilux BF1", "11 JJ 4521", 5)


@dataclass(frozen=True)
class DemoRequest:
    title: str
    event_type: str
    coverage_type: str
    in_days: int
    start: time
    end: time
    address: str
    status: str
    urgency: str = Urgency.NORMAL
    note: str = ""


REQUESTS = (
    DemoRequest(
        "Lancement du Festival des arts de Ouaga",
        EventType.CULTURE_SPORT,
        CoverageType.VIDEO_REPORT,
        3,
        time(9, 0),
        time(12, 0),
        "Maison du Peuple, Ouagadougou",
        CoverageStatus.NEW,
        urgency=Urgency.PRIORITY,
    ),
    DemoRequest(
        "Conférence de presse de la Chambre de commerce",
        EventType.PRESS_CONFERENCE,
        CoverageType.INTERVIEW,
        2,
        time(10, 0),
        time(11, 30),
        "Chambre de commerce, avenue de Lyon, Ouagadougou",
        CoverageStatus.REVIEWING,
    ),
    DemoRequest(
        "Inauguration du marché de Koudougou",
        EventType.INAUGURATION,
        CoverageType.VIDEO_INTERVIEW,
        1,
        time(15, 0),
        time(17, 0),
        "Grand marché de Koudougou",
        CoverageStatus.ACCEPTED,
        urgency=Urgency.URGENT,
    ),
    DemoRequest(
        "Journée portes ouvertes d'une entreprise",
        EventType.OTHER,
        CoverageType.EDITORIAL_CHOICE,
        5,
        time(8, 0),
        time(12, 0),
        "Zone industrielle de Kossodo",
        CoverageStatus.REFUSED,
        note="Cet événement relève d'un reportage publicitaire : contactez le service commercial.",
    ),
)


@dataclass
class Newsroom:
    crew: int = 0
    vehicles: int = 0
    requests: int = 0


def _crew() -> tuple[list[CrewMember], Vehicle, Newsroom]:
    done = Newsroom()
    members = []
    for name, role, phone, skills in CREW:
        member = CrewMember.objects.filter(phone=phone).first()
        if member is None:
            member = CrewMember.objects.create(name=name, role=role, phone=phone, skills=skills)
            done.crew += 1
        members.append(member)
    name, plate, seats = VEHICLE
    vehicle = Vehicle.objects.filter(plate=plate).first()
    if vehicle is None:
        vehicle = Vehicle.objects.create(name=name, plate=plate, seats=seats)
        done.vehicles += 1
    return members, vehicle, done


def _request(demo: DemoRequest, requester: User | None) -> CoverageRequest:
    advertiser = requester.advertiser if requester is not None else None
    request = CoverageRequest.objects.create(
        reference=f"TMP-{uuid.uuid4().hex[:16]}",
        requester=requester,
        advertiser=advertiser,
        event_title=demo.title,
        event_type=demo.event_type,
        description="Discours officiels, visite des stands et interviews des organisateurs.",
        event_date=timezone.localdate() + dt.timedelta(days=demo.in_days),
        start_time=demo.start,
        end_time=demo.end,
        address=demo.address,
        contact_name=requester.get_full_name() if requester else "Kadiatou Bamogo",
        contact_phone="+22670112233",
        contact_email=requester.email if requester else "kadiatou@example.bf",
        coverage_type=demo.coverage_type,
        urgency=demo.urgency,
    )
    request.reference = format_reference(timezone.localdate().year, request.pk)
    CoverageRequest.objects.filter(pk=request.pk).update(reference=request.reference)
    return request


@transaction.atomic
def ensure_demo_newsroom(*, editor: User, client: User) -> Newsroom:
    members, vehicle, done = _crew()
    by_role = {member.role: member for member in reversed(members)}
    for index, demo in enumerate(REQUESTS):
        if CoverageRequest.objects.filter(event_title=demo.title).exists():
            continue
        request = _request(demo, client if index % 2 == 0 else None)
        done.requests += 1
        if demo.status == CoverageStatus.NEW:
            continue
        if demo.status == CoverageStatus.REFUSED:
            desk.refuse(request=request, actor=editor, reason=demo.note)
            continue
        desk.start_review(request=request, actor=editor)
        if demo.status == CoverageStatus.ACCEPTED:
            mission = desk.accept(request=request, actor=editor)
            missions.update_mission(
                mission=mission,
                actor=editor,
                starts_at=mission.starts_at,
                ends_at=mission.ends_at,
                travel_minutes=mission.travel_minutes,
                vehicle=vehicle,
                notes="Arriver 30 minutes avant le début ; interview du maire prévue.",
            )
            for role in (CrewRole.JOURNALIST, CrewRole.CAMERA, CrewRole.DRIVER):
                missions.assign(mission=mission, member=by_role[role], role=role, actor=editor)
    return done
