"""A video used on a live public page is public, unless the page says otherwise
(`media_is_public`, duck-typed): an advertiser story's video stays private until
the advertiser's consent is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from wagtailmedia.models import get_media_model

from accounts.media_access import _used_on_live_public_page
from accounts.tests.test_private_media import fetch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""
    return settings.MEDIA_ROOT


@pytest.fixture
def video(db):
    return get_media_model().objects.create(
        title="Spot Sahel Connect",
        type="video",
        file=ContentFile(b"mp4 bytes", name="spot-reference.mp4"),
        thumbnail=ContentFile(b"\x89PNG thumbnail", name="spot-reference.png"),
    )


@pytest.fixture
def index(db, django_capture_on_commit_callbacks):
    from home.models import CaseStudyIndexPage, HomePage

    index = CaseStudyIndexPage(title="Références", slug="references")
    with django_capture_on_commit_callbacks(execute=True):
        HomePage.objects.get().add_child(instance=index)
        index.save_revision().publish()
    return index


def story(index, video, *, consent: bool, live: bool = True, slug="forfait-jeunes"):
    from home.models import CaseStudyPage

    page = CaseStudyPage(
        title="Forfait jeunes",
        slug=slug,
        advertiser_name="Sahel Connect",
        objective="launch",
        summary="Un lancement.",
        video=video,
        consent_given=consent,
        consent_date=dt.date(2026, 4, 1) if consent else None,
        live=live,
    )
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def test_a_story_without_consent_keeps_its_video_private(
    index, video, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story(index, video, consent=False)

    for path in (video.file.name, video.thumbnail.name):
        with pytest.raises(Http404):
            fetch(path)


def test_a_story_with_consent_makes_its_video_public(
    index, video, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story(index, video, consent=True)

    response = fetch(video.file.name)
    assert response.status_code == 200
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    # Browsers keep it an hour; a shared cache only a minute, so that a withdrawn
    # consent is not outlived by a copy that nothing can purge.
    assert control == {"public", "max-age=3600", "s-maxage=60"}
    assert fetch(video.thumbnail.name).status_code == 200


def test_an_unpublished_story_keeps_its_video_private(
    index, video, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = story(index, video, consent=True, live=False)
    with pytest.raises(Http404):
        fetch(video.file.name)

    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert fetch(video.file.name).status_code == 200
    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        draft.unpublish()
    with pytest.raises(Http404):
        fetch(video.file.name)


def test_withdrawing_consent_makes_the_video_private_again(
    index, video, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = story(index, video, consent=True)
    assert fetch(video.file.name).status_code == 200

    page.consent_given = False
    page.consent_date = None
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    with pytest.raises(Http404):
        fetch(video.file.name)


def test_another_page_using_the_video_still_makes_it_public(
    index, video, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    from home.models import StandardPage

    with django_capture_on_commit_callbacks(execute=True):
        story(index, video, consent=False)
        guide = StandardPage(
            title="Guide vidéo",
            slug="guide-video-reference",
            body=[("video", {"video": video, "caption": ""})],
        )
        Page.get_first_root_node().add_child(instance=guide)
        guide.save_revision().publish()

    assert fetch(video.file.name).status_code == 200


def test_the_check_costs_few_queries(
    index, video, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        story(index, video, consent=True)
        story(index, video, consent=False, slug="autre-histoire")

    with django_assert_max_num_queries(5):
        assert _used_on_live_public_page(video) is True
