"""The broadcasters' planning dashboard (/diffusion/)."""

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

URL = reverse("broadcasting:dashboard")


@pytest.mark.parametrize("name", ["broadcaster", "administrator", "superuser"])
def test_open_to_broadcasters_and_administrators(client, persona, name):
    client.force_login(persona(name))
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("name", ["advertiser_a", "editorial"])
def test_refused_to_the_others(client, persona, name):
    client.force_login(persona(name))
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_today_is_the_day_in_ouagadougou(client, broadcaster):
    # 23:30 UTC on 31 December is still 31 December in Ouagadougou (UTC+0).
    moment = dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)
    client.force_login(broadcaster)
    with mock.patch.object(timezone, "now", return_value=moment):
        response = client.get(URL)
    assert response.context["today"] == dt.date(2025, 12, 31)
