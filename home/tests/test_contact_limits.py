"""/contact/: a budget of messages per client address and per visitor e-mail,
a French 429 page past it, and no line break in a single-line field (issue 12)."""

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

pytestmark = pytest.mark.django_db

VALID = {
    "nom": "Fatimata Compaoré",
    "email": "fatimata@example.bf",
    "telephone": "70 12 34 56",
    "objet": "Demande de devis publicitaire",
    "message": "Bonjour, je voudrais un devis pour 20 passages en mars.",
}


def send(client, address="203.0.113.7", **overrides):
    return client.post("/contact/", {**VALID, **overrides}, REMOTE_ADDR=address)


def assert_429_page(response):
    assert response.status_code == 429
    assert response.templates[0].name == "429.html"
    page = response.content.decode()
    assert "Trop de demandes" in page
    assert "vous pourrez réessayer dans" in page
    assert int(response["Retry-After"]) >= 1


def test_one_address_sends_five_messages_then_gets_a_429(client, seeded):
    for number in range(5):
        response = send(client, email=f"visiteur{number}@example.bf")
        assert response.status_code == 200
        assert response.templates[0].name == "home/contact_page_landing.html"

    response = send(client, email="visiteur5@example.bf")

    assert_429_page(response)
    assert FormSubmission.objects.count() == 5
    assert len(mail.outbox) == 5
    # Another connection is not held back.
    assert send(client, address="198.51.100.20", email="autre@example.bf").status_code == 200
    assert FormSubmission.objects.count() == 6


def test_one_visitor_email_sends_three_messages_an_hour(client, seeded):
    for number in range(3):
        assert send(client, address=f"198.51.100.{number}").status_code == 200

    response = send(client, address="198.51.100.99", email="FATIMATA@example.bf")

    assert_429_page(response)
    assert FormSubmission.objects.count() == 3
    assert len(mail.outbox) == 3
    assert send(client, address="198.51.100.99", email="autre@example.bf").status_code == 200


def test_invalid_messages_cost_nothing(client, seeded):
    for _attempt in range(8):
        assert send(client, message="").status_code == 200
    assert FormSubmission.objects.count() == 0
    response = send(client)
    assert response.templates[0].name == "home/contact_page_landing.html"
    assert FormSubmission.objects.count() == 1


def test_the_limit_fails_open_when_the_cache_fails(client, seeded, monkeypatch):
    from core import throttle

    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(throttle, "record_hit", broken)
    for _attempt in range(7):
        assert send(client).status_code == 200
    assert FormSubmission.objects.count() == 7


@pytest.mark.parametrize(
    ("field", "value"),
    [("nom", "Fatimata\r\nBcc: spam@example.com"), ("nom", "Fatimata\nCompaoré")],
)
def test_a_line_break_in_a_single_line_field_is_refused(client, seeded, field, value):
    response = send(client, **{field: value})

    assert response.status_code == 200
    assert response.templates[0].name == "home/contact_page.html"
    assert response.context["form"].errors[field] == [
        "Ce champ doit tenir sur une seule ligne : retirez les retours à la ligne."
    ]
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_the_message_itself_may_have_several_lines(client, seeded):
    assert send(client, message="Bonjour,\r\nUn devis SVP.\r\nMerci").status_code == 200
    assert FormSubmission.objects.count() == 1


def test_the_contact_settings_keep_one_line_per_detail(db):
    from wagtail.admin.panels import get_edit_handler

    from home.models import ContactSettings

    form_class = get_edit_handler(ContactSettings).get_form_class()
    form = form_class(
        data={
            "phone": "",
            "email": "",
            "address": "Avenue Kwame Nkrumah\nOuagadougou",
            "opening_hours": "Lundi-vendredi\r\n8 h - 17 h",
            "whatsapp_message": "Bonjour",
            "whatsapp_position": "right",
            "business_days": ["0", "1", "2", "3", "4"],
            "business_opens": "08:00",
            "business_closes": "17:00",
        },
        instance=ContactSettings(),
    )
    assert not form.is_valid()
    assert list(form.errors) == ["opening_hours"]
