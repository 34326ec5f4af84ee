import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from home.models import ContactPage

pytestmark = pytest.mark.django_db

VALID = {
    "nom": "Fatimata Compaoré",
    "email": "fatimata@example.bf",
    "telephone": "70 12 34 56",
    "objet": "Demande de devis publicitaire",
    "message": "Bonjour, je voudrais un devis pour 20 passages en mars.",
}


def test_seeded_contact_form_has_real_email_and_phone_fields(seeded):
    page = ContactPage.objects.get()
    types = {field.clean_name: field.field_type for field in page.form_fields.all()}

    assert types == {
        "nom": "singleline",
        "email": "email",
        "telephone": "phone",
        "objet": "dropdown",
        "message": "multiline",
    }
    assert page.to_address == "commercial@bf1.bf"


def test_a_valid_message_is_stored_and_emailed_to_the_team(client, seeded):
    response = client.post("/contact/", VALID)

    assert response.status_code == 200
    assert response.templates[0].name == "home/contact_page_landing.html"
    assert "Merci pour votre message" in response.content.decode()

    submission = FormSubmission.objects.get()
    data = submission.get_data()
    assert data["email"] == "fatimata@example.bf"
    assert data["telephone"] == "+22670123456"
    assert data["message"].startswith("Bonjour")
    assert "company_website" not in data

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["commercial@bf1.bf"]
    assert message.reply_to == ["fatimata@example.bf"]
    assert message.subject == "Nouveau message depuis le formulaire de contact BF1 Pub"
    assert "Fatimata Compaoré" in message.body
    assert "+22670123456" in message.body
    assert "20 passages en mars" in message.body


def test_the_team_address_comes_from_the_staff_setting(db, settings):
    from .utils import run_seed

    settings.DEBUG = True
    settings.STAFF_NOTIFICATION_EMAILS = ["pub@bf1.bf", "chef.pub@bf1.bf"]
    run_seed()

    assert ContactPage.objects.get().to_address == "pub@bf1.bf, chef.pub@bf1.bf"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "pas-une-adresse"),
        ("telephone", "+226 12 34"),
        ("message", ""),
        ("objet", "Choix inventé"),
        ("objet", ""),
    ],
)
def test_an_invalid_message_shows_the_error_and_stores_nothing(client, seeded, field, value):
    response = client.post("/contact/", {**VALID, field: value})

    assert response.status_code == 200
    assert response.templates[0].name == "home/contact_page.html"
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_a_robot_filling_the_hidden_field_is_turned_away(client, seeded):
    response = client.post("/contact/", {**VALID, "company_website": "http://spam.example"})

    assert response.status_code == 200
    assert response.templates[0].name == "home/contact_page.html"
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_with_the_portal_backend_the_email_is_queued_with_its_delivery_state(
    client, seeded, settings, django_capture_on_commit_callbacks
):
    from notifications.models import OutgoingEmail

    settings.EMAIL_BACKEND = "notifications.email_backend.QueuedEmailBackend"
    before = list(OutgoingEmail.objects.values_list("pk", flat=True))  # the demo's notices

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/contact/", VALID)

    queued = OutgoingEmail.objects.exclude(pk__in=before).get()
    assert queued.to == ["commercial@bf1.bf"]
    assert queued.reply_to == ["fatimata@example.bf"]
    assert queued.status == OutgoingEmail.Status.SENT
    assert FormSubmission.objects.count() == 1
