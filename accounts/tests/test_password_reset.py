"""Password reset by e-mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
LINK = re.compile(r"http://testserver(/password-reset/[^/\s]+/[^/\s]+/)")


def test_reset_page_opens(client):
    assert client.get(RESET).status_code == 200


def test_a_request_sends_a_link_whatever_the_case(client, advertiser_a):
    response = client.post(RESET, {"email": "AWA.OUEDRAOGO@sahel-boissons.bf"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [advertiser_a.email]
    assert LINK.search(mail.outbox[0].body)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, advertiser_a):
    response = client.post(RESET, {"email": "personne@inconnu.bf"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_the_link_sets_a_new_password(client, advertiser_a, password):
    client.post(RESET, {"email": advertiser_a.email})
    path = LINK.search(mail.outbox[0].body).group(1)

    response = client.get(path)
    assert response.status_code == 302  # to the same form, token kept in the session
    form_url = response["Location"]
    assert client.get(form_url).status_code == 200

    response = client.post(
        form_url, {"new_password1": "Nere-Jaune-2031", "new_password2": "Nere-Jaune-2031"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    advertiser_a.refresh_from_db()
    assert advertiser_a.check_password("Nere-Jaune-2031")
    assert not advertiser_a.check_password(password)

    # The link works once only.
    response = client.get(path, follow=True)
    assert response.context["validlink"] is False


def test_a_weak_new_password_is_refused(client, advertiser_a, password):
    client.post(RESET, {"email": advertiser_a.email})
    form_url = client.get(LINK.search(mail.outbox[0].body).group(1))["Location"]
    response = client.post(form_url, {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    advertiser_a.refresh_from_db()
    assert advertiser_a.check_password(password)


def test_a_bad_link_is_refused(client):
    response = client.get("/password-reset/MQ/bad-token/")
    assert response.status_code == 200
    assert response.context["validlink"] is False
