import pytest
from wagtail.models import Site

from home.models import ContactSettings

pytestmark = pytest.mark.django_db


def _contact_settings() -> ContactSettings:
    return ContactSettings.for_site(Site.objects.get(is_default_site=True))


def test_seed_fills_the_contact_settings_of_the_default_site(seeded):
    contact = _contact_settings()

    assert contact.phone == "+226 25 40 00 00"
    assert contact.address == "Ouagadougou, Burkina Faso"
    assert contact.whatsapp_enabled is True
    assert contact.whatsapp_number


def test_whatsapp_button_shows_on_public_pages_when_enabled(client, seeded):
    contact = _contact_settings()
    contact.whatsapp_number = "+226 70 11 22 33"
    contact.save()

    html = client.get("/").content.decode()

    assert "https://wa.me/22670112233" in html


def test_whatsapp_button_is_hidden_when_disabled(client, seeded):
    contact = _contact_settings()
    contact.whatsapp_enabled = False
    contact.save()

    for url in ("/", "/guides/", "/contact/"):
        assert "wa.me/" not in client.get(url).content.decode()
