"""The advertisers' creatives in the Wagtail libraries (issue 12): the editorial
manager used to list every spot image with its download address through
/admin/api/main/images/ and to open any of them in the image chooser. Now the
editorial desk and the broadcasters see no spot image, poster or video in the
libraries, their choosers or the admin API; the commercial team sees them, each
titled with the advertiser's name."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, GroupCollectionPermission

from accounts.roles import Role
from accounts.tests.factories import role_group
from campaigns.models import ReviewState
from campaigns.tests.factories import CampaignFactory, SpotFactory, image_factory_image
from campaigns.tests.test_media_access import video_spot

pytestmark = pytest.mark.django_db

ADVERTISER = "Sahel Boissons SA"


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""


@pytest.fixture
def spots(advertiser_a):
    """A pending image spot and an approved video spot with its poster, stored as the
    upload stores them, and one ordinary library image."""
    campaign = CampaignFactory(user=advertiser_a)
    image_spot = SpotFactory(
        campaign=campaign, image=image_factory_image(f"{ADVERTISER} · Affiche bissap")
    )
    video = video_spot(campaign, review_state=ReviewState.APPROVED)
    video.poster = image_factory_image(f"{ADVERTISER} · Spot bissap")
    video.save(update_fields=["poster"])
    library = get_image_model().objects.create(
        title="Photo du plateau", file=get_test_image_file(filename="plateau.png")
    )
    return {
        "image": image_spot.image,
        "poster": video.poster,
        "media": video.media,
        "library": library,
    }


def grant(role: Role, app_label: str, *codenames: str) -> None:
    """Give `role`'s group the library permissions on the root collection (as an
    operator might, so that the editorial desk can illustrate pages)."""
    root = Collection.get_first_root_node()
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=role_group(role), collection=root, permission=permission
        )


def chooser_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def api_ids(client) -> set[int]:
    response = client.get("/admin/api/main/images/")
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def test_the_admin_api_hides_spots_from_the_editorial_desk(client, editorial, spots, advertiser_a):
    # a spot image moved out of the spots collection stays hidden too
    moved = get_image_model().objects.create(title="Déplacé", file=get_test_image_file())
    SpotFactory(campaign=CampaignFactory(user=advertiser_a), image=moved)
    client.force_login(editorial)
    ids = api_ids(client)
    assert spots["image"].pk not in ids and spots["poster"].pk not in ids
    assert moved.pk not in ids
    assert spots["library"].pk in ids
    for key in ("image", "poster"):
        assert client.get(f"/admin/api/main/images/{spots[key].pk}/").status_code == 404
    body = client.get("/admin/api/main/images/?fields=*").content.decode()
    assert "spots/" not in body and ADVERTISER not in body


def test_the_image_chooser_hides_spots_from_the_editorial_desk(client, editorial, spots):
    grant(Role.EDITORIAL, "wagtailimages", "choose_image")
    client.force_login(editorial)
    for url in ("/admin/images/chooser/", "/admin/images/chooser/results/"):
        html = chooser_html(client, url)
        assert "Photo du plateau" in html
        assert ADVERTISER not in html and "spots/" not in html
    for key in ("image", "poster"):
        url = f"/admin/images/chooser/{spots[key].pk}/select_format/"
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404
        assert client.get(f"/admin/images/chooser/{spots[key].pk}/").status_code in (302, 403, 404)
    library = f"/admin/images/chooser/{spots['library'].pk}/select_format/"
    assert client.get(library).status_code == 200


def test_the_media_chooser_hides_spot_videos_from_the_editorial_desk(client, editorial, spots):
    grant(Role.EDITORIAL, "wagtailmedia", "change_media")
    client.force_login(editorial)
    html = chooser_html(client, "/admin/media/chooser/")
    assert spots["media"].title not in html and "bissap" not in html


def test_the_libraries_stay_closed_to_the_editorial_desk(client, editorial, spots):
    """With the roles of migration accounts 0002 (no library permission), every
    library page of a spot is refused."""
    client.force_login(editorial)
    urls = [
        "/admin/images/",
        f"/admin/images/{spots['image'].pk}/",
        f"/admin/images/{spots['image'].pk}/preview/max-100x100/",
        f"/admin/images/usage/{spots['image'].pk}/",
        "/admin/media/",
        f"/admin/media/edit/{spots['media'].pk}/",
        f"/admin/media/chooser/{spots['media'].pk}/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert ADVERTISER not in response.content.decode()


def test_broadcasters_have_no_library(client, broadcaster, spots):
    client.force_login(broadcaster)
    for url in (
        "/admin/api/main/images/",
        f"/admin/api/main/images/{spots['image'].pk}/",
        "/admin/images/chooser/",
        f"/admin/images/chooser/{spots['image'].pk}/select_format/",
        "/admin/media/chooser/",
        "/admin/images/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert ADVERTISER not in response.content.decode()


@pytest.mark.parametrize("who", ["administrator", "superuser"])
def test_the_commercial_team_sees_spots_with_the_advertiser(client, persona, who, spots):
    client.force_login(persona(who))
    ids = api_ids(client)
    assert {spots["image"].pk, spots["poster"].pk, spots["library"].pk} <= ids
    item = client.get(f"/admin/api/main/images/{spots['image'].pk}/").json()
    assert item["title"].startswith(ADVERTISER)
    assert item["meta"]["download_url"].startswith("/media/spots/images/")
    assert item["thumbnail"]["url"].startswith("/media/spots/renditions/")
    chooser = chooser_html(client, "/admin/images/chooser/")
    assert f"{ADVERTISER} · Affiche bissap" in chooser
    listing = client.get("/admin/images/").content.decode()
    assert f"{ADVERTISER} · Affiche bissap" in listing
    url = f"/admin/images/chooser/{spots['image'].pk}/select_format/"
    assert client.get(url).status_code == 200
    media = chooser_html(client, "/admin/media/chooser/")
    assert spots["media"].title in media
