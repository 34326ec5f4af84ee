"""The login lockout (django-axes) counts the address as the login matches it,
and an address too long for the lockout table is refused by the form before
anything is written (issue 12)."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def login(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


def signed_in_id(client):
    return client.session.get("_auth_user_id")


# --- An address over 255 characters -------------------------------------------------


@pytest.mark.parametrize("length", [255, 256, 300, 320])
def test_a_too_long_email_is_a_form_error_and_writes_nothing(client, length):
    """On PostgreSQL the lockout table refused such a username with a DataError
    (a 500); now the form refuses it first and nothing is written."""
    domain = "@example.bf"
    email = "a" * (length - len(domain)) + domain
    assert len(email) == length

    response = login(client, email, "whatever-password")

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["username"] == ["Une adresse e-mail comporte au plus 254 caractères."]
    assert AccessAttempt.objects.count() == 0
    assert signed_in_id(client) is None


def test_the_longest_valid_address_is_still_counted(client):
    email = "a" * (254 - len("@example.bf")) + "@example.bf"
    response = login(client, email, "whatever-password")
    assert response.status_code == 200
    assert "__all__" in response.context["form"].errors
    assert AccessAttempt.objects.get().username == email


def test_the_lockout_username_fits_the_table_whatever_it_is_given():
    from accounts.backends import lockout_username

    assert len(lockout_username(None, {"username": "X" * 400 + "@example.bf"})) == 255
    assert lockout_username(None, {"username": " a\x00b@Example.BF "}) == "ab@example.bf"
    assert lockout_username(None, {"username": None, "email": "A@B.BF"}) == "a@b.bf"
    assert lockout_username(None, {"username": None}) is None


# --- Letter case and spaces -----------------------------------------------------------

VARIANTS = [
    "AWA.OUEDRAOGO@SAHEL-BOISSONS.BF",
    " awa.ouedraogo@sahel-boissons.bf",
    "Awa.Ouedraogo@Sahel-Boissons.bf  ",
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_locked_account_stays_locked_in_another_case_or_with_spaces(
    client, advertiser_a, password, variant
):
    for _attempt in range(5):
        login(client, advertiser_a.email, "wrong-password")

    response = login(client, variant, password)

    assert response.status_code == 429
    assert response.context["locked_out"] is True
    assert signed_in_id(client) is None


@pytest.mark.parametrize("variant", VARIANTS)
def test_variants_share_the_same_five_tries(client, advertiser_a, password, variant):
    for email in [advertiser_a.email, variant, advertiser_a.email.upper(), variant]:
        assert login(client, email, "wrong-password").status_code == 200
    login(client, variant, "wrong-password")  # the fifth failure locks

    assert login(client, advertiser_a.email, password).status_code == 429
    assert signed_in_id(client) is None
    # One count for every spelling of the address.
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [advertiser_a.email]


def test_a_success_in_another_case_resets_the_count(client, advertiser_a, password):
    for _attempt in range(4):
        login(client, advertiser_a.email, "wrong-password")

    assert login(client, " AWA.Ouedraogo@sahel-boissons.BF", password).status_code == 302
    assert not AccessAttempt.objects.exists()


def test_the_wagtail_admin_login_shares_the_count(client, administrator, password):
    for _attempt in range(5):
        login(client, administrator.email.upper(), "wrong-password")

    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": f" {administrator.email.title()} ", "password": password},
    )

    assert response.status_code == 429
    assert signed_in_id(client) is None
