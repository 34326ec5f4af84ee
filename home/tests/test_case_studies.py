"""The advertiser stories (“Références”): the listing and its filters, a story's
figures (by hand or from its campaign), its spot (the video only with consent)
and the “A campaign like this one” links."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtailmedia.models import get_media_model

from accounts.tests.factories import BusinessSectorFactory
from home.case_studies import campaign_figures, next_monday, similar_campaign_links
from home.models import CaseStudyBand, CaseStudyIndexPage, CaseStudyPage, HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""
    return settings.MEDIA_ROOT


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_image(title: str = "Affiche"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 180), (220, 38, 38)).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title.lower()}.png")
    )


def make_video(title: str = "Spot"):
    from django.core.files.base import ContentFile

    return get_media_model().objects.create(
        title=title, type="video", file=ContentFile(b"mp4 bytes", name="spot.mp4")
    )


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def index(home):
    return publish(
        home,
        CaseStudyIndexPage(
            title="Références", slug="references", introduction="Ils nous font confiance."
        ),
    )


_SERIAL = iter(range(1, 10_000))


def make_story(index, *, live: bool = True, bands=(("prime-time", 12),), **fields) -> CaseStudyPage:
    number = next(_SERIAL)
    values = {
        "title": f"Histoire {number}",
        "slug": f"histoire-{number}",
        "advertiser_name": f"Annonceur {number}",
        "objective": "launch",
        "audience": "youth",
        "summary": "Une campagne réussie.",
        "spot_length": 30,
        "start_date": dt.date(2026, 3, 2),
        "end_date": dt.date(2026, 3, 15),
        "results": "<p>« Nos ventes ont triplé. »</p>",
        "quote": "La télévision, ça marche !",
        "quote_author": "Awa, gérante",
    }
    values.update(fields)
    story = CaseStudyPage(**values)
    story.bands = [
        CaseStudyBand(band_code=code, airings=airings, sort_order=order)
        for order, (code, airings) in enumerate(bands)
    ]
    if live:
        return publish(index, story)
    story.live = False
    index.add_child(instance=story)
    return story


def test_listing_shows_only_live_public_stories(client, index):
    shown = make_story(index, title="Lancement réussi")
    make_story(index, title="Brouillon secret", live=False)
    gone = make_story(index, title="Retirée du site")
    gone.unpublish()

    response = client.get("/references/")

    assert response.status_code == 200
    assert response.templates[0].name == "home/case_study_index_page.html"
    html = response.content.decode()
    assert "Lancement réussi" in html
    assert "Brouillon secret" not in html
    assert "Retirée du site" not in html
    assert list(response.context["stories"]) == [shown]


def test_filters_by_sector_slug_or_pk_and_by_objective(client, index):
    telecoms = BusinessSectorFactory(name="Télécoms test", slug="telecoms-test")
    schools = BusinessSectorFactory(name="Écoles test", slug="ecoles-test")
    BusinessSectorFactory(name="Sans histoire", slug="sans-histoire")
    phone = make_story(index, title="Forfait jeunes", sector=telecoms, objective="launch")
    school = make_story(index, title="Portes ouvertes", sector=schools, objective="event")

    by_slug = client.get("/references/?secteur=telecoms-test")
    by_pk = client.get(f"/references/?secteur={schools.pk}")
    by_objective = client.get("/references/?objectif=event")

    assert list(by_slug.context["stories"]) == [phone]
    assert list(by_pk.context["stories"]) == [school]
    assert list(by_objective.context["stories"]) == [school]
    # only the sectors and objectives of live stories are offered
    assert by_slug.context["sectors"] == [schools, telecoms]
    assert [code for code, label in by_slug.context["objectives"]] == ["launch", "event"]
    html = by_slug.content.decode()
    assert '<label for="story-sector"' in html and '<label for="story-objective"' in html
    assert '<option value="telecoms-test" selected>' in html
    assert "Sans histoire" not in html


def test_filters_without_result_say_so_and_offer_to_reset(client, index):
    telecoms = BusinessSectorFactory(slug="telecoms-vide")
    make_story(index, sector=telecoms, objective="launch")
    make_story(index, objective="event")

    response = client.get("/references/?secteur=telecoms-vide&objectif=event")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Aucune référence ne correspond à ces filtres." in html
    assert 'href="/references/"' in html


@pytest.mark.parametrize(
    "query",
    [
        "secteur=%3Cscript%3E",
        "secteur=999999",
        "secteur=-1",
        "secteur=" + "9" * 40,
        "objectif=nope",
        "objectif=launch%00",
        "secteur=a&secteur=b&objectif=launch&objectif=event",
        "page=abc",
        "page=-3",
        "page=0",
        "page=" + "9" * 40,
        "page=1e5",
    ],
)
def test_hostile_filter_and_page_values_are_ignored(client, index, query):
    story = make_story(index)

    response = client.get(f"/references/?{query}")

    assert response.status_code == 200
    assert list(response.context["stories"]) == [story]


def test_listing_is_paginated_by_nine(client, index):
    for _ in range(10):
        make_story(index)

    first = client.get("/references/")
    second = client.get("/references/?page=2")

    assert len(first.context["stories"]) == 9
    assert len(second.context["stories"]) == 1
    assert 'rel="next"' in first.content.decode()


def test_empty_listing_says_no_story_yet(client, index):
    html = client.get("/references/").content.decode()

    assert "Aucune référence n’a encore été publiée." in html


def _listing_queries(client, count: int, index) -> int:
    sector = BusinessSectorFactory()
    for _ in range(count):
        make_story(index, sector=sector, logo=make_image("Logo"), poster=make_image("Affiche"))
    client.get(f"{index.url}?page=1")  # renditions created once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{index.url}?page=1")
    assert response.status_code == 200
    assert len(response.context["stories"]) == count
    return len(queries)


def test_listing_query_count_does_not_grow_with_stories(client, home):
    first = publish(home, CaseStudyIndexPage(title="Références A", slug="references-a"))
    few = _listing_queries(client, 3, first)
    first.unpublish()
    second = publish(home, CaseStudyIndexPage(title="Références B", slug="references-b"))
    many = _listing_queries(client, 9, second)

    assert many == few


def test_story_page_shows_the_figures_entered_by_hand(client, index):
    story = make_story(
        index,
        title="Forfait Yéléen",
        bands=(("prime-time", 12), ("avant-soiree", 8)),
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 3, 15),
    )
    CaseStudyBand.objects.filter(page=story, band_code="avant-soiree").update(
        band_label="Avant-soirée"
    )

    response = client.get(story.url)

    assert response.status_code == 200
    assert response.templates[0].name == "home/case_study_page.html"
    figures = response.context["figures"]
    assert figures["from_campaign"] is False
    assert figures["total_airings"] == 20
    assert figures["days"] == 14
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Avant-soirée" in html
    assert "2 mars 2026" in html and "15 mars 2026" in html
    assert "Nos ventes ont triplé" in html


def test_story_linked_to_a_campaign_shows_the_campaign_figures(client, index):
    from campaigns.tests.factories import CampaignFactory

    campaign = CampaignFactory(
        spot_length=45,
        start_date=dt.date(2026, 5, 4),
        end_date=dt.date(2026, 5, 10),
        lines=[("matinee", 5), ("prime-time", 7)],
    )
    story = make_story(index, campaign=campaign, spot_length=20, bands=(("x", 1),))

    figures = campaign_figures(story)
    html = client.get(story.url).content.decode()

    assert figures["from_campaign"] is True
    assert figures["spot_length"] == 45
    assert figures["days"] == 7
    assert [(li["band_code"], li["airings"], li["aired"]) for li in figures["lines"]] == [
        ("matinee", 5, 0),
        ("prime-time", 7, 0),
    ]
    assert figures["total_airings"] == 12
    assert "4 mai 2026" in html


def test_video_is_shown_only_with_consent(client, index):
    video, poster = make_video(), make_image("Affiche")
    private = make_story(index, video=video, poster=poster, poster_description="Une boutique")
    public = make_story(
        index,
        video=video,
        poster=poster,
        consent_given=True,
        consent_date=dt.date(2026, 4, 1),
    )

    private_html = client.get(private.url).content.decode()
    public_html = client.get(public.url).content.decode()

    assert "<video" not in private_html
    assert 'alt="Une boutique"' in private_html
    assert "<video" in public_html
    assert 'preload="none"' in public_html and "controls" in public_html
    assert video.file.url in public_html


def test_similar_campaign_links_start_next_monday(index, home):
    from simulator.models import AdvisorPage, SimulatorPage

    publish(home, AdvisorPage(title="Conseiller", slug="conseiller"))
    publish(home, SimulatorPage(title="Simulateur", slug="simulateur"))
    story = make_story(index, bands=(("prime-time", 12), ("matinee", 3)))
    today = dt.date(2026, 11, 18)  # a Wednesday

    links = similar_campaign_links(story, campaign_figures(story), today=today)

    assert links["advisor"] == "/conseiller/?objective=launch&audience=youth"
    assert links["simulator"] == (
        "/simulateur/?spot_length=30&start_date=2026-11-23&end_date=2026-12-06"
        "&bands=prime-time:12,matinee:3"
    )


def test_similar_links_without_audience_dates_or_live_pages(index, home):
    from simulator.models import AdvisorPage, SimulatorPage

    advisor = publish(home, AdvisorPage(title="Conseiller", slug="conseiller"))
    publish(home, SimulatorPage(title="Simulateur", slug="simulateur"))
    story = make_story(index, audience="", start_date=None, end_date=None)
    no_length = make_story(index, spot_length=None)

    links = similar_campaign_links(story, campaign_figures(story), today=dt.date(2026, 11, 23))
    assert links["advisor"] == "/conseiller/?objective=launch"
    assert "start_date=2026-11-30&end_date=2026-12-13" in links["simulator"]
    assert similar_campaign_links(no_length, campaign_figures(no_length))["simulator"] is None

    advisor.unpublish()
    assert similar_campaign_links(story, campaign_figures(story))["advisor"] is None


def test_story_page_ends_with_a_campaign_like_this_one(client, index, home):
    from simulator.models import SimulatorPage

    publish(home, SimulatorPage(title="Simulateur", slug="simulateur"))
    story = make_story(index)

    html = client.get(story.url).content.decode()

    assert "Une campagne comme celle-ci" in html
    assert 'href="/simulateur/?spot_length=30&amp;start_date=' in html


def test_next_monday():
    assert next_monday(dt.date(2026, 11, 18)) == dt.date(2026, 11, 23)
    assert next_monday(dt.date(2026, 11, 23)) == dt.date(2026, 11, 30)
    assert next_monday(dt.date(2026, 11, 22)) == dt.date(2026, 11, 23)
