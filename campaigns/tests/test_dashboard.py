"""The advertiser's dashboard (/campaigns/): the client area's home."""

import pytest
from django.urls import reverse

from accounts.tests.factories import AdvertiserUserFactory

pytestmark = pytest.mark.django_db

URL = reverse("campaigns:dashboard")


def test_anonymous_is_sent_to_login_and_back(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={URL}"


def test_the_advertiser_sees_its_own_company(client, advertiser_a, advertiser_b):
    client.force_login(advertiser_a)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["advertiser"] == advertiser_a.advertiser
    assert response.context["email_confirmed"] is True


def test_an_unconfirmed_advertiser_is_told_to_confirm(client):
    user = AdvertiserUserFactory(email_confirmed_at=None)
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["email_confirmed"] is False


@pytest.mark.parametrize("name", ["broadcaster", "editorial", "administrator"])
def test_staff_are_refused(client, persona, name):
    client.force_login(persona(name))
    assert client.get(URL).status_code == 403


def test_only_get(client, advertiser_a):
    client.force_login(advertiser_a)
    assert client.post(URL).status_code == 405
