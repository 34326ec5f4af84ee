"""The files of campaigns and spots under /media/: the advertiser reads its own
(spot video, poster and thumbnail, image, authorisation document, brief
material), broadcasters read approved spots, the administrators everything;
anyone else gets the same 404 as for a missing file."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtailmedia.models import get_media_model

from accounts.media_access import Access, media_access
from campaigns.models import ReviewState, SpotKind
from campaigns.tests.factories import CampaignFactory, SpotFactory, pdf_file

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "advertiser_a",
    "advertiser_b",
    "broadcaster",
    "editorial",
    "administrator",
]


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""


def video_spot(campaign, review_state=ReviewState.PENDING):
    media = get_media_model().objects.create(
        title="Spot bissap",
        type="video",
        duration=30,
        file=ContentFile(b"mp4 bytes", name="bissap.mp4"),
        thumbnail=ContentFile(b"jpeg bytes", name="bissap-poster.jpg"),
    )
    poster = get_image_model().objects.create(title="Poster", file=get_test_image_file())
    return SpotFactory(
        campaign=campaign,
        kind=SpotKind.VIDEO,
        media=media,
        image=None,
        poster=poster,
        review_state=review_state,
    )


@pytest.fixture
def campaign(advertiser_a):
    campaign = CampaignFactory(user=advertiser_a)
    campaign.authorization_document.save("autorisation.pdf", pdf_file(), save=False)
    campaign.brief_material.save("logo.pdf", pdf_file("logo.pdf"), save=False)
    campaign.save()
    return campaign


def spot_files(spot) -> dict[str, str]:
    if spot.kind == SpotKind.VIDEO:
        return {
            "video": spot.media.file.name,
            "thumbnail": spot.media.thumbnail.name,
            "poster": spot.poster.file.name,
        }
    return {"image": spot.image.file.name}


def fetch(client, persona, name: str, path: str) -> int:
    user = persona(name)
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(f"/media/{path}").status_code


def test_every_file_of_a_video_spot(client, persona, campaign):
    spot = video_spot(campaign)  # pending: broadcasters do not see it yet
    expected = {"advertiser_a": 200, "administrator": 200}
    for what, path in spot_files(spot).items():
        assert path.startswith(("media/", "media_thumbnails/", "original_images/"))
        for name in PERSONAS:
            status = fetch(client, persona, name, path)
            assert status == expected.get(name, 404), f"{what} as {name}"


def test_broadcasters_read_approved_spots(client, persona, campaign):
    video = video_spot(campaign, review_state=ReviewState.APPROVED)
    image = SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
    expected = {"advertiser_a": 200, "broadcaster": 200, "administrator": 200}
    for spot in (video, image):
        for what, path in spot_files(spot).items():
            for name in PERSONAS:
                status = fetch(client, persona, name, path)
                assert status == expected.get(name, 404), f"{what} as {name}"


def test_campaign_documents(client, persona, campaign):
    paths = [campaign.authorization_document.name, campaign.brief_material.name]
    expected = {"advertiser_a": 200, "administrator": 200}
    for path in paths:
        assert path.startswith("campaigns/")
        for name in PERSONAS:
            assert fetch(client, persona, name, path) == expected.get(name, 404), f"{path} {name}"


def test_an_image_spot_of_another_company(client, advertiser_a, advertiser_b):
    theirs = SpotFactory(campaign=CampaignFactory(user=advertiser_b))
    client.force_login(advertiser_a)
    assert client.get(theirs.image.file.url).status_code == 404
    client.force_login(advertiser_b)
    response = client.get(theirs.image.file.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_a_reused_spot_stays_readable(client, advertiser_a, campaign):
    """A reused spot shares the file of the earlier campaign's spot."""
    from campaigns import services

    original = SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
    later = CampaignFactory(user=advertiser_a)
    copy = services.reuse_spot(campaign=later, spot=original, user=advertiser_a)
    client.force_login(advertiser_a)
    assert client.get(copy.image.file.url).status_code == 200


def test_an_unrelated_original_image_stays_for_administrators(client, advertiser_a, broadcaster):
    image = get_image_model().objects.create(title="Photo d'archive", file=get_test_image_file())
    for user in (advertiser_a, broadcaster):
        client.force_login(user)
        assert client.get(image.file.url).status_code == 404


def test_each_answer_costs_few_queries(
    advertiser_a, broadcaster, campaign, django_assert_max_num_queries
):
    spot = video_spot(campaign, review_state=ReviewState.APPROVED)
    for user in (advertiser_a, broadcaster):
        for path in [*spot_files(spot).values(), campaign.authorization_document.name]:
            fresh = type(user).objects.get(pk=user.pk)  # groups not cached yet
            with django_assert_max_num_queries(2):
                media_access(fresh, path)
    # anonymous visitors cost no query for a spot file
    from django.contrib.auth.models import AnonymousUser

    with django_assert_max_num_queries(0):
        assert media_access(AnonymousUser(), spot.poster.file.name) is Access.DENIED
