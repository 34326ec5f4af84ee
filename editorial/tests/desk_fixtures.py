"""Helpers and fixtures shared by the desk's tests (test_desk_*.py,
test_missions.py, test_crew.py, test_confirm.py, test_sms.py), which import
them by name. Events are placed a week ahead at fixed hours, so that the
travel margins (60 minutes by default) are easy to read in the tests."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest
from django.core import mail
from django.utils import timezone

from editorial.models import (
    CoverageRequest,
    CoverageStatus,
    CoverageType,
    CrewMember,
    CrewRole,
    CrewStatus,
    EventType,
    Urgency,
    Vehicle,
)
from editorial.services import desk as desk_services
from editorial.sms import LocmemGateway
from notifications.models import OutgoingEmail

_numbers = itertools.count(1)


def next_week(days: int = 7) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def make_request(
    *,
    title: str = "Lancement du Festival des Masques",
    day: dt.date | None = None,
    start: str = "10:00",
    end: str = "12:00",
    urgency: str = Urgency.NORMAL,
    status: str = CoverageStatus.NEW,
    requester=None,
    contact_email: str = "contact@festival-masques.bf",
    **fields,
) -> CoverageRequest:
    number = next(_numbers)
    return CoverageRequest.objects.create(
        reference=f"COUV-2026-{number:05d}",
        requester=requester,
        event_title=title,
        event_type=fields.pop("event_type", EventType.CULTURE_SPORT),
        description=fields.pop("description", "Ouverture officielle et défilé des masques."),
        event_date=day or next_week(),
        start_time=dt.time.fromisoformat(start),
        end_time=dt.time.fromisoformat(end),
        address=fields.pop("address", "Maison du Peuple, Ouagadougou"),
        meeting_point=fields.pop("meeting_point", "Entrée principale"),
        contact_name=fields.pop("contact_name", "Mariam Kaboré"),
        contact_phone=fields.pop("contact_phone", "+22670112233"),
        contact_email=contact_email,
        coverage_type=fields.pop("coverage_type", CoverageType.VIDEO_REPORT),
        urgency=urgency,
        status=status,
        **fields,
    )


def make_member(
    name: str = "Awa Sawadogo", role: str = CrewRole.JOURNALIST, **fields
) -> CrewMember:
    fields.setdefault("phone", f"+226701{next(_numbers):05d}")
    fields.setdefault("email", name.lower().replace(" ", ".") + "@bf1.bf")
    return CrewMember.objects.create(name=name, role=role, **fields)


def make_vehicle(name: str = "Toyota Hilux", plate: str | None = None) -> Vehicle:
    return Vehicle.objects.create(name=name, plate=plate or f"11 JJ {next(_numbers):04d}")


def accepted_mission(actor, **request_fields):
    """An accepted request and its mission (event ± 60 min of travel)."""
    request = make_request(**request_fields)
    mission = desk_services.accept(request=request, actor=actor)
    mission.refresh_from_db()
    return mission


@dataclass
class Sent:
    subject: str
    body: str
    to: list[str]
    reply_to: list[str]
    attachments: list[dict]


def emails_to(address: str) -> list[Sent]:
    """Every e-mail to `address`: sent through Django (the test runner's locmem
    backend) or queued by a notification (OutgoingEmail)."""
    found = []
    for message in mail.outbox:
        if address in message.to:
            found.append(
                Sent(
                    subject=str(message.subject),
                    body=message.body,
                    to=list(message.to),
                    reply_to=list(message.reply_to),
                    attachments=[
                        {"filename": name, "mimetype": mimetype, "content": content}
                        for name, content, mimetype in message.attachments
                    ],
                )
            )
    for record in OutgoingEmail.objects.order_by("pk"):
        if address in record.to:
            found.append(
                Sent(record.subject, record.body, record.to, record.reply_to, record.attachments)
            )
    return found


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def sms_outbox(settings):
    """Text messages kept in memory (LocmemGateway) instead of the console."""
    settings.SMS_BACKEND = "locmem"
    LocmemGateway.outbox = []
    yield LocmemGateway.outbox
    LocmemGateway.outbox = []


@pytest.fixture
def journalist(db):
    return make_member("Awa Sawadogo", CrewRole.JOURNALIST)


@pytest.fixture
def camera(db):
    return make_member("Issouf Compaoré", CrewRole.CAMERA)


@pytest.fixture
def driver(db):
    return make_member("Boukary Ouédraogo", CrewRole.DRIVER)


@pytest.fixture
def resting(db):
    return make_member("Salif Zongo", CrewRole.JOURNALIST, status=CrewStatus.RESTING)
