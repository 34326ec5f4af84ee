"""A stand-in for the assistant's engine in the tests of the page, the widget's
endpoints and the hand-off: answers chosen by a word of the question, each
question stored as the engine stores it. `fake_engine` installs it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.answers import Answer, CampaignItem, Link, PassageHit, PriceAnswer, PriceLine
from assistant.models import QUESTION_MAX_LENGTH, AnswerKind, Question
from assistant.services.questions import QuestionError

PRICE = PriceAnswer(
    spot_length=30,
    band_code="prime-time",
    band_name="JT de 20h",
    airings=10,
    total_excl_vat=877500,
    total_incl_vat=1035450,
    lines=(PriceLine(label="10 × spot de 30 s", amount=877500), PriceLine("TVA 18 %", 157950)),
    simulator_url="/simulateur/?spot_length=30&bands=prime-time&airings=10",
    assumptions=("Une seule semaine de diffusion",),
)


def _answer(text: str) -> Answer:
    lowered = text.lower()
    if "combien" in lowered:
        return Answer(kind=AnswerKind.PRICE, message="Voici le prix.", price=PRICE)
    if "campagne" in lowered:
        item = CampaignItem("Faso Lait", "En attente de validation", "Attendre", "/campaigns/x/")
        return Answer(kind=AnswerKind.CAMPAIGNS, message="Vos campagnes :", campaigns=(item,))
    if "facture" in lowered:
        link = Link(label="Mes factures", url="/billing/")
        return Answer(kind=AnswerKind.LINKS, message="Vos factures :", links=(link,))
    if "rien" in lowered:
        return Answer(kind=AnswerKind.NONE, message="Je n'ai pas trouvé de réponse.")
    hits = tuple(
        PassageHit(f"page:guide-{n}", f"Guide {n}", "Format", f"Extrait {n} : {text}", "/g/", 1.0)
        for n in range(5)
    )
    return Answer(kind=AnswerKind.PASSAGES, message="Voici ce que dit le site.", passages=hits)


def answer_question(*, text: str, user=None, record: bool = True) -> Answer:
    text = (text or "").strip()
    if not text:
        raise QuestionError("Écrivez votre question.")
    if len(text) > QUESTION_MAX_LENGTH:
        raise QuestionError("Votre question est trop longue.")
    answer = _answer(text)
    if not record:
        return answer
    question = Question.objects.create(
        text=text, user=user if user and user.is_authenticated else None, answer_kind=answer.kind
    )
    return replace(answer, question_id=question.pk)


def record_feedback(*, question_id: int, helpful: bool) -> None:
    Question.objects.filter(pk=question_id).update(helpful=helpful)


def mark_handed_off(*, question_id: int) -> None:
    Question.objects.filter(pk=question_id).update(handed_off=True)


@pytest.fixture
def fake_engine(monkeypatch):
    """The engine's three calls replaced (the views and the hand-off call them
    through their modules)."""
    from assistant.services import answering, questions

    monkeypatch.setattr(answering, "answer_question", answer_question)
    monkeypatch.setattr(questions, "record_feedback", record_feedback)
    monkeypatch.setattr(questions, "mark_handed_off", mark_handed_off)
    return answering


@pytest.fixture
def contact_page(db):
    """A published contact page at /contact/ (e-mail and message fields)."""
    from wagtail.models import Site

    from home.models import ContactFormField, ContactPage

    site = Site.objects.get(is_default_site=True)
    page = ContactPage(title="Contact", slug="contact", to_address="commercial@bf1.bf")
    page.form_fields.add(
        ContactFormField(sort_order=0, clean_name="email", label="E-mail", field_type="email")
    )
    page.form_fields.add(
        ContactFormField(
            sort_order=1, clean_name="message", label="Message", field_type="multiline"
        )
    )
    site.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page
