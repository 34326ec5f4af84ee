"""The crew and the vehicles in the admin: created and edited with their rules
(phone, e-mail, status dates), deactivated rather than deleted once they have
been on a mission, listed active first; the desk only."""

# ruff: noqa: F401, F811 - fixtures imported from desk_fixtures, used as arguments

import datetime as dt

import pytest
from django.urls import reverse

from editorial.exceptions import EditorialError
from editorial.models import CrewMember, CrewRole, CrewStatus, Vehicle
from editorial.services import crew, missions
from editorial.tests.desk_fixtures import (
    accepted_mission,
    journalist,
    make_member,
    make_vehicle,
)

pytestmark = pytest.mark.django_db

ADD = reverse("editorial_crew:add")
INDEX = reverse("editorial_crew:index")

VALID = {
    "name": "  Alizéta   Kaboré ",
    "role": CrewRole.CAMERA,
    "skills": "drone, montage ,, mooré",
    "phone": "70 12 34 56",
    "email": "Alizeta.Kabore@BF1.bf",
    "status": CrewStatus.AVAILABLE,
    "unavailable_from": "",
    "unavailable_until": "",
    "user": "",
}


@pytest.mark.parametrize("name", ["editorial", "administrator"])
def test_the_desk_adds_a_member_normalised(client, persona, name):
    client.force_login(persona(name))
    response = client.post(ADD, VALID)
    assert response.status_code == 302, response.content.decode()[:2000]
    member = CrewMember.objects.get()
    assert member.name == "Alizéta Kaboré"
    assert member.phone == "+22670123456"
    assert member.email == "alizeta.kabore@bf1.bf"
    assert member.skills == "drone, montage, mooré"
    assert member.is_active


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"phone": "12"}, "phone"),
        ({"phone": ""}, "phone"),
        ({"email": "pas-une-adresse"}, "email"),
        ({"status": CrewStatus.UNAVAILABLE}, "unavailable_from"),
        (
            {
                "status": CrewStatus.UNAVAILABLE,
                "unavailable_from": "2026-12-10",
                "unavailable_until": "2026-12-01",
            },
            "unavailable_until",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(client, editorial, changes, field):
    client.force_login(editorial)
    response = client.post(ADD, {**VALID, **changes})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not CrewMember.objects.exists()


def test_unavailable_with_dates_and_resting_without_are_kept(client, editorial):
    client.force_login(editorial)
    client.post(
        ADD,
        {
            **VALID,
            "name": "Ali",
            "status": CrewStatus.UNAVAILABLE,
            "unavailable_from": "2026-12-01",
            "unavailable_until": "2026-12-01",
        },
    )
    client.post(ADD, {**VALID, "name": "Bintou", "status": CrewStatus.RESTING})
    ali = CrewMember.objects.get(name="Ali")
    assert ali.unavailable_from == ali.unavailable_until == dt.date(2026, 12, 1)
    assert CrewMember.objects.get(name="Bintou").is_away_on(dt.date(2030, 1, 1))


def test_available_again_forgets_the_dates(client, editorial):
    member = make_member(
        status=CrewStatus.UNAVAILABLE,
        unavailable_from=dt.date(2026, 12, 1),
        unavailable_until=dt.date(2026, 12, 3),
    )
    client.force_login(editorial)
    response = client.post(
        reverse("editorial_crew:edit", args=[member.pk]),
        {**VALID, "unavailable_from": "2026-12-01", "unavailable_until": "2026-12-03"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == CrewStatus.AVAILABLE
    assert member.unavailable_from is None and member.unavailable_until is None


@pytest.mark.parametrize("name", ["advertiser_a", "broadcaster"])
def test_others_cannot_manage_the_crew(client, persona, name, journalist):
    client.force_login(persona(name))
    for url in (
        INDEX,
        ADD,
        reverse("editorial_crew:edit", args=[journalist.pk]),
        reverse("editorial_crew:delete", args=[journalist.pk]),
    ):
        assert client.get(url).status_code == 302
    assert client.post(ADD, VALID).status_code == 302
    client.post(reverse("editorial_crew:delete", args=[journalist.pk]))
    assert CrewMember.objects.count() == 1


def test_a_member_never_on_a_mission_is_deleted(client, editorial):
    member = make_member("Nouveau stagiaire")
    client.force_login(editorial)
    response = client.post(reverse("editorial_crew:delete", args=[member.pk]))
    assert response.status_code == 302
    assert not CrewMember.objects.exists()


def test_a_member_with_missions_is_deactivated_not_deleted(client, editorial, journalist):
    mission = accepted_mission(editorial, day=dt.date.today() + dt.timedelta(days=2))
    assignment = missions.assign(
        mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial
    )
    client.force_login(editorial)
    delete_url = reverse("editorial_crew:delete", args=[journalist.pk])

    page = client.get(delete_url)
    assert page.status_code == 200
    assert "data-delete-refused" in page.content.decode()
    assert reverse("editorial_crew:deactivate", args=[journalist.pk]) in page.content.decode()
    client.post(delete_url)
    assert CrewMember.objects.filter(pk=journalist.pk).exists()

    deactivate = reverse("editorial_crew:deactivate", args=[journalist.pk])
    assert client.get(deactivate).status_code == 200
    response = client.post(deactivate)  # still on a mission ahead: refused
    assert response.status_code == 200
    journalist.refresh_from_db()
    assert journalist.is_active

    missions.unassign(assignment=assignment, actor=editorial)
    assert client.post(deactivate).status_code == 302
    journalist.refresh_from_db()
    assert not journalist.is_active
    with pytest.raises(EditorialError):
        crew.delete_member(member=journalist, actor=editorial)


def test_the_list_shows_the_active_ones_unless_asked(client, editorial):
    make_member("Présent")
    make_member("Parti", is_active=False)
    client.force_login(editorial)
    names = lambda response: {m.name for m in response.context["object_list"]}  # noqa: E731
    assert names(client.get(INDEX)) == {"Présent"}
    assert names(client.get(INDEX + "?state=inactive")) == {"Parti"}
    assert names(client.get(INDEX + "?state=all")) == {"Présent", "Parti"}


def test_vehicles_have_unique_plates_and_are_kept_once_used(client, editorial):
    client.force_login(editorial)
    add = reverse("editorial_vehicles:add")
    assert client.post(add, {"name": "Hilux", "plate": "11 jj 1234", "seats": 5}).status_code == 302
    response = client.post(add, {"name": "Autre", "plate": "11 JJ 1234", "seats": 5})
    assert "plate" in response.context["form"].errors
    vehicle = Vehicle.objects.get()
    assert vehicle.plate == "11 JJ 1234"

    mission = accepted_mission(editorial)
    missions.update_mission(
        mission=mission,
        actor=editorial,
        starts_at=mission.starts_at,
        ends_at=mission.ends_at,
        travel_minutes=60,
        vehicle=vehicle,
    )
    client.post(reverse("editorial_vehicles:delete", args=[vehicle.pk]))
    assert Vehicle.objects.filter(pk=vehicle.pk).exists()
    response = client.post(reverse("editorial_vehicles:deactivate", args=[vehicle.pk]))
    assert response.status_code == 200  # booked for a mission ahead
    vehicle.refresh_from_db()
    assert vehicle.is_active


def test_the_crew_list_does_not_grow_in_queries(client, editorial, django_assert_max_num_queries):
    client.force_login(editorial)
    make_member("Un")
    client.get(INDEX)
    with django_assert_max_num_queries(30) as few:
        client.get(INDEX)
    for i in range(15):
        make_member(f"Membre {i}")
    make_vehicle()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(INDEX)
