"""The advertiser category that the cultural rate is reserved for: asked for in
/profile/ with a document checked by its bytes and kept private, set or
confirmed (or refused) by the commercial team in the admin with who and when,
each side notified (issue 13)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Advertiser, AdvertiserCategory
from notifications.models import Notification

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""
    return tmp_path


def ask(client, user, content=PDF_BYTES, name="statuts.pdf"):
    client.force_login(user)
    return client.post(
        PROFILE,
        {
            "action": "category",
            "category-category": AdvertiserCategory.CULTURAL,
            "category-document": SimpleUploadedFile(name, content, "application/pdf"),
        },
    )


def category_page(advertiser) -> str:
    return reverse("advertisers:category", args=[advertiser.pk])


def test_profile_shows_the_category_and_the_request_form(client, advertiser_a):
    client.force_login(advertiser_a)
    html = client.get(f"{PROFILE}?tab=company").content.decode()
    assert "Catégorie d'annonceur" in html
    assert "annonceur standard" in html
    assert 'name="category-document"' in html


def test_request_with_a_document_is_stored_and_the_team_told(client, advertiser_a, administrator):
    response = ask(client, advertiser_a)
    assert response.status_code == 302
    advertiser = Advertiser.objects.get(pk=advertiser_a.advertiser_id)
    assert advertiser.requested_category == AdvertiserCategory.CULTURAL
    assert advertiser.category == AdvertiserCategory.STANDARD  # not before the team confirms
    assert advertiser.category_requested_by == advertiser_a
    assert advertiser.category_requested_at is not None
    assert advertiser.category_document.name.startswith("advertisers/categories/")
    assert advertiser.category_document.name.endswith(".pdf")
    notice = Notification.objects.get(recipient=administrator)
    assert "organisation culturelle" in notice.title and "Sahel Boissons" in notice.title
    assert notice.url == category_page(advertiser)
    page = client.get(f"{PROFILE}?tab=company").content.decode()
    assert "en cours d&#x27;examen" in page or "en cours d'examen" in page


def test_a_document_that_is_not_a_pdf_or_picture_is_refused(client, advertiser_a, media_root):
    response = ask(client, advertiser_a, content=b"MZ\x90\x00 a program", name="statuts.pdf")
    assert response.status_code == 400
    errors = response.context["category_form"].errors["document"]
    assert errors == ["Envoyez le document au format PDF, JPEG ou PNG."]
    advertiser = Advertiser.objects.get(pk=advertiser_a.advertiser_id)
    assert advertiser.requested_category == "" and not advertiser.category_document
    assert not [p for p in media_root.rglob("*") if p.is_file()]


def test_the_document_is_private(client, advertiser_a, advertiser_b, administrator):
    ask(client, advertiser_a)
    url = Advertiser.objects.get(pk=advertiser_a.advertiser_id).category_document.url
    assert client.get(url).status_code == 200  # its advertiser
    client.force_login(advertiser_b)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (302, 404)
    client.force_login(administrator)
    assert client.get(url).status_code == 200


def test_the_team_confirms_with_who_and_when_and_the_advertiser_is_told(
    client, advertiser_a, administrator
):
    ask(client, advertiser_a)
    advertiser = Advertiser.objects.get(pk=advertiser_a.advertiser_id)
    client.force_login(administrator)
    page = client.get(category_page(advertiser))
    assert page.status_code == 200
    assert advertiser.category_document.url in page.content.decode()
    response = client.post(
        category_page(advertiser), {"category": AdvertiserCategory.CULTURAL, "note": ""}
    )
    assert response.status_code == 302
    advertiser.refresh_from_db()
    assert advertiser.is_cultural and not advertiser.category_pending
    assert advertiser.category_set_by == administrator
    assert advertiser.category_set_at is not None
    notice = Notification.objects.get(recipient=advertiser_a)
    assert "organisation culturelle" in notice.title
    assert "tarif culturel" in notice.body


def test_refusing_needs_a_reason_that_the_advertiser_gets(client, advertiser_a, administrator):
    ask(client, advertiser_a)
    advertiser = Advertiser.objects.get(pk=advertiser_a.advertiser_id)
    client.force_login(administrator)
    response = client.post(
        category_page(advertiser), {"category": AdvertiserCategory.STANDARD, "note": ""}
    )
    assert response.status_code == 200
    assert "motif du refus" in response.content.decode()
    advertiser.refresh_from_db()
    assert advertiser.category_pending

    client.post(
        category_page(advertiser),
        {"category": AdvertiserCategory.STANDARD, "note": "Les statuts fournis sont illisibles."},
    )
    advertiser.refresh_from_db()
    assert not advertiser.category_pending and not advertiser.is_cultural
    assert advertiser.category_set_by == administrator
    notice = Notification.objects.get(recipient=advertiser_a)
    assert "n'a pas été retenue" in notice.title
    assert notice.body == "Les statuts fournis sont illisibles."


def test_the_team_sets_the_category_without_a_request(client, advertiser_a, administrator):
    advertiser = advertiser_a.advertiser
    client.force_login(administrator)
    client.post(category_page(advertiser), {"category": AdvertiserCategory.CULTURAL, "note": ""})
    advertiser.refresh_from_db()
    assert advertiser.is_cultural and advertiser.category_set_by == administrator
    assert Notification.objects.filter(recipient=advertiser_a).count() == 1
    listing = client.get(reverse("advertisers:index")).content.decode()
    assert category_page(advertiser) in listing and "organisation culturelle" in listing


def test_other_personas_cannot_set_a_category(client, advertiser_a):
    client.force_login(advertiser_a)
    page = category_page(advertiser_a.advertiser)
    response = client.post(page, {"category": AdvertiserCategory.CULTURAL})
    assert response.status_code in (302, 403)
    advertiser_a.advertiser.refresh_from_db()
    assert not advertiser_a.advertiser.is_cultural
