"""Where each role lands and which `next` URLs it may be sent to."""

import pytest
from django.test import RequestFactory

from accounts.roles import Role, has_role, home_url, may_open, role_of, roles_of, safe_next_url
from accounts.tests.factories import UserFactory, put_in_role


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("advertiser_a", "/campaigns/"),
        ("broadcaster", "/diffusion/"),
        ("editorial", "/admin/editorial/"),
        ("administrator", "/admin/"),
        ("superuser", "/admin/"),
    ],
)
def test_each_role_has_its_home(persona, name, expected):
    assert home_url(persona(name)) == expected


@pytest.mark.django_db
def test_a_user_without_role_lands_on_the_profile():
    assert home_url(UserFactory()) == "/profile/"


@pytest.mark.django_db
def test_the_most_powerful_role_wins(broadcaster):
    put_in_role(broadcaster, Role.ADVERTISER)
    assert role_of(broadcaster) == Role.BROADCASTER
    put_in_role(broadcaster, Role.ADMINISTRATOR)
    assert role_of(broadcaster) == Role.ADMINISTRATOR
    assert has_role(broadcaster, Role.ADVERTISER)


@pytest.mark.django_db
def test_an_inactive_user_has_no_role(advertiser_a):
    advertiser_a.is_active = False
    assert roles_of(advertiser_a) == set()
    assert role_of(advertiser_a) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "path", "allowed"),
    [
        ("advertiser_a", "/campaigns/12/", True),
        ("advertiser_a", "/admin/", False),
        ("advertiser_a", "/diffusion/", False),
        ("advertiser_a", "/profile/", True),
        ("broadcaster", "/diffusion/", True),
        ("broadcaster", "/campaigns/", False),
        ("editorial", "/admin/editorial/", True),
        ("administrator", "/diffusion/", True),
        ("administrator", "/logout/", False),
        ("advertiser_a", "/register/", False),
    ],
)
def test_may_open(persona, name, path, allowed):
    assert may_open(persona(name), path) is allowed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("/profile/?tab=company", "/profile/?tab=company"),
        ("/admin/", None),
        ("https://evil.example/", None),
        ("//evil.example/", None),
        ("/\\evil.example/", None),
        ("http://testserver/profile/", None),  # absolute URLs are never followed
        ("javascript:alert(1)", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_next_url_for_an_advertiser(advertiser_a, candidate, expected):
    request = RequestFactory().get("/login/")
    request.user = advertiser_a
    assert safe_next_url(request, candidate) == expected
