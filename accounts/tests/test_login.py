"""/login/ and /logout/: e-mail in any case, each role lands on its home, `next` is
followed only when it is local and open to the role, throttling after 5 failures."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")


def signed_in_id(client):
    return client.session.get("_auth_user_id")


def login(client, email, password, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def test_login_page_opens(client):
    assert client.get(LOGIN).status_code == 200


def test_email_is_case_insensitive(client, advertiser_a, password):
    response = login(client, "  AWA.Ouedraogo@SAHEL-boissons.bf ", password)
    assert response.status_code == 302
    assert signed_in_id(client) == str(advertiser_a.pk)


def test_wrong_password_is_refused(client, advertiser_a):
    response = login(client, advertiser_a.email, "not-the-password")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert signed_in_id(client) is None


def test_inactive_user_cannot_sign_in(client, advertiser_a, password):
    advertiser_a.is_active = False
    advertiser_a.save()
    login(client, advertiser_a.email, password)
    assert signed_in_id(client) is None


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("advertiser_a", "/campaigns/"),
        ("administrator", "/admin/"),
        ("superuser", "/admin/"),
        ("broadcaster", "/diffusion/"),
        ("editorial", "/admin/editorial/"),
    ],
)
def test_each_role_lands_on_its_home(client, persona, password, name, home):
    user = persona(name)
    response = login(client, user.email, password)
    assert response.status_code == 302
    assert response["Location"] == home
    assert signed_in_id(client) == str(user.pk)


@pytest.mark.parametrize(
    ("name", "next_url", "expected"),
    [
        ("advertiser_a", "/admin/", "/campaigns/"),
        ("advertiser_a", "/diffusion/", "/campaigns/"),
        ("advertiser_a", "https://evil.example/", "/campaigns/"),
        ("advertiser_a", "//evil.example", "/campaigns/"),
        ("advertiser_a", "/logout/", "/campaigns/"),
        ("advertiser_a", "/profile/", "/profile/"),
        ("advertiser_a", "/notifications/?page=2", "/notifications/?page=2"),
        ("broadcaster", "/diffusion/", "/diffusion/"),
        ("broadcaster", "/campaigns/", "/diffusion/"),
        ("editorial", "/admin/pages/", "/admin/pages/"),
        ("administrator", "/diffusion/", "/diffusion/"),
    ],
)
def test_next_is_followed_only_when_local_and_allowed(
    client, persona, password, name, next_url, expected
):
    user = persona(name)
    response = login(client, user.email, password, next=next_url)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_next_in_the_query_string_is_honoured(client, advertiser_a, password):
    response = client.post(
        f"{LOGIN}?next=/profile/", {"username": advertiser_a.email, "password": password}
    )
    assert response["Location"] == "/profile/"


def test_a_signed_in_user_opening_login_goes_home(client, broadcaster):
    client.force_login(broadcaster)
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == "/diffusion/"


def test_role_home_redirects(client, editorial):
    client.force_login(editorial)
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response["Location"] == "/admin/editorial/"


def test_logout_by_get_is_refused(client, advertiser_a):
    client.force_login(advertiser_a)
    assert client.get(LOGOUT).status_code == 405
    assert signed_in_id(client) == str(advertiser_a.pk)


def test_logout_by_post(client, advertiser_a):
    client.force_login(advertiser_a)
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_id(client) is None
    assert client.get(reverse("campaigns:dashboard")).status_code == 302


def test_throttling_after_five_failures(client, advertiser_a, password):
    for _attempt in range(4):
        assert login(client, advertiser_a.email, "wrong-password").status_code == 200
    login(client, advertiser_a.email, "wrong-password")

    response = login(client, advertiser_a.email, password)

    assert response.status_code == 429
    assert response.context["locked_out"] is True
    assert signed_in_id(client) is None
    assert client.get(reverse("campaigns:dashboard")).status_code == 302


def test_the_wagtail_admin_login_is_throttled_too(client, administrator, password):
    url = reverse("wagtailadmin_login")
    for _attempt in range(5):
        client.post(url, {"username": administrator.email, "password": "wrong-password"})
    response = client.post(url, {"username": administrator.email, "password": password})
    assert response.status_code == 429
    assert signed_in_id(client) is None


def test_throttling_is_per_address(client, advertiser_a, advertiser_b, password):
    for _attempt in range(5):
        login(client, advertiser_a.email, "wrong-password")
    response = login(client, advertiser_b.email, password)
    assert response.status_code == 302
    assert signed_in_id(client) == str(advertiser_b.pk)


def test_a_success_resets_the_failure_count(client, advertiser_a, password):
    for _attempt in range(4):
        login(client, advertiser_a.email, "wrong-password")
    assert login(client, advertiser_a.email, password).status_code == 302
    client.post(LOGOUT)
    for _attempt in range(4):
        login(client, advertiser_a.email, "wrong-password")
    assert login(client, advertiser_a.email, password).status_code == 302


def test_an_administrator_signs_into_the_wagtail_admin(client, administrator, password):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "Commercial@BF1.bf", "password": password}
    )
    assert response.status_code == 302
    assert signed_in_id(client) == str(administrator.pk)
    assert client.get("/admin/").status_code == 200
