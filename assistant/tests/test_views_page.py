"""/aide/ without JavaScript: the question form, the answer, the feedback and the
hand-off, each on this browser's own questions only."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from assistant import session
from assistant.models import Question
from assistant.tests import ui_fakes

# fixtures
fake_engine = ui_fakes.fake_engine
contact_page = ui_fakes.contact_page

HELP = "/aide/"

pytestmark = pytest.mark.usefixtures("fake_engine")


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def ask(client, text: str):
    return client.post(HELP, {"question": text})


@pytest.mark.django_db
def test_the_empty_page_opens_for_a_visitor_and_is_never_cached(client):
    response = client.get(HELP)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="question"' in body and 'maxlength="500"' in body
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert reverse("assistant:help") == HELP


@pytest.mark.django_db
def test_a_price_question_shows_the_total_the_breakdown_and_the_simulator_link(client):
    response = ask(client, "combien pour 10 spots de 30s au journal de 20h")
    assert response.status_code == 200
    body = response.content.decode()
    assert "1\u202f035\u202f450\u00a0FCFA" in body  # incl. VAT
    assert "877\u202f500\u00a0FCFA" in body  # excl. VAT
    assert "TVA 18 %" in body
    assert 'href="/simulateur/?spot_length=30&amp;bands=prime-time&amp;airings=10"' in body
    assert "Cette réponse vous aide-t-elle" in body
    assert "Parler à l’équipe" in body or "Parler à l'équipe" in body
    assert Question.objects.count() == 1


@pytest.mark.django_db
def test_passages_are_three_at_most_and_html_in_the_question_is_text(client):
    response = ask(client, "<script>alert(1)</script> format vidéo")
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert body.count("data-source=") == 3


@pytest.mark.django_db
def test_campaigns_links_and_no_answer_are_shown(client):
    assert "Faso Lait" in ask(client, "où en est ma campagne").content.decode()
    assert 'href="/billing/"' in ask(client, "ma facture").content.decode()
    assert "pas trouvé" in ask(client, "rien du tout").content.decode()


@pytest.mark.django_db
def test_a_question_over_500_characters_is_refused_in_french_and_not_stored(client):
    response = ask(client, "a" * 501)
    assert response.status_code == 400
    assert "trop longue" in response.content.decode()
    assert Question.objects.count() == 0


@pytest.mark.django_db
def test_an_empty_question_is_refused(client):
    response = ask(client, "   ")
    assert response.status_code == 400
    assert "Écrivez votre question" in response.content.decode()


@pytest.mark.django_db
def test_the_21st_question_of_a_minute_gets_a_french_429(client):
    for _ in range(20):
        assert ask(client, "format vidéo").status_code == 200
    response = ask(client, "format vidéo")
    assert response.status_code == 429
    assert "Trop de questions" in response.content.decode()
    assert Question.objects.count() == 20


@pytest.mark.django_db
def test_feedback_acts_on_this_browsers_questions_only(client, django_user_model):
    ask(client, "format vidéo")
    mine = Question.objects.get()
    other = Question.objects.create(text="autre", answer_kind="none")
    response = client.post(
        reverse("assistant:feedback"), {"question_id": other.pk, "helpful": "no"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.helpful is None

    response = client.post(reverse("assistant:feedback"), {"question_id": mine.pk, "helpful": "no"})
    assert response.status_code == 200
    mine.refresh_from_db()
    assert mine.helpful is False
    assert "Parler à l" in response.content.decode()  # the hand-off is offered


@pytest.mark.django_db
def test_feedback_and_hand_off_refuse_get(client):
    assert client.get(reverse("assistant:feedback")).status_code == 405
    assert client.get(reverse("assistant:hand_off")).status_code == 405


@pytest.mark.django_db
def test_a_visitor_is_handed_to_the_contact_form_with_the_question(client, contact_page):
    ask(client, "format vidéo <b>mp4</b> ?")
    question = Question.objects.get()
    response = client.post(reverse("assistant:hand_off"), {"question_id": question.pk})
    assert response.status_code == 302
    assert response["Location"].startswith("/contact/?message=")
    question.refresh_from_db()
    assert question.handed_off is True

    contact = client.get(response["Location"])
    assert contact.status_code == 200
    body = contact.content.decode()
    assert "format vidéo &lt;b&gt;mp4&lt;/b&gt; ?</textarea>" in body


@pytest.mark.django_db
def test_the_answer_offers_whatsapp_prefilled_to_a_visitor(client, contact_page):
    from wagtail.models import Site

    from home.models import ContactSettings

    ContactSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"whatsapp_enabled": True, "whatsapp_number": "+226 70 00 00 00"},
    )
    cache.clear()
    body = ask(client, "format vidéo").content.decode()
    assert 'href="https://wa.me/22670000000?text=format%20vid%C3%A9o"' in body


@pytest.mark.django_db
def test_an_advertiser_hands_off_into_a_conversation_with_the_transcript(client, advertiser_a):
    from conversations.models import Message, Thread

    client.force_login(advertiser_a)
    ask(client, "combien pour 10 spots de 30s au journal de 20h")
    ask(client, "format vidéo")
    question = Question.objects.order_by("-pk").first()
    response = client.post(reverse("assistant:hand_off"), {"question_id": question.pk})
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("conversations:thread", args=[thread.pk])
    assert thread.advertiser_id == advertiser_a.advertiser_id
    assert thread.kind == "question"
    body = Message.objects.get(thread=thread).body
    assert "combien pour 10 spots de 30s au journal de 20h" in body
    assert "1\u202f035\u202f450\u00a0FCFA" in body
    assert "format vidéo" in body
    question.refresh_from_db()
    assert question.handed_off is True


@pytest.mark.django_db
def test_staff_are_told_the_hand_off_is_for_clients(client, administrator):
    from conversations.models import Thread

    client.force_login(administrator)
    ask(client, "format vidéo")
    question = Question.objects.get()
    response = client.post(reverse("assistant:hand_off"), {"question_id": question.pk})
    assert response.status_code == 200
    assert "clients" in response.content.decode()
    assert not Thread.objects.exists()
    question.refresh_from_db()
    assert question.handed_off is False


@pytest.mark.django_db
def test_hand_off_of_another_sessions_question_is_404(client):
    other = Question.objects.create(text="autre", answer_kind="none")
    response = client.post(reverse("assistant:hand_off"), {"question_id": other.pk})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.handed_off is False


def test_the_session_keeps_the_last_twenty_exchanges():
    class Request:
        session: dict = {}

    request = Request()
    request.session = {}
    for n in range(25):
        session.remember(request, question_id=n + 1, question=f"q{n}", answer="a")
    kept = session.exchanges(request)
    assert len(kept) == session.MAX_KEPT
    assert kept[0]["id"] == 6 and session.owns(request, "25") and not session.owns(request, 1)


@pytest.mark.django_db
def test_the_widget_is_on_public_pages_as_a_link_to_the_help_page(client, contact_page):
    body = client.get("/contact/").content.decode()
    assert "data-assistant-widget" in body
    assert 'href="/aide/" class="assistant-toggle"' in body
    assert 'src="/static/js/assistant.js" defer' in body
    assert "data-assistant-widget" not in client.get(HELP).content.decode()


@pytest.mark.django_db
def test_the_widget_stacks_above_the_whatsapp_button(client, contact_page):
    from wagtail.models import Site

    from home.models import ContactSettings

    ContactSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"whatsapp_enabled": True, "whatsapp_number": "+226 70 00 00 00"},
    )
    cache.clear()
    body = client.get("/contact/").content.decode()
    assert "data-whatsapp" in body and "data-stacked" in body


@pytest.mark.django_db
def test_the_widget_is_not_shown_to_broadcasters(client, contact_page, broadcaster):
    client.force_login(broadcaster)
    assert "data-assistant-widget" not in client.get("/contact/").content.decode()


def _faq(n: int, page) -> None:
    from assistant.models import FaqEntry

    for i in range(n):
        FaqEntry.objects.create(
            key=f"entree-{i}",
            question=f"Question <i>{i}</i> ?",
            answer="<p>Réponse</p>",
            category="formats" if i % 2 else "billing",
            live=True,
            links=[
                ("link", {"label": "Contact", "page": page, "url": ""}),
                ("link", {"label": "Espace client", "page": None, "url": "/campaigns/"}),
            ],
        )


@pytest.mark.django_db
def test_the_faq_is_listed_by_category_with_anchors_in_a_fixed_number_of_queries(
    client, contact_page
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assistant.models import FaqEntry

    _faq(2, contact_page)
    client.get(HELP)  # settings and site root paths cached
    with CaptureQueriesContext(connection) as few:
        body = client.get(HELP).content.decode()
    assert 'id="faq-entree-0"' in body and "Question &lt;i&gt;0&lt;/i&gt; ?" in body
    assert 'href="/contact/">Contact</a>' in body and 'href="/campaigns/"' in body
    assert body.index('id="faq-categorie-formats"') < body.index('id="faq-categorie-billing"')
    FaqEntry.objects.create(key="brouillon", question="Brouillon", answer="<p>x</p>", live=False)
    for i in range(2, 10):
        FaqEntry.objects.create(
            key=f"plus-{i}",
            question=f"Autre {i}",
            answer="<p>r</p>",
            live=True,
            links=[("link", {"label": "Contact", "page": contact_page, "url": ""})],
        )
    with CaptureQueriesContext(connection) as many:
        body = client.get(HELP).content.decode()
    assert "Autre 9" in body and "Brouillon" not in body
    assert len(many) == len(few)
