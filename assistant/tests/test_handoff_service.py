"""The hand-off service: who gets a conversation, what its first message says."""

from __future__ import annotations

import pytest

from assistant.models import Question
from assistant.services.handoff import BODY_MAX, HandOffKind, hand_off, transcript
from assistant.tests import ui_fakes
from conversations.exceptions import ConversationError

# fixtures
fake_engine = ui_fakes.fake_engine
contact_page = ui_fakes.contact_page

pytestmark = [pytest.mark.usefixtures("fake_engine"), pytest.mark.django_db]


def _asked(text: str, user=None) -> dict:
    question = Question.objects.create(text=text, user=user, answer_kind="none")
    return {"id": question.pk, "question": text, "answer": "Réponse à " + text}


def test_the_transcript_keeps_the_last_exchanges_that_fit():
    exchanges = [
        {"id": n, "question": f"question {n} " + "x" * 3000, "answer": "r"} for n in range(10)
    ]
    text = transcript(exchanges)
    assert len(text) <= BODY_MAX
    assert "question 9" in text and "question 0" not in text
    assert text.startswith("Échange avec l’assistant d’aide du site")


def test_an_advertiser_gets_a_conversation_of_their_company(advertiser_a):
    from conversations.models import Message, Thread

    asked = [_asked("<b>où</b> en est ma campagne", advertiser_a), _asked("y" * 400)]
    result = hand_off(user=advertiser_a, question_id=asked[1]["id"], exchanges=asked)
    thread = Thread.objects.get()
    assert result.kind == HandOffKind.THREAD and result.url == f"/messages/{thread.pk}/"
    assert len(thread.title) <= 200 and thread.title.endswith("…")
    body = Message.objects.get().body
    assert "Question\u00a0: <b>où</b> en est ma campagne" in body
    assert Question.objects.get(pk=asked[1]["id"]).handed_off


def test_a_refused_conversation_changes_nothing(advertiser_a, monkeypatch):
    from assistant.services import handoff

    def refuse(**kwargs):
        raise ConversationError("Trop de conversations")

    monkeypatch.setattr(handoff, "open_thread", refuse)
    asked = [_asked("facture", advertiser_a)]
    with pytest.raises(ConversationError):
        hand_off(user=advertiser_a, question_id=asked[0]["id"], exchanges=asked)
    assert not Question.objects.get().handed_off


def test_visitors_and_requesters_go_to_the_contact_form(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    asked = [_asked("format vidéo")]
    result = hand_off(user=AnonymousUser(), question_id=asked[0]["id"], exchanges=asked)
    assert result.kind == HandOffKind.CONTACT
    assert Question.objects.get().handed_off


@pytest.mark.parametrize("persona", ["administrator", "broadcaster", "editorial"])
def test_staff_get_a_message_and_nothing_is_opened(request, persona):
    from conversations.models import Thread

    user = request.getfixturevalue(persona)
    asked = [_asked("format vidéo", user)]
    result = hand_off(user=user, question_id=asked[0]["id"], exchanges=asked)
    assert result.kind == HandOffKind.STAFF and "clients" in result.message
    assert not Thread.objects.exists()
    assert not Question.objects.get().handed_off
