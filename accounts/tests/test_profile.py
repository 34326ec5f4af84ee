"""/profile/: the person, the company, the password and the photo."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.models import Advertiser

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def png_bytes(size=(40, 30), colour=(220, 38, 38)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def profile_data(user, **overrides):
    data = {
        "action": "profile",
        "profile-first_name": user.first_name,
        "profile-last_name": user.last_name,
        "profile-phone": user.phone,
    }
    data.update(overrides)
    return data


def company_data(company, **overrides):
    data = {
        "action": "company",
        "company-name": company.name,
        "company-sector": company.sector_id or "",
        "company-ifu": company.ifu,
        "company-rccm": company.rccm,
        "company-address": company.address,
        "company-phone": company.phone,
    }
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_login(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "name", ["advertiser_a", "broadcaster", "editorial", "administrator", "superuser"]
)
def test_every_signed_in_user_has_a_profile(client, persona, name):
    client.force_login(persona(name))
    assert client.get(PROFILE).status_code == 200


def test_edit_name_and_phone(client, advertiser_a):
    client.force_login(advertiser_a)
    response = client.post(
        PROFILE,
        profile_data(
            advertiser_a,
            **{
                "profile-first_name": "Awa",
                "profile-last_name": "Zongo",
                "profile-phone": "76 11 22 33",
            },
        ),
    )
    assert response.status_code == 302
    advertiser_a.refresh_from_db()
    assert (advertiser_a.first_name, advertiser_a.last_name) == ("Awa", "Zongo")
    assert advertiser_a.phone == "+22676112233"


def test_an_invalid_phone_changes_nothing(client, advertiser_a):
    client.force_login(advertiser_a)
    response = client.post(
        PROFILE,
        profile_data(advertiser_a, **{"profile-first_name": "X", "profile-phone": "+226 1234567"}),
    )
    assert response.status_code == 400
    assert "phone" in response.context["profile_form"].errors
    advertiser_a.refresh_from_db()
    assert advertiser_a.first_name != "X"
    assert advertiser_a.phone == "+22670123456"


def test_edit_own_company_only(client, advertiser_a, advertiser_b):
    client.force_login(advertiser_a)
    company = advertiser_a.advertiser
    response = client.post(
        PROFILE,
        company_data(
            company, **{"company-name": "Sahel Boissons Group", "company-ifu": "00099999z"}
        ),
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "Sahel Boissons Group"
    assert company.ifu == "00099999Z"
    other = Advertiser.objects.get(pk=advertiser_b.advertiser_id)
    assert other.name == "Faso Télécom SARL"


def test_an_invalid_company_change_changes_nothing(client, advertiser_a):
    client.force_login(advertiser_a)
    company = advertiser_a.advertiser
    response = client.post(
        PROFILE, company_data(company, **{"company-name": "", "company-rccm": "nope"})
    )
    assert response.status_code == 400
    errors = response.context["company_form"].errors
    assert "name" in errors
    assert "rccm" in errors
    company.refresh_from_db()
    assert company.name == "Sahel Boissons SA"


def test_a_user_without_company_cannot_post_one(client, broadcaster, advertiser_a):
    client.force_login(broadcaster)
    before = list(Advertiser.objects.values_list("pk", "name"))
    response = client.post(
        PROFILE, company_data(advertiser_a.advertiser, **{"company-name": "Hijacked"})
    )
    assert response.status_code == 400
    assert response.context["company_form"] is None
    assert list(Advertiser.objects.values_list("pk", "name")) == before


def test_change_password_needs_the_old_one(client, advertiser_a, password):
    client.force_login(advertiser_a)
    data = {
        "action": "password",
        "old_password": "not-the-password",
        "new_password1": "Karite-Fleuri-2025",
        "new_password2": "Karite-Fleuri-2025",
    }
    response = client.post(PROFILE, data)
    assert response.status_code == 400
    assert "old_password" in response.context["password_form"].errors
    advertiser_a.refresh_from_db()
    assert advertiser_a.check_password(password)

    response = client.post(PROFILE, {**data, "old_password": password})
    assert response.status_code == 302
    advertiser_a.refresh_from_db()
    assert advertiser_a.check_password("Karite-Fleuri-2025")
    # Still signed in after the change.
    assert client.get(PROFILE).status_code == 200


def test_change_password_applies_the_validators(client, advertiser_a, password):
    client.force_login(advertiser_a)
    response = client.post(
        PROFILE,
        {
            "action": "password",
            "old_password": password,
            "new_password1": "12345678",
            "new_password2": "12345678",
        },
    )
    assert response.status_code == 400
    assert "new_password2" in response.context["password_form"].errors
    advertiser_a.refresh_from_db()
    assert advertiser_a.check_password(password)


def upload(client, user, name, content, content_type="image/png"):
    photo = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(PROFILE, profile_data(user, **{"profile-photo": photo}))


def test_a_real_picture_is_stored(client, advertiser_a, media_root):
    client.force_login(advertiser_a)
    response = upload(client, advertiser_a, "moi.png", png_bytes())
    assert response.status_code == 302
    advertiser_a.refresh_from_db()
    assert advertiser_a.photo
    stored = media_root / advertiser_a.photo.name
    assert stored.is_file()
    assert stored_files(media_root) == [stored]
    with Image.open(stored) as image:
        assert image.format == "PNG"


def test_a_picture_keeps_the_extension_of_its_real_format(client, advertiser_a, media_root):
    client.force_login(advertiser_a)
    upload(client, advertiser_a, "moi.jpg", png_bytes(), content_type="image/jpeg")
    advertiser_a.refresh_from_db()
    assert advertiser_a.photo.name.endswith(".png")


def test_a_text_file_named_jpg_is_refused(client, advertiser_a, media_root):
    client.force_login(advertiser_a)
    response = upload(
        client, advertiser_a, "moi.jpg", b"#!/bin/sh\necho not a picture\n" * 10, "image/jpeg"
    )
    assert response.status_code == 400
    assert "photo" in response.context["profile_form"].errors
    advertiser_a.refresh_from_db()
    assert not advertiser_a.photo
    assert stored_files(media_root) == []


def test_a_picture_in_an_unsupported_format_is_refused(client, advertiser_a, media_root):
    client.force_login(advertiser_a)
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")
    response = upload(client, advertiser_a, "moi.gif", buffer.getvalue(), "image/gif")
    assert response.status_code == 400
    assert "photo" in response.context["profile_form"].errors
    assert stored_files(media_root) == []


def test_a_too_large_picture_is_refused(client, advertiser_a, media_root, settings):
    content = png_bytes(size=(200, 200))
    settings.PROFILE_PHOTO_MAX_BYTES = len(content) - 1
    client.force_login(advertiser_a)
    response = upload(client, advertiser_a, "moi.png", content)
    assert response.status_code == 400
    assert "photo" in response.context["profile_form"].errors
    advertiser_a.refresh_from_db()
    assert not advertiser_a.photo
    assert stored_files(media_root) == []


def test_the_default_limit_is_five_megabytes(settings):
    assert settings.PROFILE_PHOTO_MAX_BYTES == 5 * 1024 * 1024


def test_replacing_the_photo_deletes_the_old_file(
    client, advertiser_a, media_root, django_capture_on_commit_callbacks
):
    client.force_login(advertiser_a)
    upload(client, advertiser_a, "first.png", png_bytes(colour=(0, 0, 0)))
    advertiser_a.refresh_from_db()
    first = media_root / advertiser_a.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, advertiser_a, "second.png", png_bytes(colour=(255, 255, 255)))

    assert response.status_code == 302
    advertiser_a.refresh_from_db()
    second = media_root / advertiser_a.photo.name
    assert second != first
    assert stored_files(media_root) == [second]


def test_clearing_the_photo_deletes_the_file(
    client, advertiser_a, media_root, django_capture_on_commit_callbacks
):
    client.force_login(advertiser_a)
    upload(client, advertiser_a, "first.png", png_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PROFILE, profile_data(advertiser_a, **{"profile-photo-clear": "on"}))
    assert response.status_code == 302
    advertiser_a.refresh_from_db()
    assert not advertiser_a.photo
    assert stored_files(media_root) == []


def test_a_refused_photo_keeps_the_old_one(client, advertiser_a, media_root):
    client.force_login(advertiser_a)
    upload(client, advertiser_a, "first.png", png_bytes())
    advertiser_a.refresh_from_db()
    first = advertiser_a.photo.name
    upload(client, advertiser_a, "bad.png", b"not a png at all")
    advertiser_a.refresh_from_db()
    assert advertiser_a.photo.name == first
    assert stored_files(media_root) == [media_root / first]
