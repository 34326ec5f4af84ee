"""The User model: e-mail login unique whatever its case, names, roles in the header."""

import pytest
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from accounts.context_processors import navigation
from accounts.models import User

pytestmark = pytest.mark.django_db


def test_create_user_lowercases_the_email():
    user = User.objects.create_user("Moussa.Traore@Exemple.BF", "Fonio-Doux-2024")
    assert user.email == "moussa.traore@exemple.bf"
    assert user.check_password("Fonio-Doux-2024")
    assert not user.is_staff
    assert user.email_confirmed_at is None


def test_create_superuser_is_confirmed_staff():
    user = User.objects.create_superuser("root@exemple.bf", "Fonio-Doux-2024")
    assert user.is_superuser and user.is_staff and user.email_confirmed


def test_an_email_is_unique_whatever_its_case():
    User.objects.create_user("moussa@exemple.bf", "x")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="MOUSSA@exemple.bf")


def test_natural_key_lookup_ignores_case():
    user = User.objects.create_user("moussa@exemple.bf", "x")
    assert User.objects.get_by_natural_key("Moussa@Exemple.BF") == user


def test_names(advertiser_a):
    advertiser_a.first_name, advertiser_a.last_name = "Awa", "Ouédraogo"
    assert advertiser_a.get_full_name() == "Awa Ouédraogo"
    assert str(advertiser_a) == "Awa Ouédraogo"
    assert advertiser_a.get_short_name() == "Awa"
    advertiser_a.first_name = advertiser_a.last_name = ""
    assert str(advertiser_a) == advertiser_a.email


@pytest.mark.parametrize(
    ("name", "role", "first_link"),
    [
        ("anonymous", "", "/coverage/request/"),
        ("advertiser_a", "advertiser", "/campaigns/"),
        ("broadcaster", "broadcaster", "/diffusion/"),
        ("editorial", "editorial", "/admin/editorial/"),
        ("administrator", "administrator", "/admin/"),
    ],
)
def test_each_role_sees_its_own_navigation(persona, name, role, first_link):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = persona(name) or AnonymousUser()
    context = navigation(request)
    assert context["nav_role"] == role
    links = [url for _label, url, _icon in context["nav_items"]]
    assert (links[0] if links else None) == first_link
