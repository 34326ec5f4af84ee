"""The widget's JSON endpoints: shapes, French errors, limits, same origin and
this browser's own questions only."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from assistant.models import Question
from assistant.tests import ui_fakes

# fixtures
fake_engine = ui_fakes.fake_engine
contact_page = ui_fakes.contact_page

QUESTION = "/aide/api/question/"
FEEDBACK = "/aide/api/feedback/"
HAND_OFF = "/aide/api/hand-off/"

pytestmark = [pytest.mark.usefixtures("fake_engine"), pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def post(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", headers=headers)


def test_a_price_answer_as_json(client):
    response = post(client, QUESTION, {"question": "combien pour 10 spots de 30s au JT"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {
        "kind",
        "message",
        "passages",
        "price",
        "campaigns",
        "links",
        "question_id",
    }
    assert data["kind"] == "price"
    assert data["price"]["total_incl_vat"] == 1035450
    assert data["price"]["total_incl_vat_text"] == "1\u202f035\u202f450\u00a0FCFA"
    assert data["price"]["simulator_url"].startswith("/simulateur/?")
    assert data["price"]["lines"][0] == {
        "label": "10 × spot de 30 s",
        "amount": 877500,
        "amount_text": "877\u202f500\u00a0FCFA",
    }
    assert data["question_id"] == Question.objects.get().pk
    assert response["Cache-Control"].count("no-cache") or "no-store" in response["Cache-Control"]


def test_passages_campaigns_and_links_as_json(client):
    data = post(client, QUESTION, {"question": "format <b>video</b>"}).json()
    assert data["kind"] == "passages" and len(data["passages"]) == 3
    assert set(data["passages"][0]) == {"source_key", "title", "heading", "excerpt", "url"}
    assert "<b>video</b>" in data["passages"][0]["excerpt"]  # plain text, set as text
    data = post(client, QUESTION, {"question": "ma campagne"}).json()
    assert data["campaigns"][0] == {
        "title": "Faso Lait",
        "status": "En attente de validation",
        "next_step": "Attendre",
        "url": "/campaigns/x/",
    }
    data = post(client, QUESTION, {"question": "ma facture"}).json()
    assert data["links"] == [{"label": "Mes factures", "url": "/billing/"}]


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"question": ""}, 400, "Écrivez votre question"),
        ({"question": 12}, 400, "Écrivez votre question"),
        ({"question": "a" * 501}, 400, "trop longue"),
        (["not", "an", "object"], 400, "objet JSON"),
    ],
)
def test_bad_questions_get_a_french_message_and_nothing_is_stored(client, body, status, words):
    response = post(client, QUESTION, body)
    assert response.status_code == status
    assert words in response.json()["error"]
    assert not Question.objects.exists()


def test_other_methods_and_content_types_are_refused(client):
    response = client.get(QUESTION)
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "POST" in response.json()["error"]
    response = client.post(QUESTION, {"question": "format vidéo"})  # a form, not JSON
    assert response.status_code == 415
    assert not Question.objects.exists()


def test_another_site_cannot_ask_in_the_visitors_name(client):
    response = post(client, QUESTION, {"question": "x"}, Origin="https://evil.example")
    assert response.status_code == 403
    response = post(client, QUESTION, {"question": "x"}, **{"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    ok = post(client, QUESTION, {"question": "format"}, Origin="http://testserver")
    assert ok.status_code == 200


def test_the_21st_question_of_a_minute_gets_a_french_429(client):
    for _ in range(20):
        assert post(client, QUESTION, {"question": "format vidéo"}).status_code == 200
    response = post(client, QUESTION, {"question": "format vidéo"})
    assert response.status_code == 429
    assert response.json()["error"].startswith("Trop de questions")
    assert response["Retry-After"] == "60"


def test_the_page_and_the_api_share_the_budget(client):
    for _ in range(20):
        client.post("/aide/", {"question": "format vidéo"})
    assert post(client, QUESTION, {"question": "format vidéo"}).status_code == 429


def test_feedback_on_own_question_only(client):
    mine = post(client, QUESTION, {"question": "format vidéo"}).json()["question_id"]
    other = Question.objects.create(text="autre", answer_kind="none").pk
    response = post(client, FEEDBACK, {"question_id": other, "helpful": False})
    assert response.status_code == 404
    assert Question.objects.get(pk=other).helpful is None
    response = post(client, FEEDBACK, {"question_id": mine, "helpful": "oui"})
    assert response.status_code == 400
    response = post(client, FEEDBACK, {"question_id": mine, "helpful": True})
    assert response.status_code == 200 and response.json()["message"].startswith("Merci")
    assert Question.objects.get(pk=mine).helpful is True


def test_a_visitors_hand_off_gives_the_prefilled_contact_form(client, contact_page):
    mine = post(client, QUESTION, {"question": "format vidéo"}).json()["question_id"]
    data = post(client, HAND_OFF, {"question_id": mine}).json()
    assert data["kind"] == "contact"
    assert data["url"] == "/contact/?message=format+vid%C3%A9o"
    assert Question.objects.get(pk=mine).handed_off is True


def test_an_advertisers_hand_off_opens_a_conversation(client, advertiser_a):
    from conversations.models import Thread

    client.force_login(advertiser_a)
    mine = post(client, QUESTION, {"question": "ma facture"}).json()["question_id"]
    data = post(client, HAND_OFF, {"question_id": mine}).json()
    thread = Thread.objects.get()
    assert data == {"kind": "thread", "url": f"/messages/{thread.pk}/", "message": ""}


def test_hand_off_of_another_question_is_404(client):
    other = Question.objects.create(text="autre", answer_kind="none").pk
    response = post(client, HAND_OFF, {"question_id": other})
    assert response.status_code == 404
    assert "navigateur" in response.json()["error"]
