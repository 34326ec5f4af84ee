"""/register/ with an address that already has an account answers exactly as for
a new address and e-mails the owner instead: the page never tells who is a client
(issue 12). And no line break in a single-line field of the account forms."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts.models import Advertiser, User
from accounts.tests.factories import UserFactory

from .test_registration import form_data

pytestmark = pytest.mark.django_db

REGISTER = reverse("accounts:register")
# What changes from one response to the next whatever the address: tokens, nonces.
VARYING = re.compile(r'(csrfmiddlewaretoken" value=|nonce=)"[^"]*"')


def page_text(response) -> str:
    return VARYING.sub(r"\1", response.content.decode())


def post(client, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(REGISTER, data)


def test_an_existing_address_gets_the_very_answer_of_a_new_one(
    client, django_capture_on_commit_callbacks
):
    data = form_data()
    new = post(client, data, django_capture_on_commit_callbacks)
    users, companies = User.objects.count(), Advertiser.objects.count()

    cache.clear()  # the header's cached fragments: both answers rendered alike
    again = post(client, data, django_capture_on_commit_callbacks)

    assert again.status_code == new.status_code == 200
    assert [t.name for t in again.templates] == [t.name for t in new.templates]
    assert page_text(again) == page_text(new)
    assert "déjà" not in page_text(again)
    # No second user, no second company.
    assert (User.objects.count(), Advertiser.objects.count()) == (users, companies)
    assert User.objects.filter(email__iexact=data["email"]).count() == 1


def test_the_owner_is_told_by_email_with_links_to_log_in_and_reset(
    client, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="aminata.kabore@karite-or.bf", first_name="Aminata")

    response = post(
        client, form_data(email=" Aminata.KABORE@karite-or.bf"), django_capture_on_commit_callbacks
    )

    assert response.status_code == 200
    assert response.templates[0].name == "accounts/register_done.html"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    assert message.subject == ("BF1 Pub : quelqu'un a essayé de créer un compte avec votre adresse")
    assert "Vous avez déjà un compte avec cette adresse" in message.body
    assert "http://testserver/login/" in message.body
    assert "http://testserver/password-reset/" in message.body
    html = message.alternatives[0][0]
    assert 'href="http://testserver/login/"' in html
    assert 'href="http://testserver/password-reset/"' in html
    # The owner's account is untouched (the password typed is not theirs).
    owner.refresh_from_db()
    assert not owner.check_password(form_data()["password1"])


def test_a_new_address_gets_the_confirmation_not_the_warning(
    client, django_capture_on_commit_callbacks
):
    post(client, form_data(), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert "confirm" in mail.outbox[0].body


def test_the_owner_is_not_flooded(client, django_capture_on_commit_callbacks):
    UserFactory(email="aminata.kabore@karite-or.bf")
    for _attempt in range(6):
        response = post(client, form_data(), django_capture_on_commit_callbacks)
        assert response.templates[0].name == "accounts/register_done.html"
    assert len(mail.outbox) == 3  # REGISTRATION_NOTICE_PER_EMAIL an hour


def test_the_warning_fails_open_when_the_cache_fails(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    from core import throttle

    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(throttle, "record_hit", broken)
    UserFactory(email="aminata.kabore@karite-or.bf")
    response = post(client, form_data(), django_capture_on_commit_callbacks)
    assert response.templates[0].name == "accounts/register_done.html"
    assert len(mail.outbox) == 1


# --- Line breaks in single-line fields --------------------------------------------------

LINE_BREAK = "Ce champ doit tenir sur une seule ligne : retirez les retours à la ligne."


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("company_name", "Karité d'Or\r\nBcc: spam@example.com"),
        ("first_name", "Aminata\nX"),
        ("last_name", "Kab\u2028oré"),
        ("rccm", "BF-OUA-2021\n-B-4567"),
    ],
)
def test_registration_refuses_line_breaks(client, field, value):
    response = client.post(REGISTER, form_data(**{field: value}))
    assert response.status_code == 200
    assert LINE_BREAK in response.context["form"].errors[field]
    assert not User.objects.filter(email="aminata.kabore@karite-or.bf").exists()
    assert mail.outbox == []


def test_the_address_may_have_several_lines(client):
    client.post(REGISTER, form_data(address="Zone du Bois\r\nOuagadougou"))
    assert User.objects.filter(email="aminata.kabore@karite-or.bf").exists()


def test_profile_and_company_refuse_line_breaks(client, advertiser_a):
    from .test_profile import PROFILE, company_data, profile_data

    client.force_login(advertiser_a)
    response = client.post(
        PROFILE, profile_data(advertiser_a, **{"profile-first_name": "Awa\r\nBcc: x@y.bf"})
    )
    assert response.status_code == 400
    assert response.context["profile_form"].errors["first_name"] == [LINE_BREAK]

    company = advertiser_a.advertiser
    response = client.post(PROFILE, company_data(company, **{"company-name": "Sahel\nBoissons"}))
    assert response.status_code == 400
    assert response.context["company_form"].errors["name"] == [LINE_BREAK]
    company.refresh_from_db()
    assert company.name == "Sahel Boissons SA"


def test_the_admin_user_form_refuses_line_breaks():
    from accounts.forms.admin import WagtailUserCreationForm

    form = WagtailUserCreationForm(
        data={"email": "k@bf1.bf", "first_name": "Kadi\nX", "last_name": "Ouattara"}
    )
    assert LINE_BREAK in form.errors["first_name"]


def test_the_password_keeps_any_character(client):
    password = "Tamarinier\nVert-88"
    client.post(REGISTER, form_data(password1=password, password2=password))
    assert User.objects.get(email="aminata.kabore@karite-or.bf").check_password(password)
