"""The editorial factories make requests, crew, missions and assignments that
the desk's own rules accept: references as the intake gives them, real
attachments, missions at the event's times, crew busy for the event plus the
journey, so that the double-booking check sees them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.roles import Role, has_role
from editorial.attachment_checks import PDF, identify
from editorial.exceptions import EditorialError
from editorial.models import (
    CoverageStatus,
    CrewRole,
    CrewStatus,
    MissionStatus,
    SmsStatus,
    Urgency,
)
from editorial.selectors import desk as desk_selectors
from editorial.selectors.requester import requests_for_user
from editorial.services import missions as mission_services
from editorial.services.confirmation import assignment_from_token, confirm_token

from .factories import (
    REFUSAL,
    AssignmentFactory,
    CoverageAttachmentFactory,
    CoverageDeliveryFactory,
    CoverageEventFactory,
    CoverageRequestFactory,
    CrewMemberFactory,
    MissionFactory,
    SmsMessageFactory,
    VehicleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def local_time(moment: dt.datetime) -> dt.time:
    return timezone.localtime(moment).time()


# --- Requests ---------------------------------------------------------------------------


def test_a_request_has_the_intakes_reference_and_waits_in_the_inbox():
    request = CoverageRequestFactory()
    request.full_clean()
    year = timezone.localdate().year
    assert request.reference == f"COUV-{year}-{request.pk:05d}"
    assert request.status == CoverageStatus.NEW
    assert list(request.events.values_list("from_status", "to_status")) == [("", "new")]
    assert list(desk_selectors.inbox()) == [request]
    assert timezone.is_aware(request.starts_at)
    assert local_time(request.starts_at) == dt.time(9, 0)
    assert request.ends_at - request.starts_at == dt.timedelta(hours=2, minutes=30)
    assert request.contact_email.endswith("@sante.gov.bf")


def test_an_urgent_request_comes_first_in_the_inbox():
    normal = CoverageRequestFactory()
    urgent = CoverageRequestFactory(urgent=True)
    urgent.full_clean()
    assert urgent.urgency == Urgency.URGENT
    assert urgent.event_date == timezone.localdate() + dt.timedelta(days=1)
    assert list(desk_selectors.inbox()) == [urgent, normal]


def test_an_evening_event_ends_after_midnight():
    request = CoverageRequestFactory(evening=True)
    request.full_clean()
    assert request.ends_at > request.starts_at
    assert timezone.localtime(request.ends_at).date() == request.event_date + dt.timedelta(days=1)


def test_a_clients_request_is_followed_from_their_account():
    request = CoverageRequestFactory(from_client=True)
    request.full_clean()
    assert request.advertiser == request.requester.advertiser
    assert request.contact_email == request.requester.email
    assert list(requests_for_user(request.requester)) == [request]


def test_accepted_and_refused_requests_keep_the_desks_decision():
    accepted = CoverageRequestFactory(accepted=True)
    refused = CoverageRequestFactory(refused=True)
    for request in (accepted, refused):
        request.full_clean()
        last = request.events.order_by("pk").last()
        assert (last.from_status, last.to_status) == ("new", request.status)
        assert has_role(last.actor, Role.EDITORIAL)
    assert refused.status_note == REFUSAL == refused.events.last().note
    assert not list(desk_selectors.inbox())


def test_a_history_line_is_valid():
    event = CoverageEventFactory()
    event.full_clean()
    assert event.request.events.filter(pk=event.pk).exists()


# --- Attachments and delivered content ------------------------------------------------


@pytest.mark.parametrize("picture", [False, True])
def test_an_attachment_is_the_document_it_claims_to_be(picture):
    attachment = CoverageAttachmentFactory(picture=picture)
    attachment.full_clean()
    assert attachment.file.name.startswith(f"editorial/requests/{attachment.request.uuid}/")
    assert attachment.file.size == attachment.size
    with attachment.file.open("rb"):
        kind = identify(attachment.file)
    assert kind.content_type == attachment.content_type
    assert (kind == PDF) is not picture


def test_delivered_content_is_linked_to_a_covered_request():
    delivery = CoverageDeliveryFactory()
    delivery.full_clean()
    assert delivery.request.status == CoverageStatus.COVERED
    assert delivery.request.reference.lower() in delivery.link
    assert has_role(delivery.delivered_by, Role.EDITORIAL)


# --- Crew and vehicles ---------------------------------------------------------------------


def test_the_crew_traits_and_who_is_away():
    today = timezone.localdate()
    members = {
        "journalist": CrewMemberFactory(),
        "camera": CrewMemberFactory(camera=True),
        "driver": CrewMemberFactory(driver=True),
        "resting": CrewMemberFactory(resting=True),
        "unavailable": CrewMemberFactory(unavailable=True),
        "inactive": CrewMemberFactory(inactive=True),
    }
    for member in members.values():
        member.full_clean()
        assert member.phone.startswith("+226") and member.email.endswith("@bf1.bf")
    assert members["journalist"].role == CrewRole.JOURNALIST
    assert members["camera"].role == CrewRole.CAMERA
    assert members["driver"].role == CrewRole.DRIVER
    assert not members["journalist"].is_away_on(today)
    assert members["resting"].is_away_on(today)
    assert members["unavailable"].status == CrewStatus.UNAVAILABLE
    assert members["unavailable"].is_away_on(today)
    assert not members["unavailable"].is_away_on(today + dt.timedelta(days=4))
    assert not members["inactive"].is_active


def test_crew_e_mails_stay_distinct_when_the_names_come_round_again():
    members = CrewMemberFactory.create_batch(12)
    assert len({member.email for member in members}) == 12


def test_a_crew_member_with_an_account_signs_in_as_the_newsroom():
    member = CrewMemberFactory(with_account=True)
    assert member.user.email == member.email
    assert has_role(member.user, Role.EDITORIAL)
    assert member.user.crew_member == member


def test_vehicles_have_distinct_plates():
    vehicles = VehicleFactory.create_batch(4)
    for vehicle in vehicles:
        vehicle.full_clean()
    assert len({vehicle.plate for vehicle in vehicles}) == 4


# --- Missions --------------------------------------------------------------------------------


def test_a_mission_covers_an_accepted_request_at_the_events_times():
    mission = MissionFactory()
    mission.full_clean()
    assert mission.request.status == CoverageStatus.ACCEPTED
    assert mission.status == MissionStatus.PLANNED
    assert (mission.starts_at, mission.ends_at) == (
        mission.request.starts_at,
        mission.request.ends_at,
    )
    assert local_time(mission.starts_at) == dt.time(9, 0)
    assert mission.travel_minutes == settings.EDITORIAL_TRAVEL_MINUTES
    assert has_role(mission.created_by, Role.EDITORIAL)
    assert list(desk_selectors.missions_ahead()) == [mission]


def test_the_mission_traits():
    with_vehicle = MissionFactory(with_vehicle=True)
    delivered = MissionFactory(delivered=True)
    cancelled = MissionFactory(cancelled=True)
    for mission in (with_vehicle, delivered, cancelled):
        mission.full_clean()
    assert with_vehicle.vehicle is not None
    assert desk_selectors.vehicle_candidates(MissionFactory()) == [(with_vehicle.vehicle, False)]
    assert delivered.request.status == CoverageStatus.COVERED
    assert delivered.ends_at < timezone.now()
    assert cancelled.status == MissionStatus.CANCELLED
    assert cancelled.request.status == CoverageStatus.REFUSED


def test_an_evening_mission_ends_the_next_day():
    mission = MissionFactory(request__evening=True, request__accepted=True)
    mission.full_clean()
    assert mission.ends_at > mission.starts_at
    assert desk_selectors.event_days(mission.starts_at, mission.ends_at) == [
        mission.request.event_date,
        mission.request.event_date + dt.timedelta(days=1),
    ]


# --- Assignments ------------------------------------------------------------------------------


def test_an_assignment_takes_the_member_for_the_event_and_the_journey():
    assignment = AssignmentFactory()
    assignment.full_clean()
    mission = assignment.mission
    margin = dt.timedelta(minutes=mission.travel_minutes)
    assert assignment.busy_from == mission.starts_at - margin
    assert assignment.busy_until == mission.ends_at + margin
    assert assignment.role == assignment.member.role
    assert assignment.assigned_by == mission.created_by
    assert not assignment.is_confirmed
    assert desk_selectors.mission_crew(mission) == [assignment]


def test_the_desk_assigns_the_same_window_as_the_factory():
    mission = MissionFactory()
    member = CrewMemberFactory(camera=True)
    made = AssignmentFactory.build(mission=mission, member=member)

    assigned = mission_services.assign(
        mission=mission, member=member, role=CrewRole.CAMERA, actor=mission.created_by
    )

    assert (assigned.busy_from, assigned.busy_until) == (made.busy_from, made.busy_until)


def test_a_factory_assignment_blocks_a_double_booking():
    assignment = AssignmentFactory()
    member = assignment.member
    # Another event the same morning, 11:00–12:00: within the journey back.
    clash = MissionFactory(request__start_time=dt.time(11, 0), request__end_time=dt.time(12, 0))
    assert member not in desk_selectors.free_members(clash, member.role)

    with pytest.raises(EditorialError) as error:
        mission_services.assign(
            mission=clash, member=member, role=member.role, actor=clash.created_by
        )
    assert assignment.mission.request.reference in str(error.value)


def test_a_released_member_is_free_again():
    assignment = AssignmentFactory(released=True)
    other = MissionFactory()
    assert assignment.member in desk_selectors.free_members(other, assignment.member.role)


def test_notified_and_confirmed_assignments():
    notified = AssignmentFactory(notified=True)
    confirmed = AssignmentFactory(confirmed=True)
    for assignment in (notified, confirmed):
        assignment.full_clean()
        assert assignment.notified_at <= timezone.now()
    assert not notified.is_confirmed
    assert confirmed.is_confirmed and confirmed.notified_at < confirmed.confirmed_at


def test_the_confirmation_link_of_a_factory_assignment_works():
    assignment = AssignmentFactory(notified=True)
    assert assignment_from_token(confirm_token(assignment)) == assignment
    confirmed = mission_services.confirm(assignment=assignment)
    assert confirmed.is_confirmed


# --- Text messages ---------------------------------------------------------------------------


def test_a_mission_text_goes_to_the_members_phone_with_a_working_link():
    message = SmsMessageFactory()
    message.full_clean()
    assignment = message.assignment
    assert message.to == assignment.member.phone
    assert message.status == SmsStatus.QUEUED
    request = assignment.mission.request
    assert request.reference in message.body and request.event_title in message.body
    assert confirm_token(assignment) in message.body


def test_sent_and_failed_texts():
    sent = SmsMessageFactory(sent=True)
    failed = SmsMessageFactory(failed=True)
    for message in (sent, failed):
        message.full_clean()
    assert sent.status == SmsStatus.SENT and sent.sent_at and sent.gateway_reference
    assert failed.status == SmsStatus.FAILED
    assert failed.attempts == settings.SMS_MAX_ATTEMPTS and failed.last_error
