"""The requester's space: `/coverage/` lists the user's requests (their own and
their company's) with filters and pages; `/coverage/<uuid>/` shows one of them,
and answers 404 for anyone else's."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import AdvertiserUserFactory, UserFactory
from editorial.models import CoverageDelivery, CoverageEvent

from .intake_support import make_request

pytestmark = pytest.mark.django_db

LIST_URL = reverse("editorial:request_list")


@pytest.fixture(autouse=True)
def english(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with translation.override("en"):
        yield


def listed(response) -> list:
    return [coverage.reference for coverage in response.context["coverage_requests"]]


# --- The list --------------------------------------------------------------------------
def test_the_list_needs_an_account(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_list_shows_own_and_company_requests_only(client, advertiser_a, advertiser_b):
    colleague = AdvertiserUserFactory(advertiser=advertiser_a.advertiser)
    own = make_request(requester=advertiser_a, event_title="Conférence Sahel Boissons")
    company = make_request(requester=colleague)
    other = make_request(requester=advertiser_b)
    anonymous = make_request()
    client.force_login(advertiser_a)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert set(listed(response)) == {own.reference, company.reference}
    page = response.content.decode()
    assert "Conférence Sahel Boissons" in page
    assert other.reference not in page
    assert anonymous.reference not in page


def test_a_user_without_company_sees_their_own_requests(client):
    user = UserFactory()
    mine = make_request(requester=user)
    make_request(requester=UserFactory())
    client.force_login(user)
    assert listed(client.get(LIST_URL)) == [mine.reference]


def test_an_empty_list_offers_the_form(client, advertiser_a):
    client.force_login(advertiser_a)
    page = client.get(LIST_URL).content.decode()
    assert reverse("editorial:request_create") in page


def test_filters_by_status_and_search(client, advertiser_a):
    new = make_request(requester=advertiser_a, event_title="Atelier des femmes")
    accepted = make_request(requester=advertiser_a, status="accepted", event_title="Match")
    client.force_login(advertiser_a)
    assert listed(client.get(LIST_URL, {"status": "accepted"})) == [accepted.reference]
    assert listed(client.get(LIST_URL, {"q": "atelier"})) == [new.reference]
    assert listed(client.get(LIST_URL, {"q": accepted.reference})) == [accepted.reference]
    assert listed(client.get(LIST_URL, {"status": "bogus"})) != []  # ignored, not an error


def test_the_list_is_paginated(client, advertiser_a):
    for _ in range(23):
        make_request(requester=advertiser_a)
    client.force_login(advertiser_a)
    assert len(listed(client.get(LIST_URL))) == 20
    assert len(listed(client.get(LIST_URL, {"page": 2}))) == 3


def test_the_list_costs_the_same_queries_for_more_rows(client, advertiser_a):
    client.force_login(advertiser_a)
    make_request(requester=advertiser_a)
    client.get(LIST_URL)  # warm the session and the user's groups
    with CaptureQueriesContext(connection) as few:
        client.get(LIST_URL)
    for _ in range(12):
        make_request(requester=advertiser_a)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST_URL)
    assert len(listed(response)) == 13
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# --- The detail ------------------------------------------------------------------------
def test_the_requester_sees_the_request_and_its_history(client, advertiser_a):
    coverage = make_request(requester=advertiser_a, status="reviewing")
    CoverageEvent.objects.create(
        request=coverage, from_status="new", to_status="reviewing", note="Nous étudions."
    )
    client.force_login(advertiser_a)
    response = client.get(coverage.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert coverage.reference in page
    assert "Nous étudions." in page
    assert [entry["status"] for entry in response.context["timeline"]] == ["new", "reviewing"]


def test_a_colleague_of_the_company_sees_it_too(client, advertiser_a):
    coverage = make_request(requester=advertiser_a)
    colleague = AdvertiserUserFactory(advertiser=advertiser_a.advertiser)
    client.force_login(colleague)
    assert client.get(coverage.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("name", ["advertiser_b", "broadcaster", "editorial", "administrator"])
def test_anyone_else_gets_a_404(client, persona, advertiser_a, name):
    coverage = make_request(requester=advertiser_a)
    client.force_login(persona(name))
    assert client.get(coverage.get_absolute_url()).status_code == 404


def test_an_unknown_request_is_a_404(client, advertiser_a):
    client.force_login(advertiser_a)
    url = reverse("editorial:request_detail", args=[uuid.uuid4()])
    assert client.get(url).status_code == 404


def test_an_anonymous_visitor_is_asked_to_sign_in(client, advertiser_a):
    coverage = make_request(requester=advertiser_a)
    response = client.get(coverage.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_delivered_content_shows_once_covered(client, advertiser_a):
    coverage = make_request(requester=advertiser_a, status="accepted")
    CoverageDelivery.objects.create(request=coverage, link="https://www.bf1.bf/reportage-42")
    client.force_login(advertiser_a)
    assert "reportage-42" not in client.get(coverage.get_absolute_url()).content.decode()
    coverage.status = "covered"
    coverage.save(update_fields=["status"])
    assert "reportage-42" in client.get(coverage.get_absolute_url()).content.decode()
