"""Spot images and video posters stay private, renditions included (issue 12): they
are stored under `spots/` with random names, every rendition an admin page builds
goes there too, and only the permission check serves them (owner, commercial team,
broadcasters once approved); anyone else gets a 404."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from campaigns.models import ReviewState, SpotKind
from campaigns.spot_files import SPOT_COLLECTION_NAME
from campaigns.spot_storage import store_spot
from campaigns.tests import media_fixtures
from campaigns.tests.factories import CampaignFactory, SpotFactory, image_factory_image
from campaigns.tests.test_media_access import video_spot

pytestmark = pytest.mark.django_db

OUTSIDERS = ("anonymous", "advertiser_b", "editorial", "broadcaster")
READERS = ("advertiser_a", "administrator", "superuser")
# What the commercial admin's pages build: the listing and chooser thumbnails, the
# edit page and the chooser's "select format" preview, and the original.
ADMIN_FILTERS = ("max-165x165", "max-800x600", "original")


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def campaign(advertiser_a):
    return CampaignFactory(user=advertiser_a, spot_length=3)


def status(client, persona, name: str, url: str) -> int:
    client.logout()
    user = persona(name)
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


def store_image(campaign, user, tmp_path, filename="Affiche Bissap Frais.jpg"):
    path = media_fixtures.make_image(tmp_path / "upload.bin")
    from campaigns.media_checks import inspect_spot

    report = inspect_spot(path, declared_length=campaign.spot_length)
    assert report.ok, report.as_dict()
    return store_spot(campaign=campaign, user=user, path=path, filename=filename, report=report)


def build_admin_renditions(client, administrator, image) -> list[str]:
    """Open the admin pages that build renditions of `image`, as the commercial team;
    return the URLs of all its renditions."""
    client.force_login(administrator)
    assert client.get("/admin/images/").status_code == 200
    assert client.get(f"/admin/images/{image.pk}/").status_code == 200
    assert client.get(f"/admin/images/chooser/{image.pk}/select_format/").status_code == 200
    assert client.get("/admin/api/main/images/").status_code == 200
    image.get_rendition("original")
    urls = [rendition.url for rendition in image.renditions.all()]
    specs = set(image.renditions.values_list("filter_spec", flat=True))
    assert set(ADMIN_FILTERS) <= specs
    return urls


def test_an_uploaded_image_gets_a_random_private_name(campaign, advertiser_a, tmp_path):
    spot = store_image(campaign, advertiser_a, tmp_path)
    name = spot.image.file.name
    assert re.fullmatch(r"spots/images/spot~[0-9a-f]{32}\.jpg", name)
    assert "bissap" not in name.lower()
    assert spot.image.title == "Sahel Boissons SA · Affiche Bissap Frais"
    assert spot.image.collection.name == SPOT_COLLECTION_NAME
    assert spot.image.file_size == default_storage.size(name)


def test_a_video_spot_and_its_poster_get_random_names(campaign, advertiser_a, tmp_path):
    clip = media_fixtures.make_faststart_video(tmp_path / "clip.mp4", seconds=3)
    from campaigns.media_checks import inspect_spot

    report = inspect_spot(clip, declared_length=3)
    spot = store_spot(
        campaign=campaign, user=advertiser_a, path=clip, filename="bissap_frais.mp4", report=report
    )
    assert spot.kind == SpotKind.VIDEO
    for name in (spot.media.file.name, spot.media.thumbnail.name, spot.poster.file.name):
        assert "bissap" not in name.lower()
    assert re.fullmatch(r"spots/images/spot~[0-9a-f]{32}\.jpg", spot.poster.file.name)
    assert spot.media.collection.name == SPOT_COLLECTION_NAME
    assert spot.media.title.startswith("Sahel Boissons SA · ")


def test_renditions_built_by_admin_pages_are_never_public(
    client, persona, campaign, administrator, storage
):
    """The hole: after the admin listing had built them, anonymous
    GET /media/images/<spot>.max-165x165.jpg (and the others) answered 200."""
    spot = SpotFactory(campaign=campaign)  # pending
    urls = build_admin_renditions(client, administrator, spot.image)
    assert len(urls) >= len(ADMIN_FILTERS)
    for url in urls:
        assert url.startswith("/media/spots/renditions/spot~"), url
        for name in OUTSIDERS:
            assert status(client, persona, name, url) == 404, (url, name)
        for name in READERS:
            assert status(client, persona, name, url) == 200, (url, name)
    public = storage / "images"
    assert not public.exists() or not any(public.iterdir())


def test_video_poster_renditions_are_private(client, persona, campaign, administrator, storage):
    poster = image_factory_image("Poster")
    spot = video_spot(campaign, review_state=ReviewState.APPROVED)
    spot.poster = poster
    spot.save(update_fields=["poster"])
    urls = build_admin_renditions(client, administrator, poster)
    for url in urls:
        assert url.startswith("/media/spots/renditions/")
        for name in ("anonymous", "advertiser_b", "editorial"):
            assert status(client, persona, name, url) == 404, (url, name)
        # approved: the broadcasters play it
        for name in ("advertiser_a", "broadcaster", "administrator"):
            assert status(client, persona, name, url) == 200, (url, name)


def test_the_pages_that_show_a_spot_use_the_checked_address(
    client, campaign, advertiser_a, administrator
):
    spot = SpotFactory(campaign=campaign)
    image_url = spot.image.file.url
    assert image_url.startswith("/media/spots/images/spot~")
    client.force_login(advertiser_a)
    page = client.get(f"/campaigns/{campaign.uuid}/").content.decode()
    assert image_url in page
    assert client.get(image_url).status_code == 200
    client.force_login(administrator)
    from campaigns.admin.links import inspect_url

    assert image_url in client.get(inspect_url(campaign.pk)).content.decode()
    assert client.get(image_url).status_code == 200


def test_nginx_serves_only_the_public_renditions_from_disk():
    """Spot files live under /media/spots/, which nginx hands to Django (permission
    check, then X-Accel-Redirect to an internal location)."""
    conf = (Path(django_settings.BASE_DIR) / "deploy" / "nginx" / "server.conf").read_text()
    blocks = re.findall(r"location\s+([^{]+)\{([^}]*)\}", conf)
    from_disk = [where.strip() for where, body in blocks if re.search(r"\b(root|alias)\b", body)]
    for where, body in blocks:
        if where.strip() in from_disk and "media" in (where + body):
            assert where.strip() == "^~ /media/images/" or "internal;" in body, where


# --- Migration 0005: spots stored before move to the private place ----------------

migration = importlib.import_module("campaigns.migrations.0005_private_spot_media")


def legacy_spot(campaign, storage):
    """An image spot as stored before: the uploader's name under original_images/,
    its renditions public under images/."""
    image = get_image_model().objects.create(
        title="spot-2", file=get_test_image_file(filename="spot-2.png")
    )
    spot = SpotFactory(campaign=campaign, image=image)
    renditions = [image.get_rendition(spec) for spec in ADMIN_FILTERS]
    for rendition in renditions:
        assert rendition.file.name.startswith("images/spot-2.")
    return spot


def run_migration(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        migration.make_spot_media_private(
            django_apps, SimpleNamespace(connection=SimpleNamespace(alias=connection.alias))
        )


def test_the_migration_moves_old_spot_images_and_renditions(
    client, persona, campaign, storage, django_capture_on_commit_callbacks
):
    spot = legacy_spot(campaign, storage)
    image = spot.image
    old_original = image.file.name
    old = {
        r.pk: (r.file.name, default_storage.open(r.file.name).read())
        for r in image.renditions.all()
    }
    original_bytes = default_storage.open(old_original).read()
    assert status(client, persona, "anonymous", f"/media/{next(iter(old.values()))[0]}") == 200
    library = get_image_model().objects.create(title="Photo", file=get_test_image_file())

    run_migration(django_capture_on_commit_callbacks)

    image.refresh_from_db()
    assert re.fullmatch(r"spots/images/spot~[0-9a-f]{32}\.png", image.file.name)
    assert default_storage.open(image.file.name).read() == original_bytes
    assert not default_storage.exists(old_original)
    assert image.title == "Sahel Boissons SA · spot-2"
    assert image.collection.name == SPOT_COLLECTION_NAME
    moved = {r.pk: r for r in image.renditions.all()}
    assert set(moved) == set(old)
    stem = Path(image.file.name).stem
    for pk, (old_name, content) in old.items():
        new_name = moved[pk].file.name
        assert new_name.startswith(f"spots/renditions/{stem}."), new_name
        assert new_name.endswith(old_name.removeprefix("images/spot-2"))
        assert default_storage.open(new_name).read() == content
        assert not default_storage.exists(old_name)
        for name in OUTSIDERS:
            assert status(client, persona, name, f"/media/{old_name}") == 404
            assert status(client, persona, name, moved[pk].url) == 404
        assert status(client, persona, "advertiser_a", moved[pk].url) == 200
    # a new rendition goes to the private place too
    assert image.get_rendition("fill-80x80").url.startswith("/media/spots/renditions/")
    # the library's own images are left alone
    library.refresh_from_db()
    assert library.file.name.startswith("original_images/")
    assert library.collection.name != SPOT_COLLECTION_NAME

    run_migration(django_capture_on_commit_callbacks)  # twice: nothing moves again
    image.refresh_from_db()
    assert set(image.renditions.values_list("file", flat=True)) == {
        r.file.name for r in moved.values()
    } | {image.get_rendition("fill-80x80").file.name}
    assert image.title == "Sahel Boissons SA · spot-2"


def test_the_migration_keeps_a_row_whose_file_is_missing(
    campaign, storage, django_capture_on_commit_callbacks
):
    image = get_image_model().objects.create(title="Perdu", file=get_test_image_file())
    SpotFactory(campaign=campaign, image=image)
    default_storage.delete(image.file.name)
    run_migration(django_capture_on_commit_callbacks)
    name = get_image_model().objects.filter(pk=image.pk).values_list("file", flat=True).get()
    assert name.startswith("spots/images/spot~")
    assert Collection.objects.filter(name=SPOT_COLLECTION_NAME).count() == 1


def test_a_file_replaced_in_the_image_library_stays_private(
    client, persona, campaign, administrator, storage, django_capture_on_commit_callbacks
):
    spot = SpotFactory(campaign=campaign)
    image = spot.image
    client.force_login(administrator)
    picture = get_test_image_file(filename="nouvelle-affiche-bissap.png", colour="red")
    upload = SimpleUploadedFile(picture.name, picture.file.getvalue(), "image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/images/{image.pk}/",
            {
                "title": image.title,
                "collection": image.collection_id,
                "tags": "",
                "file": upload,
                "focal_point_x": "",
                "focal_point_y": "",
                "focal_point_width": "",
                "focal_point_height": "",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    image.refresh_from_db()
    assert re.fullmatch(r"spots/images/spot~[0-9a-f]{32}\.png", image.file.name)
    urls = build_admin_renditions(client, administrator, image)
    for url in urls:
        assert url.startswith("/media/spots/renditions/")
        assert status(client, persona, "anonymous", url) == 404
        assert status(client, persona, "advertiser_a", url) == 200
    public = storage / "images"
    assert not public.exists() or not any(public.iterdir())
    leftovers = (
        list((storage / "original_images").glob("*"))
        if (storage / "original_images").exists()
        else []
    )
    assert leftovers == []


def test_a_rendition_check_costs_one_query(
    campaign, advertiser_a, broadcaster, django_assert_max_num_queries
):
    from accounts.media_access import Access, media_access

    spot = SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
    path = spot.image.get_rendition("max-165x165").file.name
    for user in (advertiser_a, broadcaster):
        fresh = type(user).objects.get(pk=user.pk)  # groups not cached yet
        with django_assert_max_num_queries(2):
            assert media_access(fresh, path) is Access.PRIVATE
