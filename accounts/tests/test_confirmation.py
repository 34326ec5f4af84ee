"""The e-mail confirmation link: valid, tampered, expired, stale; asking for a new one."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext

from accounts.services import confirmation_url
from accounts.tests.factories import AdvertiserUserFactory
from accounts.tokens import make_confirmation_token

pytestmark = pytest.mark.django_db

RESEND = reverse("accounts:resend_confirmation")


@pytest.fixture
def newcomer():
    return AdvertiserUserFactory(email="newcomer@karite-or.bf", email_confirmed_at=None)


def confirm_path(token):
    return reverse("accounts:confirm_email", args=[token])


def test_the_link_confirms_the_address(client, newcomer):
    response = client.get(confirm_path(make_confirmation_token(newcomer)))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is not None


def test_the_link_sends_a_signed_in_user_home(client, newcomer):
    client.force_login(newcomer)
    response = client.get(confirm_path(make_confirmation_token(newcomer)))
    assert response.status_code == 302
    assert response["Location"] == "/campaigns/"


def test_a_second_click_keeps_the_first_confirmation_date(client, newcomer):
    token = make_confirmation_token(newcomer)
    client.get(confirm_path(token))
    newcomer.refresh_from_db()
    first = newcomer.email_confirmed_at
    assert client.get(confirm_path(token)).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at == first


def test_confirmation_url_is_absolute(newcomer):
    assert confirmation_url(newcomer).startswith("http://testserver/register/confirm/")


def tamper(token: str) -> str:
    last = token[-1]
    return token[:-1] + ("A" if last != "A" else "B")


@pytest.mark.parametrize("make_bad", [tamper, lambda token: "not-a-token", lambda t: t[:-5]])
def test_a_tampered_link_is_refused(client, newcomer, make_bad):
    response = client.get(confirm_path(make_bad(make_confirmation_token(newcomer))))
    assert response.status_code == 400
    assert response.context["form"] is not None  # offers to send a new link
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is None


def test_an_expired_link_is_refused(client, settings, newcomer):
    token = make_confirmation_token(newcomer)
    settings.EMAIL_CONFIRMATION_MAX_AGE = -1
    response = client.get(confirm_path(token))
    assert response.status_code == 400
    assert response.context["message"] == gettext("This confirmation link has expired.")
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is None

    # A tampered link says so, not that it expired.
    invalid = client.get(confirm_path(tamper(token)))
    assert invalid.context["message"] == gettext("This confirmation link is invalid.")


def test_a_link_for_a_changed_address_is_refused(client, newcomer):
    token = make_confirmation_token(newcomer)
    newcomer.email = "other@karite-or.bf"
    newcomer.save()
    assert client.get(confirm_path(token)).status_code == 400
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is None


def test_a_link_for_an_inactive_account_is_refused(client, newcomer):
    token = make_confirmation_token(newcomer)
    newcomer.is_active = False
    newcomer.save()
    assert client.get(confirm_path(token)).status_code == 400


def test_resend_page_opens(client):
    assert client.get(RESEND).status_code == 200


def test_resend_sends_a_working_link_to_an_unconfirmed_address(client, newcomer):
    response = client.post(RESEND, {"email": "NEWCOMER@karite-or.bf"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["newcomer@karite-or.bf"]
    link = re.search(r"http://testserver(/register/confirm/[^/\s\"<]+/)", mail.outbox[0].body)
    assert link
    assert client.get(link.group(1)).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed


@pytest.mark.parametrize("email", ["confirmed@karite-or.bf", "nobody@karite-or.bf"])
def test_resend_answers_the_same_without_sending(client, newcomer, email):
    AdvertiserUserFactory(email="confirmed@karite-or.bf")
    expected = client.post(RESEND, {"email": "newcomer@karite-or.bf"})
    mail.outbox.clear()

    response = client.post(RESEND, {"email": email})

    assert mail.outbox == []
    assert response.status_code == expected.status_code
    assert response["Location"] == expected["Location"]
