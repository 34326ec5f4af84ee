"""The crew's confirmation link: a signed, expiring link whose page shows the
mission on GET and confirms only on POST; expired, tampered or stale links are
refused with a French message and change nothing."""

# ruff: noqa: F401, F811 - fixtures imported from desk_fixtures, used as arguments

import datetime as dt
import time
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from editorial.models import Assignment, CoverageEvent, CrewRole
from editorial.services import missions
from editorial.tests.desk_fixtures import accepted_mission, journalist, sms_outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(editorial, journalist, sms_outbox):
    mission = accepted_mission(editorial, title="Conférence de presse du FESPACO")
    assignment = missions.assign(
        mission=mission, member=journalist, role=CrewRole.JOURNALIST, actor=editorial
    )
    missions.notify_crew(mission=mission, actor=editorial)
    assignment.refresh_from_db()
    return assignment


def url_for(assignment) -> str:
    return reverse("mission_confirm:confirm", args=[missions.confirm_token(assignment)])


def test_the_route(assignment):
    token = missions.confirm_token(assignment)
    assert url_for(assignment) == f"/coverage/mission/confirm/{token}/"


def test_get_shows_the_mission_and_confirms_nothing(client, assignment):
    response = client.get(url_for(assignment))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Conférence de presse du FESPACO" in page
    assert assignment.mission.request.reference in page
    assert "Awa Sawadogo" in page
    assert "data-confirm-form" in page
    assert 'method="post"' in page
    assignment.refresh_from_db()
    assert assignment.confirmed_at is None


def test_post_confirms_once(client, assignment):
    url = url_for(assignment)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == url
    assignment.refresh_from_db()
    first = assignment.confirmed_at
    assert first is not None
    assert CoverageEvent.objects.filter(note__contains="Awa Sawadogo", actor=None).exists()

    page = client.get(url).content.decode()
    assert "data-confirmed" in page
    assert "data-confirm-form" not in page
    client.post(url)
    assignment.refresh_from_db()
    assert assignment.confirmed_at == first


def test_the_link_needs_no_account_but_keeps_csrf(assignment):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url_for(assignment)).status_code == 403
    assignment.refresh_from_db()
    assert assignment.confirmed_at is None


def test_an_expired_link_is_refused(client, assignment, settings):
    settings.EDITORIAL_CONFIRM_MAX_AGE_HOURS = 72
    long_ago = time.time() - 73 * 3600
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        url = url_for(assignment)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "data-mission-confirm-error" in response.content.decode()
        assert "expir" in response.content.decode()  # « Ce lien ... a expiré »
    assignment.refresh_from_db()
    assert assignment.confirmed_at is None


def test_a_link_still_young_enough_works(client, assignment, settings):
    settings.EDITORIAL_CONFIRM_MAX_AGE_HOURS = 72
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 71 * 3600):
        url = url_for(assignment)
    assert client.post(url).status_code == 302


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: token.replace(token.split(":")[0], str(int(token.split(".")[0]) + 1), 1),
        lambda token: "forged.token:1abc:xyz",
    ],
)
def test_a_tampered_link_is_refused(client, assignment, tamper):
    url = reverse("mission_confirm:confirm", args=[tamper(missions.confirm_token(assignment))])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
    assignment.refresh_from_db()
    assert assignment.confirmed_at is None


def test_a_member_taken_off_cannot_confirm(client, assignment, editorial):
    url = url_for(assignment)
    missions.unassign(assignment=assignment, actor=editorial)
    response = client.post(url)
    assert response.status_code == 400
    assert not Assignment.objects.filter(confirmed_at__isnull=False).exists()


def test_a_moved_mission_invalidates_the_old_link(client, assignment, editorial):
    url = url_for(assignment)
    mission = assignment.mission
    starts = mission.starts_at + dt.timedelta(hours=1)
    missions.update_mission(
        mission=mission,
        actor=editorial,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        travel_minutes=60,
    )
    assert client.post(url).status_code == 400
    assignment.refresh_from_db()
    assert assignment.confirmed_at is None
    assert client.post(url_for(assignment)).status_code == 302


def test_the_desk_sees_the_confirmation(client, assignment, editorial):
    client.post(url_for(assignment))
    client.force_login(editorial)
    page = client.get(
        reverse("editorial_requests:inspect", args=[assignment.mission.request_id])
    ).content.decode()
    assert f'data-assignment="{assignment.pk}" data-confirmed="yes"' in page
