"""Paramètres › Diffusion is open to the commercial team (permission given by a
migration) and closed to the other roles."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/admin/settings/broadcasting/broadcastsettings/"


def test_administrator_edits_the_broadcast_settings(administrator):
    client = Client()
    client.force_login(administrator)
    response = client.get(URL, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [] or "broadcastsettings" in response.redirect_chain[-1][0]
    assert b"max_airings_per_day" in response.content


@pytest.mark.parametrize("name", ["broadcaster", "editorial", "advertiser_a"])
def test_others_cannot(persona, name):
    client = Client()
    client.force_login(persona(name))
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert b"max_airings_per_day" not in response.content
