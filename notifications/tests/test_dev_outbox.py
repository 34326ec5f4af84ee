"""/dev/outbox/: the e-mails sent in development with their links clickable; only
when DEBUG, and only to the machine itself or to signed-in staff."""

import importlib

import pytest
from django.urls import clear_url_caches, include, path

import bf1portal.urls
from accounts.tests.factories import UserFactory
from notifications.dev_outbox import links_of
from notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db

# The site's URLs with the outbox mounted, as bf1portal/urls.py does under DEBUG.
urlpatterns = [
    path("dev/outbox/", include("notifications.dev_outbox")),
    *bf1portal.urls.urlpatterns,
]

LINK = "http://127.0.0.1:8100/register/confirm/Mg/abc-123/"


@pytest.fixture
def email():
    return OutgoingEmail.objects.create(
        subject="Confirmez votre adresse",
        from_email="BF1 Pub <no-reply@bf1.bf>",
        to=["awa@example.bf"],
        body=f"Bonjour,\n\nConfirmez votre adresse : {LINK}.\n\nBF1 Pub",
        status=OutgoingEmail.Status.SENT,
    )


def test_links_are_found_without_the_sentence_punctuation():
    assert links_of(f"Ouvrez {LINK}. Ou ({LINK}) https://bf1.bf/x?y=1,") == [
        LINK,
        "https://bf1.bf/x?y=1",
    ]


@pytest.mark.urls(__name__)
def test_lists_sent_emails_with_clickable_links_from_this_machine(client, settings, email):
    settings.DEBUG = True
    response = client.get("/dev/outbox/")  # REMOTE_ADDR 127.0.0.1, nobody signed in
    assert response.status_code == 200
    content = response.content.decode()
    assert "Confirmez votre adresse" in content
    assert "awa@example.bf" in content
    assert f'href="{LINK}" data-email-link' in content
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.urls(__name__)
def test_refused_from_another_machine_unless_staff(client, settings, email):
    settings.DEBUG = True
    assert client.get("/dev/outbox/", REMOTE_ADDR="192.168.1.20").status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/dev/outbox/", REMOTE_ADDR="192.168.1.20").status_code == 200


@pytest.mark.urls(__name__)
def test_answers_404_when_debug_is_off(client, settings, email):
    settings.DEBUG = False
    assert client.get("/dev/outbox/").status_code == 404


def test_mounted_by_the_site_only_when_debug(settings):
    def mounted() -> bool:
        clear_url_caches()
        module = importlib.reload(bf1portal.urls)
        return any(str(p.pattern) == "dev/outbox/" for p in module.urlpatterns)

    try:
        settings.DEBUG = True
        assert mounted()
        settings.DEBUG = False
        assert not mounted()
    finally:
        settings.DEBUG = False
        importlib.reload(bf1portal.urls)
        clear_url_caches()
