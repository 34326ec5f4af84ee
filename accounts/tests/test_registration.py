"""/register/: a company signs up; bad input changes nothing and points at the field."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Advertiser, User
from accounts.roles import GROUP_NAMES, Role
from accounts.tests.factories import BusinessSectorFactory, UserFactory

pytestmark = pytest.mark.django_db

REGISTER = reverse("accounts:register")
CONFIRM_LINK = re.compile(r"http://testserver/register/confirm/[^/\s\"<]+/")


def form_data(**overrides):
    data = {
        "first_name": "Aminata",
        "last_name": "Kaboré",
        "email": "Aminata.Kabore@Karite-Or.BF",
        "phone": "70 12 34 56",
        "company_name": "Karité d'Or SARL",
        "ifu": "00012345a",
        "rccm": "bf-oua-2021-b-4567",
        "address": "Zone du Bois, Ouagadougou",
        "password1": "Tamarinier-Vert-88",
        "password2": "Tamarinier-Vert-88",
        "accept_terms": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_registration_page_opens(client):
    assert client.get(REGISTER).status_code == 200


def test_registration_creates_the_user_and_its_company(client, django_capture_on_commit_callbacks):
    sector = BusinessSectorFactory(name="Cosmétiques test", slug="cosmetiques-test")
    users_before, companies_before = User.objects.count(), Advertiser.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGISTER, form_data(sector=sector.pk))

    assert response.status_code == 200
    assert User.objects.count() == users_before + 1
    assert Advertiser.objects.count() == companies_before + 1
    user = User.objects.get(email="aminata.kabore@karite-or.bf")
    assert user.email_confirmed_at is None
    assert not user.email_confirmed
    assert user.check_password("Tamarinier-Vert-88")
    assert user.phone == "+22670123456"
    assert list(user.groups.values_list("name", flat=True)) == [GROUP_NAMES[Role.ADVERTISER]]
    company = user.advertiser
    assert company.name == "Karité d'Or SARL"
    assert company.sector == sector
    assert company.ifu == "00012345A"
    assert company.rccm == "BF-OUA-2021-B-4567"
    assert company.phone == "+22670123456"
    # Not signed in until the address is confirmed and the user logs in.
    assert "_auth_user_id" not in client.session

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aminata.kabore@karite-or.bf"]
    assert CONFIRM_LINK.search(message.body)


def test_a_signed_in_user_is_sent_home(client, advertiser_a):
    client.force_login(advertiser_a)
    response = client.get(REGISTER)
    assert response.status_code == 302
    assert response["Location"] == "/campaigns/"


def assert_refused(client, data, field):
    users, companies = User.objects.count(), Advertiser.objects.count()
    response = client.post(REGISTER, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert User.objects.count() == users
    assert Advertiser.objects.count() == companies
    assert mail.outbox == []
    return form


def test_an_existing_email_in_another_case_creates_nothing(
    client, django_capture_on_commit_callbacks
):
    """The page answers as for a new address (see test_registration_existing.py)."""
    owner = UserFactory(email="aminata.kabore@karite-or.bf")
    users, companies = User.objects.count(), Advertiser.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGISTER, form_data(email="AMINATA.KABORE@karite-or.bf"))
    assert response.status_code == 200
    assert response.templates[0].name == "accounts/register_done.html"
    assert (User.objects.count(), Advertiser.objects.count()) == (users, companies)
    assert [message.to for message in mail.outbox] == [[owner.email]]


@pytest.mark.parametrize(
    "password",
    [
        "Ab1-x",  # too short
        "84736251904",  # only digits
        "password123",  # common
        "Aminata.Kabore@Karite",  # too close to the e-mail address
    ],
)
def test_weak_passwords_are_refused(client, password):
    assert_refused(client, form_data(password1=password, password2=password), "password1")


def test_mismatching_passwords_are_refused(client):
    assert_refused(client, form_data(password2="Tamarinier-Vert-89"), "password2")


@pytest.mark.parametrize("phone", ["12345", "+226 1234567", "+226 10 12 34 56", "", "abc"])
def test_invalid_phones_are_refused(client, phone):
    assert_refused(client, form_data(phone=phone), "phone")


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("70 12 34 56", "+22670123456"),
        ("0022670123456", "+22670123456"),
        ("+33 6 12 34 56 78", "+33612345678"),
    ],
)
def test_valid_phones_are_stored_normalised(client, phone, expected):
    client.post(REGISTER, form_data(phone=phone))
    assert User.objects.get(email="aminata.kabore@karite-or.bf").phone == expected


@pytest.mark.parametrize("company_name", [None, "", "   "])
def test_the_company_name_is_required(client, company_name):
    assert_refused(client, form_data(company_name=company_name), "company_name")


@pytest.mark.parametrize("accept_terms", [None, ""])
def test_the_terms_must_be_accepted(client, accept_terms):
    assert_refused(client, form_data(accept_terms=accept_terms), "accept_terms")


def test_an_invalid_ifu_is_refused(client):
    assert_refused(client, form_data(ifu="1234"), "ifu")


def test_an_invalid_rccm_is_refused(client):
    assert_refused(client, form_data(rccm="RC-12"), "rccm")


def test_an_invalid_email_is_refused(client):
    assert_refused(client, form_data(email="aminata@"), "email")


def test_registration_mail_goes_through_the_queue(
    client, settings, django_capture_on_commit_callbacks
):
    from notifications.models import OutgoingEmail

    settings.EMAIL_BACKEND = "notifications.email_backend.QueuedEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REGISTER, form_data())

    record = OutgoingEmail.objects.get()
    assert record.to == ["aminata.kabore@karite-or.bf"]
    assert record.status == OutgoingEmail.Status.SENT
    assert CONFIRM_LINK.search(record.body)
    assert record.html_body
    assert len(mail.outbox) == 1


def test_the_service_refuses_a_duplicate_and_creates_nothing():
    from accounts.exceptions import AccountError
    from accounts.services import register_advertiser

    UserFactory(email="aminata.kabore@karite-or.bf")
    companies = Advertiser.objects.count()
    arguments = {
        "password": "Tamarinier-Vert-88",
        "first_name": "Aminata",
        "last_name": "Kaboré",
        "phone": "+22670123456",
        "company_name": "Karité d'Or SARL",
    }
    with pytest.raises(AccountError):
        register_advertiser(email="Aminata.Kabore@Karite-Or.BF", **arguments)
    assert Advertiser.objects.count() == companies


def test_a_duplicate_that_slips_past_the_check_creates_nothing(monkeypatch):
    """Two submissions at once: the database constraint has the last word."""
    from accounts import services
    from accounts.exceptions import AccountError

    UserFactory(email="aminata.kabore@karite-or.bf")
    companies = Advertiser.objects.count()

    class EmptyCheck:
        def exists(self):
            return False

    real_filter = User.objects.filter
    monkeypatch.setattr(
        User.objects,
        "filter",
        lambda *args, **kwargs: (
            EmptyCheck() if "email__iexact" in kwargs else real_filter(*args, **kwargs)
        ),
    )
    with pytest.raises(AccountError):
        services.register_advertiser(
            email="aminata.kabore@karite-or.bf",
            password="Tamarinier-Vert-88",
            first_name="Aminata",
            last_name="Kaboré",
            phone="+22670123456",
            company_name="Karité d'Or SARL",
        )
    monkeypatch.undo()
    assert Advertiser.objects.count() == companies
    assert User.objects.filter(email__iexact="aminata.kabore@karite-or.bf").count() == 1
