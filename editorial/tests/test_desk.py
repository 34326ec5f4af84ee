"""The editorial desk inside the Wagtail admin (/admin/editorial/)."""

import pytest
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse

from accounts.tests.factories import UserFactory
from editorial.wagtail_hooks import register_editorial_menu_item

pytestmark = pytest.mark.django_db

URL = reverse("editorial_desk")


def test_the_desk_lives_in_the_admin():
    assert URL == "/admin/editorial/"


@pytest.mark.parametrize("name", ["editorial", "administrator", "superuser"])
def test_open_to_the_editorial_manager_and_administrators(client, persona, name):
    client.force_login(persona(name))
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("name", ["advertiser_a", "broadcaster"])
def test_others_are_sent_to_a_login_page(client, persona, name):
    client.force_login(persona(name))
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].split("?")[0] in ("/login/", "/admin/login/")


def test_admin_access_alone_is_not_enough(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(URL)
    # Wagtail turns the refusal into a redirect to the admin dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize(
    ("name", "shown"),
    [("editorial", True), ("administrator", True), ("broadcaster", False), ("advertiser_a", False)],
)
def test_the_menu_entry_is_shown_to_the_desk_only(persona, name, shown):
    request = RequestFactory().get("/admin/")
    request.user = persona(name)
    assert register_editorial_menu_item().is_shown(request) is shown
