"""The inbox (/admin/editorial/): new requests and those under review, urgent
first then by event date, with their decisions; the missions to watch (crew
not confirmed, late ones flagged); the "Rédaction" menu."""

# ruff: noqa: F401, F811 - fixtures imported from desk_fixtures, used as arguments

import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from editorial.models import Assignment, CoverageStatus, CrewRole, Urgency
from editorial.services import missions
from editorial.tests.desk_fixtures import (
    accepted_mission,
    journalist,
    make_request,
    next_week,
    sms_outbox,
)
from editorial.wagtail_hooks import register_editorial_menu_item

pytestmark = pytest.mark.django_db

INBOX = reverse("editorial_desk")


def test_urgent_first_then_by_event_date(client, editorial):
    later_normal = make_request(title="B", day=next_week(9))
    soon_normal = make_request(title="A", day=next_week(3))
    urgent = make_request(
        title="U", day=timezone.localdate() + dt.timedelta(days=1), urgency=Urgency.URGENT
    )
    priority = make_request(
        title="P", day=next_week(10), urgency=Urgency.PRIORITY, status=CoverageStatus.REVIEWING
    )
    make_request(title="Déjà acceptée", status=CoverageStatus.ACCEPTED)
    make_request(title="Refusée", status=CoverageStatus.REFUSED)
    client.force_login(editorial)

    response = client.get(INBOX)

    shown = [row["coverage"].pk for row in response.context["rows"]]
    assert shown == [urgent.pk, priority.pk, soon_normal.pk, later_normal.pk]
    page = response.content.decode()
    assert reverse("editorial_requests:accept", args=[urgent.pk]) in page
    assert reverse("editorial_requests:refuse", args=[urgent.pk]) in page
    assert reverse("editorial_requests:ask", args=[urgent.pk]) in page


def test_an_empty_inbox_says_so(client, administrator):
    client.force_login(administrator)
    response = client.get(INBOX)
    assert response.status_code == 200
    assert response.context["rows"] == []


def test_unconfirmed_crew_is_flagged_late_after_the_reminder_delay(
    client, editorial, journalist, sms_outbox, settings
):
    settings.EDITORIAL_REMINDER_HOURS = 12
    mission = accepted_mission(editorial)
    assignment = missions.assign(
        mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial
    )
    missions.notify_crew(mission=mission, actor=editorial)
    client.force_login(editorial)

    response = client.get(INBOX)
    (item,) = response.context["unconfirmed"]
    assert item["assignment"] == assignment and not item["overdue"]

    Assignment.objects.filter(pk=assignment.pk).update(
        notified_at=timezone.now() - dt.timedelta(hours=13)
    )
    response = client.get(INBOX)
    assert response.context["overdue_count"] == 1
    assert "data-overdue" in response.content.decode()

    missions.confirm(assignment=assignment)
    assert client.get(INBOX).context["unconfirmed"] == []


def test_missions_ahead_without_a_journalist_are_pointed_out(client, editorial):
    mission = accepted_mission(editorial, day=timezone.localdate() + dt.timedelta(days=2))
    client.force_login(editorial)
    assert client.get(INBOX).context["unstaffed"] == [mission]


def test_the_inbox_does_not_grow_in_queries(client, editorial, django_assert_max_num_queries):
    make_request()
    client.force_login(editorial)
    client.get(INBOX)
    with django_assert_max_num_queries(40) as few:
        client.get(INBOX)
    for i in range(12):
        make_request(title=f"Événement {i}", urgency=Urgency.PRIORITY if i % 2 else Urgency.NORMAL)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(INBOX)


@pytest.mark.parametrize(
    ("name", "shown"),
    [("editorial", True), ("administrator", True), ("broadcaster", False), ("advertiser_a", False)],
)
def test_the_newsroom_menu_lists_the_desk_screens(persona, name, shown):
    request = RequestFactory().get("/admin/")
    request.user = persona(name)
    item = register_editorial_menu_item()
    assert item.is_shown(request) is shown
    if shown:
        urls = {entry.url for entry in item.menu.menu_items_for_request(request)}
        assert urls == {
            reverse("editorial_desk"),
            reverse("editorial_requests:index"),
            reverse("editorial_planning"),
            reverse("editorial_crew:index"),
            reverse("editorial_vehicles:index"),
        }


@pytest.mark.parametrize("name", ["editorial", "administrator"])
def test_every_desk_screen_opens_for_the_desk(client, persona, name):
    client.force_login(persona(name))
    for url in (
        INBOX,
        reverse("editorial_requests:index"),
        reverse("editorial_requests:index") + "?status=new",
        reverse("editorial_planning"),
        reverse("editorial_crew:index"),
        reverse("editorial_crew:add"),
        reverse("editorial_vehicles:index"),
        reverse("editorial_vehicles:add"),
    ):
        assert client.get(url).status_code == 200, url


def test_the_requests_list_does_not_grow_in_queries(
    client, editorial, django_assert_max_num_queries
):
    url = reverse("editorial_requests:index")
    accepted_mission(editorial)
    client.force_login(editorial)
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for i in range(10):
        accepted_mission(editorial, title=f"Événement {i}")
        make_request(title=f"Nouvelle {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
