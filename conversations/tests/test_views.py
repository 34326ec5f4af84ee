"""The advertiser's pages: /messages/ (list, filters, search, pagination), a new
conversation about a subject, the thread (reply, edit, closed, read-only), the
429 page, the panel on the campaign and coverage pages, the navigation count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conversations import services
from conversations.models import Thread, ThreadStatus
from conversations.tests.factories import ThreadFactory, exe_as_pdf, pdf_file, with_message

pytestmark = pytest.mark.django_db

LIST = "/messages/"
NEW = "/messages/new/"


def _thread(user, title="Question", **kwargs):
    return services.open_thread(
        author=user, kind=kwargs.pop("kind", "question"), title=title, body="Bonjour", **kwargs
    )


def test_anonymous_goes_to_the_login_page(client):
    for url in (LIST, NEW, "/messages/1/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_empty_list(client, advertiser_a):
    client.force_login(advertiser_a)
    page = client.get(LIST).content.decode()
    assert "Aucune conversation pour le moment" in page
    assert f'href="{NEW}"' in page


def test_list_shows_unread_first_then_most_recent(
    client, advertiser_a, administrator, time_machine
):
    old = _thread(advertiser_a, "Ancienne")
    time_machine.shift(dt.timedelta(minutes=5))
    answered = _thread(advertiser_a, "Répondue")
    time_machine.shift(dt.timedelta(minutes=5))
    recent = _thread(advertiser_a, "Récente")
    time_machine.shift(dt.timedelta(minutes=5))
    services.post_message(thread=old, author=administrator, body="Voici la réponse")
    client.force_login(advertiser_a)
    page = client.get(LIST).content.decode()
    positions = [page.index(f'data-thread="{t.pk}"') for t in (old, recent, answered)]
    assert positions == sorted(positions)
    assert f'data-thread="{old.pk}" data-unread' in page
    assert "Voici la réponse" in page


def test_filters_and_search(client, advertiser_a, advertiser_b):
    from campaigns.tests.factories import CampaignFactory

    campaign = CampaignFactory(user=advertiser_a, title="Campagne Bissap")
    about = _thread(advertiser_a, "Horaires", subject_type="campaign", subject_id=campaign.pk)
    document = _thread(advertiser_a, "Attestation", kind="document")
    services.post_message(thread=document, author=advertiser_a, body="Il me faut le RCCM")
    services.close(thread=document, actor=advertiser_a)
    _thread(advertiser_b, "RCCM de B")
    client.force_login(advertiser_a)

    def shown(**params):
        page = client.get(LIST, params).content.decode()
        return {t.pk for t in Thread.objects.all() if f'data-thread="{t.pk}"' in page}

    assert shown() == {about.pk, document.pk}
    assert shown(kind="document") == {document.pk}
    assert shown(status="closed") == {document.pk}
    assert shown(subject="campaign") == {about.pk}
    assert shown(subject="general") == {document.pk}
    assert shown(q="rccm") == {document.pk}  # found in a message, not in B's title
    assert shown(q="horaires") == {about.pk}
    assert "Aucune conversation ne correspond" in client.get(LIST, {"q": "zzz"}).content.decode()


def test_list_paginates_by_20_with_constant_queries(client, advertiser_a):
    def make(count):
        for _number in range(count):
            with_message(ThreadFactory(created_by=advertiser_a))

    client.force_login(advertiser_a)
    make(2)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    make(25)
    client.get(LIST)  # the navigation's unread count, cached again after the new threads
    with CaptureQueriesContext(connection) as many:
        page = client.get(LIST).content.decode()
    assert len(many) == len(few)
    assert page.count("data-thread=") == 20
    assert client.get(LIST, {"page": 2}).content.decode().count("data-thread=") == 7


def test_new_thread_about_a_campaign(client, advertiser_a, administrator):
    from campaigns.tests.factories import CampaignFactory

    campaign = CampaignFactory(user=advertiser_a, title="Campagne Bissap")
    client.force_login(advertiser_a)
    url = f"{NEW}?subject=campaign:{campaign.pk}"
    page = client.get(url).content.decode()
    assert "Campagne Bissap" in page and campaign.get_absolute_url() in page
    response = client.post(
        url, {"kind": "question", "title": "Horaires", "body": "À quelle heure ?"}
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/messages/{thread.pk}/"
    assert (thread.subject_type, thread.subject_id) == ("campaign", campaign.pk)
    assert thread.subject_label == "Campagne Bissap"


def test_new_thread_about_another_company_subject_is_404(client, advertiser_a, advertiser_b):
    from campaigns.tests.factories import CampaignFactory

    campaign = CampaignFactory(user=advertiser_b)
    client.force_login(advertiser_a)
    for subject in (f"campaign:{campaign.pk}", "campaign:999999", "nonsense:1", "campaign:x"):
        assert client.get(NEW, {"subject": subject}).status_code == 404
        response = client.post(
            f"{NEW}?subject={subject}", {"kind": "question", "title": "T", "body": "B"}
        )
        assert response.status_code == 404
    assert not Thread.objects.exists()


def test_staff_do_not_open_threads_here(client, broadcaster):
    client.force_login(broadcaster)
    assert client.get(NEW).status_code == 403


def test_a_refused_form_keeps_the_input(client, advertiser_a, stored_files):
    client.force_login(advertiser_a)
    response = client.post(
        NEW,
        {
            "kind": "document",
            "title": "Mon attestation",
            "body": "Texte gardé",
            "files": [exe_as_pdf()],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mon attestation" in page and "Texte gardé" in page
    assert "est un programme" in page
    assert not Thread.objects.exists() and stored_files() == []
    too_long = client.post(NEW, {"kind": "question", "title": "Long", "body": "x" * 10_001})
    assert "trop long" in too_long.content.decode()
    files = [pdf_file(f"f{i}.pdf") for i in range(6)]
    sixth = client.post(NEW, {"kind": "question", "title": "Six", "body": "B", "files": files})
    assert "5 fichiers au plus" in sixth.content.decode()
    assert not Thread.objects.exists() and stored_files() == []


@override_settings(CONVERSATION_MAX_NEW_THREADS_PER_HOUR=2, CONVERSATION_MAX_MESSAGES_PER_MINUTE=3)
def test_limits_answer_429_in_french(client, advertiser_a):
    client.force_login(advertiser_a)
    for number in range(2):
        client.post(NEW, {"kind": "question", "title": f"Q{number}", "body": "B"})
    response = client.post(NEW, {"kind": "question", "title": "Q3", "body": "B"})
    assert response.status_code == 429
    assert "dans la dernière heure" in response.content.decode()
    thread = Thread.objects.first()
    assert client.post(f"/messages/{thread.pk}/", {"body": "encore"}).status_code == 302
    response = client.post(f"/messages/{thread.pk}/", {"body": "encore une fois"})
    assert response.status_code == 429
    assert "dans la dernière minute" in response.content.decode()
    assert Thread.objects.count() == 2


def test_thread_page_marks_read_and_reply(client, advertiser_a, administrator):
    thread = _thread(advertiser_a)
    services.post_message(thread=thread, author=administrator, body="**Réponse** du service")
    client.force_login(advertiser_a)
    assert "data-unread>" in client.get(LIST).content.decode()
    page = client.get(f"/messages/{thread.pk}/").content.decode()
    assert "<strong>Réponse</strong> du service" in page
    assert "data-unread>" not in client.get(LIST).content.decode()
    response = client.post(f"/messages/{thread.pk}/", {"body": "Merci", "files": [pdf_file()]})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.message_count == 3 and thread.status == ThreadStatus.OPEN
    page = client.get(f"/messages/{thread.pk}/").content.decode()
    assert "/media/conversations/" in page and 'download="devis.pdf"' in page


def test_closed_thread_shows_closed_and_a_reply_reopens_it(client, advertiser_a, administrator):
    thread = _thread(advertiser_a)
    services.close(thread=thread, actor=administrator)
    client.force_login(advertiser_a)
    page = client.get(f"/messages/{thread.pk}/").content.decode()
    assert "fermée" in page and "data-reply-form" in page
    client.post(f"/messages/{thread.pk}/", {"body": "Je rouvre"})
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.OPEN


def test_a_thread_closed_long_ago_is_read_only(client, advertiser_a, administrator):
    thread = _thread(advertiser_a)
    services.close(thread=thread, actor=administrator)
    Thread.objects.filter(pk=thread.pk).update(closed_at=timezone.now() - dt.timedelta(days=91))
    client.force_login(advertiser_a)
    page = client.get(f"/messages/{thread.pk}/").content.decode()
    assert "data-read-only" in page and "data-reply-form" not in page
    response = client.post(f"/messages/{thread.pk}/", {"body": "Trop tard"})
    assert "plus de 90 jours" in response.content.decode()
    assert thread.messages.count() == 1


def test_edit_own_message_within_five_minutes(client, advertiser_a, time_machine):
    thread = _thread(advertiser_a)
    message = thread.messages.get()
    edit_url = reverse("conversations:edit", args=[thread.pk, message.pk])
    client.force_login(advertiser_a)
    assert edit_url in client.get(f"/messages/{thread.pk}/").content.decode()
    assert client.post(edit_url, {"body": "Corrigé"}).status_code == 302
    message.refresh_from_db()
    assert message.body == "Corrigé"
    time_machine.shift(dt.timedelta(minutes=6))
    assert edit_url not in client.get(f"/messages/{thread.pk}/").content.decode()
    assert client.post(edit_url, {"body": "Trop tard"}).status_code == 302
    message.refresh_from_db()
    assert message.body == "Corrigé"


def test_someone_else_message_cannot_be_edited(client, advertiser_a, administrator):
    thread = _thread(advertiser_a)
    reply = services.post_message(thread=thread, author=administrator, body="Réponse")
    client.force_login(advertiser_a)
    url = reverse("conversations:edit", args=[thread.pk, reply.pk])
    assert client.get(url).status_code == 404


def test_panel_on_the_campaign_page(client, advertiser_a):
    from campaigns.tests.factories import CampaignFactory, SpotFactory

    campaign = CampaignFactory(user=advertiser_a)
    spot = SpotFactory(campaign=campaign)
    thread = _thread(
        advertiser_a, "Sur la campagne", subject_type="campaign", subject_id=campaign.pk
    )
    client.force_login(advertiser_a)
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "data-conversation-panel" in page
    assert "Poser une question sur cette campagne" in page
    assert f"/messages/new/?subject=campaign%3A{campaign.pk}" in page
    assert f"/messages/new/?subject=spot%3A{spot.pk}" in page
    assert f'href="/messages/{thread.pk}/"' in page


def test_panel_on_the_coverage_request_page(client, advertiser_a):
    from editorial.tests.intake_support import make_request

    coverage = make_request(requester=advertiser_a)
    client.force_login(advertiser_a)
    page = client.get(coverage.get_absolute_url()).content.decode()
    assert "data-conversation-panel" in page
    assert f"/messages/new/?subject=coverage%3A{coverage.pk}" in page
    response = client.post(
        f"{NEW}?subject=coverage:{coverage.pk}", {"kind": "question", "title": "T", "body": "B"}
    )
    assert response.status_code == 302
    assert Thread.objects.get().team == "newsroom"


def test_navigation_shows_the_unread_count(client, advertiser_a, administrator):
    thread = _thread(advertiser_a)
    client.force_login(advertiser_a)
    page = client.get(LIST).content.decode()
    assert 'href="/messages/"' in page and 'data-unread-messages="0"' in page
    services.post_message(thread=thread, author=administrator, body="Réponse")
    page = client.get("/notifications/").content.decode()
    assert 'data-unread-messages="1"' in page


def test_thread_page_runs_constant_queries(client, advertiser_a, administrator):
    thread = _thread(advertiser_a)
    client.force_login(advertiser_a)
    url = f"/messages/{thread.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(6):
        author = administrator if number % 2 else advertiser_a
        services.post_message(
            thread=thread, author=author, body=f"Message {number}", files=[pdf_file()]
        )
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count("data-message=") == 7
    assert len(many) == len(few)
