"""What the index is built from: published pages split at their headings, live
FAQ entries, the live rate card; and the rebuild asked for by every change."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from assistant.demo import faq_links
from assistant.models import FaqEntry, IndexState, Passage, SynonymGroup
from assistant.passages import card_passages, faq_passages, page_passages
from assistant.passages.base import html_sections
from assistant.services import index
from assistant.services.index import rebuild_index, request_index_rebuild
from home.models import GuidePage
from simulator.models import TimeBand

pytestmark = pytest.mark.django_db


def test_html_is_split_at_its_headings_and_read_as_text():
    html = "<p>Intro &amp; suite</p><h3>Titre</h3><ul><li>un</li><li>deux</li></ul>"
    sections = html_sections(html)
    assert sections == [(None, "Intro & suite"), ("Titre", "- un\n- deux")]


def test_a_page_is_split_into_its_headings_and_paragraphs(site_pages):
    passages = [p for p in page_passages() if p.source_key == "page:exigences-techniques"]
    assert [p.heading for p in passages] == ["", "Vidéo", "Son", "Stéréo"]
    first, video, sound, stereo = passages
    assert "Fichier MP4" in first.text and "refusé" in first.text  # summary, then the intro
    assert video.text == "- Conteneur : MP4 ou MOV.\n- Codec H.264."
    assert "<" not in sound.text and "-23 LUFS & crête" in sound.text
    assert stereo.text == "48 kHz."
    assert {p.url for p in passages} == {site_pages["guide"].url}
    assert all(p.title == "Exigences techniques" for p in passages)


def test_simulator_teaching_blocks_are_passages_with_their_anchor(site_pages):
    blocks = [p for p in page_passages() if p.source_key == "page:simulateur" and p.heading]
    assert blocks and all("#teach-" in p.url for p in blocks)


def test_unpublished_and_private_pages_are_left_out(site_pages):
    site_pages["guide"].unpublish()
    assert "page:exigences-techniques" not in {p.source_key for p in page_passages()}


def _faq(key: str, *, live: bool = True, links=()) -> FaqEntry:
    return FaqEntry.objects.create(
        key=key,
        question=f"Question {key} ?",
        variants="autre formulation\n\nencore une",
        answer="<p>Réponse <b>en gras</b>.</p>",
        links=faq_links(list(links)),
        live=live,
    )


def test_live_faq_entries_make_one_passage_each():
    _faq("format-video", links=[("Guide", "/guides/x/")])
    _faq("brouillon", live=False)
    _faq("sans-lien")
    passages = {p.source_key: p for p in faq_passages()}
    assert set(passages) == {"faq:format-video", "faq:sans-lien"}
    entry = passages["faq:format-video"]
    assert entry.text == "Réponse en gras."
    assert entry.keywords == "Question format-video ?\nautre formulation\nencore une"
    assert entry.url == "/guides/x/"
    assert passages["faq:sans-lien"].url == "/aide/#faq-sans-lien"


def test_the_live_card_gives_bands_options_discounts_and_offers(site_pages):
    keys = {p.source_key: p for p in card_passages()}
    assert {"card:bands", "card:band:prime-time", "card:options", "card:discounts"} <= set(keys)
    assert "card:offers:classifieds" in keys
    prime = keys["card:band:prime-time"].text
    assert "19:25" in prime and "103\u202f545\u00a0FCFA" in prime
    assert all(p.url == site_pages["rate"].url for p in keys.values())


def test_no_card_no_card_passages():
    assert card_passages() == []


def test_rebuild_rewrites_every_passage_in_one_generation(indexed):
    count = rebuild_index()
    generation = IndexState.objects.get().generation
    assert count == Passage.objects.count() > 10
    assert rebuild_index() == count
    assert IndexState.objects.get().generation != generation
    assert Passage.objects.filter(source="card").exists()
    terms = Passage.objects.get(source_key="card:band:prime-time").terms.split()
    assert "prix" in terms


def test_publishing_a_page_rebuilds_the_index(site_pages, django_capture_on_commit_callbacks):
    rebuild_index()
    guide = GuidePage.objects.get(slug="exigences-techniques")
    guide.body = [{"type": "heading", "value": {"text": "Bissap", "level": "h2"}}]
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    assert Passage.objects.filter(heading="Bissap").exists()
    with django_capture_on_commit_callbacks(execute=True):
        guide.unpublish()
    assert not Passage.objects.filter(source_key="page:exigences-techniques").exists()


def test_publishing_a_faq_entry_rebuilds_the_index(django_capture_on_commit_callbacks):
    entry = _faq("nouvelle", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        entry.save_revision().publish()
    assert Passage.objects.filter(source_key="faq:nouvelle").exists()
    with django_capture_on_commit_callbacks(execute=True):
        entry.delete()
    assert not Passage.objects.filter(source_key="faq:nouvelle").exists()


def test_synonyms_and_card_changes_rebuild_the_index(card, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        SynonymGroup.objects.create(terms="bissap, jus d'oseille")
    first = IndexState.objects.get().generation
    band = TimeBand.objects.get(rate_card=card, code="matinee")
    band.price_up_to_30 = 50_000
    with django_capture_on_commit_callbacks(execute=True):
        band.save()
    assert IndexState.objects.get().generation != first
    assert "50\u202f000" in Passage.objects.get(source_key="card:band:matinee").text


def test_requests_before_the_task_starts_make_one_job(monkeypatch):
    jobs = []
    monkeypatch.setattr(index, "enqueue", lambda *args, **kwargs: jobs.append(args) or True)
    cache.delete(index.PENDING_KEY)
    index._enqueue_once()
    index._enqueue_once()
    assert len(jobs) == 1
    index.clear_pending()
    index._enqueue_once()
    assert len(jobs) == 2


def test_a_refused_job_lets_the_next_request_try_again(monkeypatch):
    monkeypatch.setattr(index, "enqueue", lambda *args, **kwargs: False)
    cache.delete(index.PENDING_KEY)
    index._enqueue_once()
    assert cache.get(index.PENDING_KEY) is None
    request_index_rebuild()  # a receiver: any keyword arguments
