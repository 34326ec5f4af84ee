"""Advertiser stories as edited and published: the consent recorded by the
admin form, the whole-page cache replaced on publish/unpublish, the demo
stories."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.models import CaseStudyIndexPage, CaseStudyPage, HomePage

from .test_case_studies import make_story, make_video, publish
from .utils import login, make_user

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 18)  # the station's clock of conftest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""
    return settings.MEDIA_ROOT


@pytest.fixture
def index(db):
    index = CaseStudyIndexPage(title="Références", slug="references")
    return publish(HomePage.objects.get(), index)


@pytest.fixture
def editor(db):
    return make_user("editeur@bf1.bf", is_staff=True, is_superuser=True)


def form_for(story, editor, **changes):
    form_class = CaseStudyPage.get_edit_handler().get_form_class()
    data = {
        "title": story.title,
        "slug": story.slug,
        "advertiser_name": story.advertiser_name,
        "objective": story.objective,
        "audience": story.audience,
        "summary": story.summary,
        "spot_length": story.spot_length or "",
        "start_date": story.start_date or "",
        "end_date": story.end_date or "",
        "results": rich_text(story.results),
        "quote": story.quote,
        "quote_author": story.quote_author,
        "consent_given": story.consent_given,
        "consent_date": story.consent_date or "",
        "bands": inline_formset([]),
    }
    data.update(changes)
    if not data["consent_given"]:
        data.pop("consent_given")
    return form_class(
        nested_form_data(data), instance=story, parent_page=story.get_parent(), for_user=editor
    )


def test_ticking_consent_records_today_and_the_editor(index, editor):
    story = make_story(index)

    form = form_for(story, editor, consent_given=True, consent_date="")

    assert form.is_valid(), form.errors
    page = form.save(commit=False)
    assert page.consent_given is True
    assert page.consent_date == TODAY
    assert page.consent_recorded_by == editor


def test_a_consent_date_in_the_future_is_refused(index, editor):
    story = make_story(index)

    form = form_for(story, editor, consent_given=True, consent_date="2026-11-19")

    assert not form.is_valid()
    assert form.errors["consent_date"] == ["La date de l’accord ne peut pas être dans le futur."]


def test_an_earlier_consent_keeps_its_staff_member(index, editor):
    first = make_user("premier@bf1.bf", is_staff=True)
    story = make_story(
        index, consent_given=True, consent_date=dt.date(2026, 4, 1), consent_recorded_by=first
    )

    form = form_for(story, editor, quote="Nouvelle citation")

    assert form.is_valid(), form.errors
    page = form.save(commit=False)
    assert page.consent_date == dt.date(2026, 4, 1)
    assert page.consent_recorded_by == first


def test_unticking_consent_clears_date_and_staff(index, editor):
    story = make_story(
        index, consent_given=True, consent_date=dt.date(2026, 4, 1), consent_recorded_by=editor
    )

    form = form_for(story, editor, consent_given=False)

    assert form.is_valid(), form.errors
    page = form.save(commit=False)
    assert (page.consent_given, page.consent_date, page.consent_recorded_by) == (False, None, None)


def test_a_video_without_consent_is_allowed_and_end_before_start_is_refused(index, editor):
    story = make_story(index, video=make_video())

    assert form_for(story, editor).is_valid()
    form = form_for(story, editor, start_date="2026-03-15", end_date="2026-03-02")
    assert not form.is_valid()
    assert "end_date" in form.errors


def test_the_admin_edit_view_records_the_consent(client, index, editor):
    story = make_story(index)
    login(client, editor)
    form = form_for(story, editor, consent_given=True, consent_date="")

    response = client.post(f"/admin/pages/{story.pk}/edit/", form.data)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{story.pk}/edit/"
    story.refresh_from_db()
    draft = story.get_latest_revision_as_object()
    assert draft.consent_date == TODAY
    assert draft.consent_recorded_by_id == editor.pk


def test_publishing_and_consent_replace_the_cached_pages(client, index, django_assert_num_queries):
    cache.clear()
    story = make_story(index, title="Première histoire", video=make_video())
    assert "Première histoire" in client.get("/references/").content.decode()
    with django_assert_num_queries(0):  # the listing is cached whole
        assert "Première histoire" in client.get("/references/").content.decode()
    assert "<video" not in client.get(story.url).content.decode()

    newcomer = make_story(index, title="Nouvelle histoire")
    assert "Nouvelle histoire" in client.get("/references/").content.decode()

    newcomer.unpublish()
    assert "Nouvelle histoire" not in client.get("/references/").content.decode()

    story.consent_given = True
    story.consent_date = dt.date(2026, 11, 1)
    story.save_revision().publish()
    assert "<video" in client.get(story.url).content.decode()


def test_demo_stories_are_created_once(settings, tmp_path):
    pytest.importorskip("home.demo.media_files")
    from home.demo.stories import STORIES, ensure_demo_stories

    home = HomePage.objects.get()

    assert ensure_demo_stories(home_page=home) == 1 + len(STORIES)
    assert ensure_demo_stories(home_page=home) == 0
    stories = CaseStudyPage.objects.live()
    assert stories.count() == len(STORIES)
    assert stories.filter(consent_given=True).count() == 2
    assert all(story.poster and story.video and story.bands.exists() for story in stories)


def test_the_admin_forms_open(client, index, editor):
    story = make_story(index, consent_given=True, consent_date=dt.date(2026, 4, 1))
    story.consent_recorded_by = editor
    story.save_revision().publish()
    login(client, editor)

    edit = client.get(f"/admin/pages/{story.pk}/edit/")
    add = client.get(f"/admin/pages/add/home/casestudypage/{index.pk}/")

    assert edit.status_code == 200
    assert add.status_code == 200
    assert 'name="consent_recorded_by"' not in edit.content.decode()
    assert "editeur@bf1.bf" in edit.content.decode()
