"""Who sees which thread, its pages and its files: each role, and another
company's ids (404, never 403)."""

from __future__ import annotations

import pytest

from accounts.tests.factories import UserFactory
from conversations import services
from conversations.models import Team, ThreadKind
from conversations.selectors import visible_threads
from conversations.tests.factories import ThreadFactory, pdf_file, with_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(advertiser_a, advertiser_b, broadcaster):
    """One thread of each shape."""
    question = ThreadFactory(created_by=advertiser_a, title="Question A")
    with_message(question)
    other = ThreadFactory(created_by=advertiser_b, title="Question B")
    with_message(other)
    coverage = ThreadFactory(created_by=advertiser_a, team=Team.NEWSROOM, title="Couverture A")
    invoice = ThreadFactory(created_by=advertiser_a, team=Team.BILLING, title="Facture A")
    problem = ThreadFactory(
        created_by=broadcaster,
        advertiser=advertiser_a.advertiser,
        advertiser_visible=False,
        kind=ThreadKind.PROBLEM,
        problem_type="bad_sound",
        title="Son absent",
    )
    requester = UserFactory(email="requerant@exemple.bf")
    own = ThreadFactory(created_by=requester, advertiser=None, team=Team.NEWSROOM, title="Mienne")
    return {
        "question": question,
        "other": other,
        "coverage": coverage,
        "invoice": invoice,
        "problem": problem,
        "own": own,
        "requester": requester,
    }


def _titles(user) -> set[str]:
    return set(visible_threads(user).values_list("title", flat=True))


def test_each_role_sees_its_threads(
    threads, advertiser_a, advertiser_b, broadcaster, editorial, administrator, accountant
):
    everything = {"Question A", "Question B", "Couverture A", "Facture A", "Son absent", "Mienne"}
    assert _titles(administrator) == everything
    assert _titles(advertiser_a) == {"Question A", "Couverture A", "Facture A"}
    assert _titles(advertiser_b) == {"Question B"}
    assert _titles(editorial) == {"Couverture A", "Mienne"}
    assert _titles(broadcaster) == {"Son absent"}
    assert _titles(accountant) == {"Facture A"}
    assert _titles(threads["requester"]) == {"Mienne"}
    assert _titles(None) == set()


def test_inactive_and_anonymous_see_nothing(threads, advertiser_a, client):
    from django.contrib.auth.models import AnonymousUser

    assert _titles(AnonymousUser()) == set()
    advertiser_a.is_active = False
    advertiser_a.save()
    assert _titles(advertiser_a) == set()


def test_a_shared_problem_report_reaches_the_advertiser(threads, advertiser_a, administrator):
    services.share_with_advertiser(thread=threads["problem"], actor=administrator)
    assert "Son absent" in _titles(advertiser_a)


@pytest.mark.parametrize(
    "route", ["conversations:thread", "conversations:close", "conversations:edit"]
)
def test_another_company_thread_is_404(threads, client, advertiser_b, route):
    from django.urls import reverse

    thread = threads["question"]
    kwargs = {"pk": thread.pk}
    if route == "conversations:edit":
        kwargs["message_pk"] = thread.last_message_id
    client.force_login(advertiser_b)
    url = reverse(route, kwargs=kwargs)
    assert client.get(url).status_code in (404, 405)
    assert client.post(url, {"body": "Intrusion"}).status_code == 404
    assert thread.messages.count() == 1


def test_unknown_and_hidden_threads_are_404(threads, client, advertiser_a):
    client.force_login(advertiser_a)
    assert client.get("/messages/999999/").status_code == 404
    assert client.get(f"/messages/{threads['problem'].pk}/").status_code == 404


def test_attachments_reach_the_thread_participants_only(
    advertiser_a, advertiser_b, administrator, editorial, broadcaster, client
):
    thread = services.open_thread(
        author=advertiser_a,
        kind="document",
        title="Attestation",
        body="Ci-joint",
        files=[pdf_file()],
    )
    attachment = thread.messages.get().attachments.get()
    url = attachment.file.url
    assert url.startswith("/media/conversations/")
    expected = {advertiser_a: 200, administrator: 200, advertiser_b: 404, editorial: 404}
    expected[broadcaster] = 404
    for user, status in expected.items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user.email
        if status == 200:
            assert response["Content-Type"] == "application/pdf"
            b"".join(response.streaming_content)
    client.logout()
    assert client.get(url).status_code == 404


def test_a_hidden_message_and_its_files_stay_with_the_staff(advertiser_a, administrator, client):
    thread = services.open_thread(
        author=advertiser_a, kind="question", title="Q", body="Texte caché", files=[pdf_file()]
    )
    message = thread.messages.get()
    services.hide_message(message=message, actor=administrator, reason="Données personnelles")
    url = message.attachments.get().file.url
    client.force_login(advertiser_a)
    page = client.get(f"/messages/{thread.pk}/").content.decode()
    assert "Texte caché" not in page
    assert client.get(url).status_code == 404
    client.force_login(administrator)
    page = client.get(f"/messages/{thread.pk}/").content.decode()
    assert "Texte caché" in page and "Données personnelles" in page
    response = client.get(url)
    assert response.status_code == 200
    b"".join(response.streaming_content)
