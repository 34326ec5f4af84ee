"""A request's desk page and what is done from it: every field and attachment,
the timeline, the crew with their confirmation state, assigning with the
desk's proposals (a double booking refused naming the conflict), notifying the
crew, the mission sheet PDF, moving the mission."""

# ruff: noqa: F401, F811 - fixtures imported from desk_fixtures, used as arguments

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from editorial.models import Assignment, CoverageAttachment, CrewRole, Mission, SmsMessage
from editorial.services import desk, missions
from editorial.tests.desk_fixtures import (
    accepted_mission,
    camera,
    driver,
    emails_to,
    journalist,
    make_member,
    make_request,
    media_root,
    resting,
    sms_outbox,
)

pytestmark = pytest.mark.django_db


def url(name, coverage, *args):
    return reverse(f"editorial_requests:{name}", args=[coverage.pk, *args])


@pytest.fixture
def mission(editorial):
    return accepted_mission(editorial, title="Conférence de presse du FESPACO")


def test_the_page_shows_every_field_and_attachment(client, editorial, media_root):
    coverage = make_request(
        objective="Annoncer la programmation", other_contacts="Service presse : 25 30 00 00"
    )
    attachment = CoverageAttachment(
        request=coverage, original_name="programme.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("programme.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    client.force_login(editorial)

    page = client.get(url("inspect", coverage)).content.decode()

    for text in (
        coverage.reference,
        "Lancement du Festival des Masques",
        "Maison du Peuple, Ouagadougou",
        "Entrée principale",
        "Mariam Kaboré",
        "+22670112233",
        "contact@festival-masques.bf",
        "Service presse : 25 30 00 00",
        "Annoncer la programmation",
        "programme.pdf",
        attachment.file.url,
        url("accept", coverage),
        url("refuse", coverage),
        url("ask", coverage),
    ):
        assert text in page, text


def test_the_attachment_link_opens_for_the_desk(client, editorial, media_root):
    coverage = make_request()
    attachment = CoverageAttachment(
        request=coverage, original_name="programme.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("programme.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    client.force_login(editorial)
    response = client.get(attachment.file.url)
    assert response.status_code == 200


def test_assign_from_the_page_with_proposals(client, editorial, mission, journalist, resting):
    client.force_login(editorial)
    page = client.get(url("inspect", mission.request)).content.decode()
    assert "data-assign-form" in page
    assert "Awa Sawadogo" in page
    form_page = client.get(url("assign", mission.request))
    proposals = dict(form_page.context["proposals"])
    assert [m.name for m in proposals[str(CrewRole.JOURNALIST.label)]] == ["Awa Sawadogo"]

    response = client.post(url("assign", mission.request), {"member": journalist.pk, "role": ""})

    assert response.status_code == 302
    assignment = Assignment.objects.get(mission=mission)
    assert (assignment.member, assignment.role) == (journalist, CrewRole.JOURNALIST)
    page = client.get(url("inspect", mission.request)).content.decode()
    assert f'data-assignment="{assignment.pk}" data-confirmed="no"' in page


def test_a_double_booking_is_refused_on_the_form_naming_the_conflict(client, editorial, journalist):
    first = accepted_mission(editorial, title="Conférence de presse du FESPACO")
    second = accepted_mission(editorial, title="Inauguration du marché", start="11:00")
    missions.assign(mission=first, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    client.force_login(editorial)

    response = client.post(url("assign", second.request), {"member": journalist.pk, "role": ""})

    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert first.request.reference in errors
    assert "Conférence de presse du FESPACO" in errors
    assert "10:00" in errors and "12:00" in errors
    assert not Assignment.objects.filter(mission=second).exists()


def test_a_member_on_leave_is_refused_on_the_form(client, editorial, mission, resting):
    client.force_login(editorial)
    response = client.post(url("assign", mission.request), {"member": resting.pk, "role": ""})
    assert response.status_code == 200
    assert "Salif Zongo" in " ".join(response.context["form"].non_field_errors())
    assert not Assignment.objects.exists()


def test_notify_the_crew_from_the_page(client, editorial, mission, journalist, driver, sms_outbox):
    missions.assign(mission=mission, member=driver, role=CrewRole.DRIVER, actor=editorial)
    client.force_login(editorial)
    page = client.get(url("inspect", mission.request)).content.decode()
    assert url("notify", mission.request) not in page  # no journalist yet

    response = client.post(url("notify", mission.request))
    assert response.status_code == 200  # refused on the form
    assert not SmsMessage.objects.exists()

    missions.assign(mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    assert (
        url("notify", mission.request)
        in client.get(url("inspect", mission.request)).content.decode()
    )
    response = client.post(url("notify", mission.request))
    assert response.status_code == 302
    assert SmsMessage.objects.count() == 2
    assert emails_to(journalist.email)[0].attachments[0]["mimetype"] == "application/pdf"


def test_the_mission_sheet_downloads(client, editorial, mission):
    client.force_login(editorial)
    response = client.get(url("sheet", mission.request))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert mission.request.reference in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_no_sheet_before_acceptance(client, editorial):
    coverage = make_request()
    client.force_login(editorial)
    response = client.get(url("sheet", coverage))
    assert response.status_code == 302
    assert response["Location"] == url("inspect", coverage)


def test_move_the_mission_from_its_page(client, editorial, mission, journalist, camera):
    missions.assign(mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    busy = accepted_mission(editorial, title="Match de l'Étalon", start="16:00", end="18:00")
    missions.assign(mission=busy, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    client.force_login(editorial)
    day = timezone.localtime(mission.starts_at).date()
    before = (mission.starts_at, mission.ends_at)

    response = client.post(
        url("mission", mission.request),
        {
            "starts_at": f"{day:%Y-%m-%d} 15:00",
            "ends_at": f"{day:%Y-%m-%d} 17:00",
            "travel_minutes": 60,
            "vehicle": "",
            "notes": "",
        },
    )
    assert response.status_code == 200
    assert busy.request.reference in " ".join(response.context["form"].non_field_errors())
    mission.refresh_from_db()
    assert (mission.starts_at, mission.ends_at) == before

    response = client.post(
        url("mission", mission.request) + "?next=/admin/editorial/planning/",
        {
            "starts_at": f"{day:%Y-%m-%d} 08:00",
            "ends_at": f"{day:%Y-%m-%d} 09:30",
            "travel_minutes": 30,
            "vehicle": "",
            "notes": "Arriver tôt",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/editorial/planning/"
    mission.refresh_from_db()
    assert timezone.localtime(mission.starts_at).time() == dt.time(8, 0)
    assert mission.notes == "Arriver tôt"


def test_the_next_parameter_stays_in_the_desk(client, editorial, mission):
    client.force_login(editorial)
    page = client.get(url("mission", mission.request) + "?next=https://evil.example/")
    assert page.context["cancel_url"] == url("inspect", mission.request)


def test_unassign_from_the_page(client, editorial, mission, journalist):
    assignment = missions.assign(
        mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial
    )
    client.force_login(editorial)
    response = client.post(url("unassign", mission.request, assignment.pk), {"note": "Malade"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert not assignment.is_active
    other = make_request()
    assert client.get(url("unassign", other, assignment.pk)).status_code == 404


def test_the_page_does_not_grow_in_queries(
    client, editorial, mission, django_assert_max_num_queries
):
    first = make_member("Premier", CrewRole.JOURNALIST)
    missions.assign(mission=mission, member=first, role=first.role, actor=editorial)
    client.force_login(editorial)
    page = url("inspect", mission.request)
    client.get(page)
    with django_assert_max_num_queries(60) as few:
        client.get(page)
    for i in range(6):
        member = make_member(f"Membre {i}", CrewRole.CAMERA if i % 2 else CrewRole.DRIVER)
        missions.assign(mission=mission, member=member, role=member.role, actor=editorial)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(page)
