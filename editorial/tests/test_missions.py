"""Crew on missions: who the desk proposes, double booking refused naming the
conflicting mission, members away refused, moving a mission (all or nothing),
vehicles, unassigning, notifying the crew and the reminder."""

# ruff: noqa: F401, F811 - fixtures imported from desk_fixtures, used as arguments

import datetime as dt

import pytest
from django.utils import timezone, translation
from django_q.models import Schedule

from editorial.exceptions import EditorialError
from editorial.mission_pdf import render_mission_sheet
from editorial.models import (
    Assignment,
    CoverageEvent,
    CrewRole,
    CrewStatus,
    Mission,
    MissionStatus,
    SmsMessage,
)
from editorial.selectors.desk import free_members, mission_window
from editorial.services import missions
from editorial.tests.desk_fixtures import (
    accepted_mission,
    camera,
    driver,
    emails_to,
    journalist,
    make_member,
    make_vehicle,
    media_root,
    next_week,
    resting,
    sms_outbox,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    # The messages are checked in English (their msgids); the French lives in the catalogue.
    with translation.override("en"):
        yield


@pytest.fixture
def mission(editorial):
    return accepted_mission(editorial, title="Conférence de presse du FESPACO")


def test_accept_plans_the_mission_at_the_event_time_with_the_travel_margin(editorial, settings):
    settings.EDITORIAL_TRAVEL_MINUTES = 45
    mission = accepted_mission(editorial, start="09:30", end="11:00")
    assert timezone.localtime(mission.starts_at).time() == dt.time(9, 30)
    assert timezone.localtime(mission.ends_at).time() == dt.time(11, 0)
    assert mission.travel_minutes == 45
    busy_from, busy_until = mission_window(mission)
    assert timezone.localtime(busy_from).time() == dt.time(8, 45)
    assert timezone.localtime(busy_until).time() == dt.time(11, 45)


def test_assign_records_the_busy_window_and_logs_it(mission, editorial, journalist):
    assignment = missions.assign(
        mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial
    )
    assert assignment.is_active
    assert (assignment.busy_from, assignment.busy_until) == mission_window(mission)
    assert assignment.assigned_by == editorial
    note = CoverageEvent.objects.filter(request=mission.request).last().note
    assert "Awa Sawadogo" in note


def test_double_booking_is_refused_naming_the_conflicting_mission(editorial, journalist):
    first = accepted_mission(editorial, title="Conférence de presse du FESPACO")
    second = accepted_mission(editorial, title="Inauguration du marché", start="11:30", end="13:00")
    missions.assign(mission=first, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)

    with pytest.raises(EditorialError) as refusal:
        missions.assign(
            mission=second, member=journalist, role=CrewRole.JOURNALIST, actor=editorial
        )

    message = refusal.value.message
    assert "Awa Sawadogo" in message
    assert first.request.reference in message
    assert "Conférence de presse du FESPACO" in message
    assert "10:00" in message and "12:00" in message
    assert not Assignment.objects.filter(mission=second).exists()


def test_the_travel_margin_counts_in_the_overlap(editorial, journalist):
    """10:00–12:00 and 13:30–15:00 do not overlap, but with 60 min of travel on
    each side (09:00–13:00 and 12:30–16:00) they do."""
    first = accepted_mission(editorial)
    second = accepted_mission(editorial, start="13:30", end="15:00")
    missions.assign(mission=first, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    with pytest.raises(EditorialError):
        missions.assign(
            mission=second, member=journalist, role=CrewRole.JOURNALIST, actor=editorial
        )


def test_missions_far_enough_apart_are_both_staffed(editorial, journalist):
    first = accepted_mission(editorial)
    second = accepted_mission(editorial, start="14:00", end="16:00")  # busy from 13:00
    missions.assign(mission=first, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    missions.assign(mission=second, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    assert Assignment.objects.filter(member=journalist, is_active=True).count() == 2


def test_a_resting_member_is_refused(mission, editorial, resting):
    with pytest.raises(EditorialError) as refusal:
        missions.assign(mission=mission, member=resting, role=CrewRole.JOURNALIST, actor=editorial)
    assert refusal.value.message == "Salif Zongo is resting."
    assert not Assignment.objects.exists()


def test_a_member_on_leave_is_refused_with_the_dates(mission, editorial):
    day = next_week()
    member = make_member(
        "Rasmata Ilboudo",
        status=CrewStatus.UNAVAILABLE,
        unavailable_from=day - dt.timedelta(days=2),
        unavailable_until=day + dt.timedelta(days=3),
    )
    with pytest.raises(EditorialError) as refusal:
        missions.assign(mission=mission, member=member, role=CrewRole.JOURNALIST, actor=editorial)
    message = refusal.value.message
    assert "Rasmata Ilboudo is unavailable from" in message
    assert f"{day - dt.timedelta(days=2):%d/%m/%Y}" in message
    assert f"{day + dt.timedelta(days=3):%d/%m/%Y}" in message
    assert not Assignment.objects.exists()


def test_a_leave_on_other_days_does_not_matter(mission, editorial):
    day = next_week()
    member = make_member(
        "Rasmata Ilboudo",
        status=CrewStatus.UNAVAILABLE,
        unavailable_from=day + dt.timedelta(days=1),
        unavailable_until=day + dt.timedelta(days=3),
    )
    missions.assign(mission=mission, member=member, role=CrewRole.JOURNALIST, actor=editorial)


def test_an_inactive_member_or_a_second_time_is_refused(mission, editorial, journalist, camera):
    missions.assign(mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    with pytest.raises(EditorialError, match="already on this mission"):
        missions.assign(
            mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial
        )
    camera.is_active = False
    camera.save()
    with pytest.raises(EditorialError, match="no longer active"):
        missions.assign(mission=mission, member=camera, role=CrewRole.CAMERA, actor=editorial)
    assert Assignment.objects.count() == 1


def test_only_the_desk_assigns(mission, journalist, advertiser_a, broadcaster):
    for user in (advertiser_a, broadcaster):
        with pytest.raises(EditorialError):
            missions.assign(
                mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=user
            )
    assert not Assignment.objects.exists()


def test_the_desk_proposes_who_is_free(editorial, journalist, resting):
    busy = make_member("Fatimata Traoré")
    other = accepted_mission(editorial, start="11:00", end="12:30")
    missions.assign(mission=other, member=busy, role=CrewRole.JOURNALIST, actor=editorial)
    make_member("Retired", is_active=False)
    mission = accepted_mission(editorial)

    assert free_members(mission, CrewRole.JOURNALIST) == [journalist]


def test_moving_a_mission_rechecks_every_assignment_all_or_nothing(editorial, journalist, camera):
    mission = accepted_mission(editorial)
    missions.assign(mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    missions.assign(mission=mission, member=camera, role=CrewRole.CAMERA, actor=editorial)
    afternoon = accepted_mission(editorial, title="Match de l'Étalon", start="16:00", end="18:00")
    missions.assign(mission=afternoon, member=camera, role=CrewRole.CAMERA, actor=editorial)
    before = (mission.starts_at, mission.ends_at)

    starts = mission.starts_at.replace(hour=15)
    with pytest.raises(EditorialError) as refusal:
        missions.update_mission(
            mission=mission,
            actor=editorial,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            travel_minutes=60,
        )
    assert "Issouf Compaoré" in refusal.value.message
    assert afternoon.request.reference in refusal.value.message
    mission.refresh_from_db()
    assert (mission.starts_at, mission.ends_at) == before
    assert set(Assignment.objects.filter(mission=mission).values_list("busy_from", flat=True)) == {
        before[0] - dt.timedelta(hours=1)
    }


def test_moving_a_mission_moves_its_crew_and_asks_them_again(editorial, journalist, sms_outbox):
    mission = accepted_mission(editorial)
    assignment = missions.assign(
        mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial
    )
    missions.notify_crew(mission=mission, actor=editorial)
    starts = mission.starts_at + dt.timedelta(days=1)

    missions.update_mission(
        mission=mission,
        actor=editorial,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        travel_minutes=30,
        notes="Prévoir le trépied.",
    )

    assignment.refresh_from_db()
    assert assignment.busy_from == starts - dt.timedelta(minutes=30)
    assert assignment.busy_until == starts + dt.timedelta(hours=3, minutes=30)
    assert assignment.notified_at is None and assignment.confirmed_at is None
    mission.refresh_from_db()
    assert mission.notes == "Prévoir le trépied."


def test_bad_times_change_nothing(mission, editorial):
    before = (mission.starts_at, mission.ends_at, mission.travel_minutes)
    for starts, ends, travel in [
        (mission.ends_at, mission.starts_at, 60),
        (mission.starts_at, mission.ends_at, -5),
        (mission.starts_at, mission.starts_at + dt.timedelta(days=5), 60),
    ]:
        with pytest.raises(EditorialError):
            missions.update_mission(
                mission=mission,
                actor=editorial,
                starts_at=starts,
                ends_at=ends,
                travel_minutes=travel,
            )
    mission.refresh_from_db()
    assert (mission.starts_at, mission.ends_at, mission.travel_minutes) == before


def test_a_vehicle_cannot_be_on_two_overlapping_missions(editorial):
    hilux = make_vehicle()
    first = accepted_mission(editorial, title="Conférence de presse du FESPACO")
    second = accepted_mission(editorial, start="12:30", end="14:00")
    missions.update_mission(
        mission=first,
        actor=editorial,
        starts_at=first.starts_at,
        ends_at=first.ends_at,
        travel_minutes=60,
        vehicle=hilux,
    )
    with pytest.raises(EditorialError) as refusal:
        missions.update_mission(
            mission=second,
            actor=editorial,
            starts_at=second.starts_at,
            ends_at=second.ends_at,
            travel_minutes=60,
            vehicle=hilux,
        )
    assert first.request.reference in refusal.value.message
    second.refresh_from_db()
    assert second.vehicle is None


def test_unassign_is_logged_and_frees_the_member(mission, editorial, journalist):
    assignment = missions.assign(
        mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial
    )
    missions.unassign(assignment=assignment, actor=editorial, reason="Malade")
    assignment.refresh_from_db()
    assert not assignment.is_active
    assert "Malade" in CoverageEvent.objects.filter(request=mission.request).last().note
    assert free_members(mission, CrewRole.JOURNALIST) == [journalist]
    with pytest.raises(EditorialError):
        missions.unassign(assignment=assignment, actor=editorial)


def test_the_crew_is_notified_only_once_a_journalist_is_on(
    mission, editorial, journalist, driver, sms_outbox, media_root
):
    missions.assign(mission=mission, member=driver, role=CrewRole.DRIVER, actor=editorial)
    with pytest.raises(EditorialError, match="at least one journalist"):
        missions.notify_crew(mission=mission, actor=editorial)
    assert not SmsMessage.objects.exists()

    missions.assign(mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    told = missions.notify_crew(mission=mission, actor=editorial)

    assert {a.member for a in told} == {journalist, driver}
    assert all(a.notified_at for a in Assignment.objects.filter(mission=mission))
    email = emails_to(journalist.email)[-1]
    assert mission.request.reference in email.subject
    assert "/coverage/mission/confirm/" in email.body
    (attachment,) = email.attachments
    assert attachment["mimetype"] == "application/pdf"
    assert attachment["filename"].endswith(".pdf")
    texts = SmsMessage.objects.filter(to=journalist.phone)
    assert texts.count() == 1
    assert "/coverage/mission/confirm/" in texts.get().body
    with pytest.raises(EditorialError, match="already been told"):
        missions.notify_crew(mission=mission, actor=editorial)


def test_the_reminder_goes_once_to_whoever_has_not_confirmed(
    mission, editorial, journalist, camera, settings, sms_outbox
):
    settings.EDITORIAL_REMINDER_HOURS = 12
    missions.assign(mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    confirmed = missions.assign(
        mission=mission, member=camera, role=CrewRole.CAMERA, actor=editorial
    )
    missions.notify_crew(mission=mission, actor=editorial)
    missions.confirm(assignment=confirmed)
    later = timezone.now() + dt.timedelta(hours=11)
    assert missions.remind_unconfirmed(now=later) == 0

    much_later = timezone.now() + dt.timedelta(hours=13)
    assert missions.remind_unconfirmed(now=much_later) == 1
    assert missions.remind_unconfirmed(now=much_later + dt.timedelta(hours=5)) == 0

    reminded = Assignment.objects.get(member=journalist)
    assert reminded.reminded_at == much_later
    assert Assignment.objects.get(member=camera).reminded_at is None
    assert len(emails_to(journalist.email)) == 2
    assert emails_to(journalist.email)[-1].subject.startswith(("Reminder", "Rappel"))
    assert SmsMessage.objects.filter(to=journalist.phone).count() == 2


def test_the_reminder_runs_hourly_from_django_q():
    schedule = Schedule.objects.get(func="editorial.tasks.remind_unconfirmed")
    assert schedule.schedule_type == Schedule.HOURLY
    assert schedule.repeats == -1


def test_refusing_an_accepted_request_cancels_its_mission(mission, editorial, journalist):
    from editorial.services import desk

    missions.assign(mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    desk.refuse(request=mission.request, actor=editorial, reason="Événement annulé")
    mission.refresh_from_db()
    assert mission.status == MissionStatus.CANCELLED
    assert not Assignment.objects.filter(is_active=True).exists()


def test_the_mission_sheet_names_everything_the_crew_needs(mission, editorial, journalist):
    mission.vehicle = make_vehicle("Toyota Hilux", "11 JJ 4242")
    mission.notes = "Interview du délégué général."
    mission.save()
    missions.assign(mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    pdf = render_mission_sheet(Mission.objects.get(pk=mission.pk), compress=False)
    assert pdf.startswith(b"%PDF")
    for text in (
        mission.request.reference,
        "Conf",  # the event's title (accents are encoded)
        "Maison du Peuple, Ouagadougou",
        "Entr",  # meeting point
        "Mariam Kabor",  # contact
        "Awa Sawadogo",
        journalist.phone,
        "11 JJ 4242",
        "Interview du d",
        "BF1",
    ):
        assert text.encode() in pdf, text
