"""The "Assistant" menu of the admin: FAQ and synonyms for editorial managers and
administrators, "Questions sans réponse utile" for administrators only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from assistant.admin import unanswered
from assistant.models import FaqEntry, SynonymGroup

FAQ = "/admin/assistant/faq/"
SYNONYMS = "/admin/assistant/synonyms/"
UNANSWERED = "/admin/assistant/unanswered/"

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Group:
    signature: str
    example: str
    count: int
    last_asked: dt.datetime
    helpful_no: int


@pytest.fixture
def groups(monkeypatch):
    rows = [
        Group(f"sig{n}", f"question <b>{n}</b> é", 60 - n, timezone.now(), n % 3) for n in range(60)
    ]
    monkeypatch.setattr(unanswered, "unanswered_groups", lambda *, limit: rows[:limit])
    return rows


def _entry(**kwargs) -> FaqEntry:
    values = {
        "key": "format-video",
        "question": "Quel format pour ma vidéo ?",
        "answer": "<p>MP4</p>",
        "category": "formats",
        "live": True,
    }
    values.update(kwargs)
    return FaqEntry.objects.create(**values)


@pytest.mark.parametrize("persona", ["administrator", "editorial"])
def test_editors_and_administrators_manage_the_faq_and_synonyms(client, request, persona):
    _entry()
    _entry(key="brouillon", question="Un brouillon", live=False, category="billing")
    SynonymGroup.objects.create(terms="pub, publicité, spot")
    client.force_login(request.getfixturevalue(persona))
    response = client.get(FAQ)
    assert response.status_code == 200
    assert "Quel format pour ma vidéo" in response.content.decode()
    filtered = client.get(FAQ, {"category": "billing"}).content.decode()
    assert "Un brouillon" in filtered and "Quel format" not in filtered
    searched = client.get(FAQ, {"q": "vidéo"}).content.decode()
    assert "Quel format" in searched and "Un brouillon" not in searched
    assert "publicité" in client.get(SYNONYMS).content.decode()
    assert client.get(SYNONYMS + "add/").status_code == 200


def test_the_faq_add_screen_is_prefilled_with_the_question(client, administrator):
    client.force_login(administrator)
    body = client.get(FAQ + "add/", {"question": "format video  mp4"}).content.decode()
    assert 'value="format video mp4"' in body
    assert 'value="format-video-mp4"' in body


def test_administrators_read_the_questions_without_a_useful_answer(client, administrator, groups):
    client.force_login(administrator)
    response = client.get(UNANSWERED)
    assert response.status_code == 200
    body = response.content.decode()
    assert "question &lt;b&gt;0&lt;/b&gt; é" in body  # escaped
    assert body.count("data-signature=") == unanswered.PER_PAGE
    assert "/admin/assistant/faq/add/?question=question+%3Cb%3E0%3C%2Fb%3E+%C3%A9" in body
    second = client.get(UNANSWERED, {"p": 2}).content.decode()
    assert second.count("data-signature=") == 10


def test_editorial_managers_do_not_see_the_report(client, editorial, groups):
    client.force_login(editorial)
    response = client.get(UNANSWERED)
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("persona", ["advertiser_a", "broadcaster", "anonymous"])
@pytest.mark.parametrize("url", [FAQ, SYNONYMS, UNANSWERED, FAQ + "add/"])
def test_others_never_open_the_assistant_admin(client, request, persona, url, groups):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/assistant/" not in response["Location"].split("?")[0]


def test_the_menu_shows_to_whom_it_serves(client, administrator, editorial):
    client.force_login(administrator)
    body = client.get("/admin/").content.decode()
    assert UNANSWERED in body and FAQ in body
    client.force_login(editorial)
    body = client.get("/admin/").content.decode()
    assert UNANSWERED not in body and FAQ in body
