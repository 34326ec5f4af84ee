"""The access matrix of the public Wagtail pages of issue 20, which Wagtail's
catch-all serves (tests/test_access_matrix.py declares the catch-all): the
advisor's screens and its recommendation, hostile answers, the stories'
listing, a live story, a draft story, and a story's video before and after the
advertiser's consent, each walked as every persona. Public means the same page
for everyone; a draft is a 404 for everyone, a video without consent for everyone
but the commercial administrators, who manage the media library (the media
rule of accounts/media_access.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from wagtailmedia.models import get_media_model

from home.models import CaseStudyIndexPage, CaseStudyPage, HomePage
from simulator.demo import ensure_demo_rate_card
from simulator.tests.simulator_pages import make_advisor_page, make_simulator_page
from tests.test_access_matrix import NOT_FOUND, OK, PERSONAS, check, sign_in

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Africa/Ouagadougou"))
ANSWERS = "objective=launch&audience=youth&budget=1500000&start_date=2026-11-23&weeks=2"
HOSTILE = "objective=%3Cscript%3E&audience=%00&budget=-5&start_date=2026-02-30&weeks=99"


@pytest.fixture
def site(settings, tmp_path, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(NOW, tick=False)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""
    ensure_demo_rate_card()
    make_simulator_page()
    make_advisor_page()
    videos = {
        consent: get_media_model().objects.create(
            title=f"Spot {consent}",
            type="video",
            file=ContentFile(b"mp4 bytes", name=f"spot-{consent}.mp4"),
        )
        for consent in ("given", "missing")
    }
    with django_capture_on_commit_callbacks(execute=True):
        index = CaseStudyIndexPage(title="Références", slug="references")
        HomePage.objects.get().add_child(instance=index)
        index.save_revision().publish()
        for slug, live, consent in (
            ("lancement", True, "given"),
            ("sans-accord", True, "missing"),
            ("brouillon", False, "given"),
        ):
            story = CaseStudyPage(
                title=slug.capitalize(),
                slug=slug,
                advertiser_name="Sahel Connect",
                objective="launch",
                summary="Un lancement.",
                video=videos[consent],
                consent_given=consent == "given",
                consent_date=dt.date(2026, 4, 1) if consent == "given" else None,
                live=live,
            )
            index.add_child(instance=story)
            if live:
                story.save_revision().publish()
    return {consent: f"/media/{video.file.name}" for consent, video in videos.items()}


PAGES = [
    ("/conseiller/", OK, None),
    ("/conseiller/?objective=launch", OK, "Étape 2 sur 4"),
    (f"/conseiller/?{ANSWERS}", OK, "Réserver cette recommandation"),
    (f"/conseiller/?{HOSTILE}", OK, "des objectifs ci-dessous."),
    ("/references/", OK, "Sahel Connect"),
    ("/references/?sector=%3Cscript%3E&objective=nope&page=-1", OK, "Sahel Connect"),
    ("/references/lancement/", OK, "Une campagne comme celle-ci"),
    ("/references/brouillon/", NOT_FOUND, None),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("url", "outcome", "shows"), PAGES)
def test_issue_20_page(client, request, site, persona, url, outcome, shows):
    sign_in(client, request, persona)
    response = client.get(url)
    check(response, outcome, f"GET {url} as {persona}")
    if shows:
        assert shows in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_story_video_is_public_only_with_consent(client, request, site, persona):
    sign_in(client, request, persona)
    check(client.get(site["given"]), OK, f"video with consent as {persona}")
    private = OK if persona == "administrator" else NOT_FOUND
    check(client.get(site["missing"]), private, f"video without consent as {persona}")
