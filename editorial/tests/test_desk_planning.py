"""The planning (/admin/editorial/planning/): week (by person and by day) and
month calendars of the missions, filtered by role and person, conflicts and
unconfirmed missions highlighted; the desk only."""

# ruff: noqa: F401, F811 - fixtures imported from desk_fixtures, used as arguments

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from editorial.models import Assignment, CrewRole, CrewStatus
from editorial.selectors.planning import planning
from editorial.services import missions
from editorial.tests.desk_fixtures import (
    accepted_mission,
    camera,
    driver,
    journalist,
    make_member,
    next_week,
    sms_outbox,
)

pytestmark = pytest.mark.django_db

PLANNING = reverse("editorial_planning")


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@pytest.fixture
def week(editorial, journalist, camera, sms_outbox):
    """Two missions next week: the first confirmed by its journalist, the
    second with a camera operator told but not confirmed."""
    first = accepted_mission(editorial, title="Conférence de presse du FESPACO")
    second = accepted_mission(editorial, title="Match de l'Étalon", start="16:00", end="18:00")
    mine = missions.assign(
        mission=first, member=journalist, role=CrewRole.JOURNALIST, actor=editorial
    )
    missions.assign(mission=second, member=journalist, role=CrewRole.JOURNALIST, actor=editorial)
    missions.assign(mission=second, member=camera, role=CrewRole.CAMERA, actor=editorial)
    missions.notify_crew(mission=first, actor=editorial)
    missions.confirm(assignment=mine)
    return first, second


def test_the_week_by_person_and_by_day(client, editorial, week, journalist, camera):
    first, second = week
    client.force_login(editorial)
    response = client.get(PLANNING, {"date": next_week().isoformat()})
    assert response.status_code == 200
    assert response.context["start"] == monday(next_week())
    by_member = dict(response.context["by_member"])
    cells = {cell["day"]: cell["slots"] for cell in by_member[journalist]}
    assert [s.mission for s in cells[next_week()]] == [first, second]
    by_day = dict(response.context["by_day"])
    assert [item.mission for item in by_day[next_week()]] == [first, second]
    page = response.content.decode()
    assert first.request.reference in page and second.request.reference in page


def test_unconfirmed_missions_are_highlighted(client, editorial, week):
    first, second = week
    plan = planning(monday(next_week()), monday(next_week()) + dt.timedelta(days=7))
    flags = {item.mission: item.unconfirmed for item in plan.missions}
    assert flags == {first: False, second: True}
    client.force_login(editorial)
    page = client.get(PLANNING, {"date": next_week().isoformat()}).content.decode()
    assert f'data-mission="{second.pk}" data-unconfirmed' in page
    assert f'data-mission="{first.pk}" data-unconfirmed' not in page


def test_conflicts_are_highlighted(client, editorial, week, journalist):
    """An overlap the services refuse can still come from the past (a leave
    entered after the assignment): the planning shows it."""
    first, _second = week
    journalist.status = CrewStatus.UNAVAILABLE
    journalist.unavailable_from = journalist.unavailable_until = next_week()
    journalist.save()
    other = accepted_mission(editorial, title="Atelier", start="11:00", end="13:00")
    Assignment.objects.create(
        mission=other,
        member=make_member("Double"),
        role=CrewRole.JOURNALIST,
        busy_from=first.starts_at,
        busy_until=first.ends_at,
    )
    Assignment.objects.create(
        mission=first,
        member=Assignment.objects.get(mission=other).member,
        role=CrewRole.JOURNALIST,
        busy_from=first.starts_at,
        busy_until=first.ends_at,
    )
    plan = planning(monday(next_week()), monday(next_week()) + dt.timedelta(days=7))
    by_mission = {item.mission: item for item in plan.missions}
    assert by_mission[first].conflict and by_mission[other].conflict
    assert plan.conflict_count >= 2
    client.force_login(editorial)
    page = client.get(PLANNING, {"date": next_week().isoformat()}).content.decode()
    assert f'data-mission="{other.pk}" data-conflict' in page


def test_filters_by_role_and_person(client, editorial, week, journalist, camera):
    first, second = week
    client.force_login(editorial)
    response = client.get(PLANNING, {"date": next_week().isoformat(), "role": CrewRole.CAMERA})
    assert [item.mission for item in response.context["plan"].missions] == [second]
    assert [m for m, _cells in response.context["by_member"]] == [camera]

    response = client.get(PLANNING, {"date": next_week().isoformat(), "member": journalist.pk})
    assert [item.mission for item in response.context["plan"].missions] == [first, second]
    assert [m for m, _cells in response.context["by_member"]] == [journalist]


def test_the_month_calendar(client, editorial, week):
    first, second = week
    client.force_login(editorial)
    response = client.get(PLANNING, {"view": "month", "date": next_week().isoformat()})
    assert response.status_code == 200
    assert response.context["start"] == next_week().replace(day=1)
    cells = {cell["day"]: cell for row in response.context["weeks"] for cell in row}
    assert [item.mission for item in cells[next_week()]["missions"]] == [first, second]
    assert all(len(row) == 7 for row in response.context["weeks"])
    assert "data-month" in response.content.decode()


def test_previous_and_next(client, editorial):
    client.force_login(editorial)
    response = client.get(PLANNING, {"view": "month", "date": "2026-12-15"})
    assert "date=2026-11-01" in response.context["previous_url"]
    assert "date=2027-01-01" in response.context["next_url"]
    response = client.get(PLANNING, {"date": "2026-12-15"})
    assert "date=2026-12-07" in response.context["previous_url"]
    assert "date=2026-12-21" in response.context["next_url"]


def test_bad_filters_fall_back_to_this_week(client, editorial):
    client.force_login(editorial)
    response = client.get(PLANNING, {"date": "pas une date", "role": "pilote"})
    assert response.status_code == 200
    assert response.context["start"] == monday(timezone.localdate())


@pytest.mark.parametrize("name", ["advertiser_a", "broadcaster"])
def test_others_cannot_see_the_planning(client, persona, name):
    client.force_login(persona(name))
    response = client.get(PLANNING)
    assert response.status_code == 302


def test_the_planning_does_not_grow_in_queries(
    client, editorial, week, django_assert_max_num_queries
):
    client.force_login(editorial)
    params = {"date": next_week().isoformat()}
    client.get(PLANNING, params)
    with django_assert_max_num_queries(40) as few:
        client.get(PLANNING, params)
    for i in range(8):
        mission = accepted_mission(
            editorial, title=f"Événement {i}", day=next_week() + dt.timedelta(days=i % 3)
        )
        member = make_member(f"Membre {i}", CrewRole.DRIVER)
        missions.assign(mission=mission, member=member, role=CrewRole.DRIVER, actor=editorial)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(PLANNING, params)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(PLANNING, {**params, "view": "month"})
