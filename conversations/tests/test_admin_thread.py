"""A thread in the Wagtail admin: reply (with a file, reopening a closed thread),
assign, close, share a problem report, hide a message; each a POST with its
CSRF token, each checked against the user (404 outside one's threads)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from conversations import services
from conversations.models import (
    CannedReply,
    Message,
    Team,
    Thread,
    ThreadEvent,
    ThreadEventKind,
    ThreadStatus,
)
from conversations.tests.admin_fixtures import make_admin_broadcaster, make_shapes
from conversations.tests.factories import pdf_file

pytestmark = pytest.mark.django_db
shapes = pytest.fixture(make_shapes, name="shapes")
admin_broadcaster = pytest.fixture(make_admin_broadcaster, name="admin_broadcaster")


def url(name, thread, *extra):
    return reverse(f"conversations_admin:{name}", args=[thread.pk, *extra])


@pytest.fixture
def question(advertiser_a):
    return services.open_thread(
        author=advertiser_a, kind="question", title="Tarif du soir", body="Combien ?"
    )


def csrf_client(user) -> Client:
    """A client that enforces CSRF, and the token of the admin page it opened."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/admin/messages/")
    return client, client.cookies["csrftoken"].value


def test_page_shows_messages_canned_replies_and_history(client, question, administrator):
    CannedReply.objects.create(title="Merci", body="Merci de votre message.", team=Team.COMMERCIAL)
    CannedReply.objects.create(title="Rédaction", body="…", team=Team.NEWSROOM)
    CannedReply.objects.create(title="Ancienne", body="…", team=Team.COMMERCIAL, active=False)
    client.force_login(administrator)
    response = client.get(url("thread", question))
    page = response.content.decode()
    assert "Combien ?" in page
    assert [reply.title for reply in response.context["canned_replies"]] == ["Merci"]
    assert 'data-body="Merci de votre message."' in page
    assert [event.kind for event in response.context["events"]] == [ThreadEventKind.OPENED]


def test_post_without_csrf_token_is_refused(question, administrator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    response = client.post(url("close", question))
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.status == ThreadStatus.OPEN


def test_reply_with_a_file_answers_the_thread(question, administrator):
    client, token = csrf_client(administrator)
    response = client.post(
        url("reply", question),
        {"csrfmiddlewaretoken": token, "body": "Voici le devis.", "files": [pdf_file()]},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == ThreadStatus.ANSWERED
    assert question.awaiting_staff_since is None
    reply = question.messages.order_by("-pk").first()
    assert reply.body == "Voici le devis." and reply.from_staff
    assert reply.attachments.count() == 1


def test_empty_reply_is_refused_and_nothing_kept(client, question, administrator):
    client.force_login(administrator)
    response = client.post(url("reply", question), {"body": "   "})
    assert response.status_code == 200
    assert response.context["reply_form"].errors["body"]
    assert question.messages.count() == 1


def test_assign_to_me_then_to_a_colleague_then_nobody(client, question, administrator):
    colleague = UserFactory(email="collegue@bf1.bf", roles=[Role.ADMINISTRATOR])
    client.force_login(administrator)
    client.post(url("assign", question), {"assignee": "me"})
    question.refresh_from_db()
    assert question.assignee == administrator
    client.post(url("assign", question), {"assignee": str(colleague.pk)})
    question.refresh_from_db()
    assert question.assignee == colleague
    client.post(url("assign", question), {"assignee": ""})
    question.refresh_from_db()
    assert question.assignee is None
    assert question.events.filter(kind=ThreadEventKind.ASSIGNED).count() == 3


def test_assigning_outside_the_team_is_refused(client, question, administrator, editorial):
    client.force_login(administrator)
    client.post(url("assign", question), {"assignee": str(editorial.pk)})
    question.refresh_from_db()
    assert question.assignee is None


def test_close_then_reopen_by_replying(client, question, administrator):
    client.force_login(administrator)
    client.post(url("close", question))
    question.refresh_from_db()
    assert question.status == ThreadStatus.CLOSED
    client.post(url("reply", question), {"body": "Une précision"})
    question.refresh_from_db()
    assert question.status == ThreadStatus.ANSWERED
    kinds = list(question.events.values_list("kind", flat=True))
    assert ThreadEventKind.CLOSED in kinds and ThreadEventKind.REOPENED in kinds


def test_actions_need_post(client, question, administrator):
    client.force_login(administrator)
    assert client.get(url("close", question)).status_code == 405


def test_share_a_problem_report_with_the_advertiser(client, shapes, administrator, advertiser_a):
    problem = shapes["problem"]
    client.force_login(administrator)
    assert client.get(url("thread", problem)).context["can_share"] is True
    client.post(url("share", problem))
    problem.refresh_from_db()
    assert problem.advertiser_visible is True
    assert problem.events.filter(kind=ThreadEventKind.SHARED).exists()
    assert client.get(url("thread", problem)).context["can_share"] is False


def test_a_broadcaster_cannot_share_nor_assign(client, shapes, admin_broadcaster):
    problem = shapes["problem"]
    client.force_login(admin_broadcaster)
    assert client.get(url("thread", problem)).status_code == 200
    client.post(url("share", problem))
    client.post(url("assign", problem), {"assignee": "me"})
    problem.refresh_from_db()
    assert problem.advertiser_visible is False
    assert problem.assignee is None


def test_hide_a_message_with_a_reason(client, question, administrator):
    message = question.messages.get()
    client.force_login(administrator)
    client.post(url("hide", question, message.pk), {"reason": ""})
    message.refresh_from_db()
    assert message.hidden_at is None
    client.post(url("hide", question, message.pk), {"reason": "Coordonnées bancaires"})
    message.refresh_from_db()
    assert message.hidden_at is not None and message.hidden_reason == "Coordonnées bancaires"
    assert question.events.filter(kind=ThreadEventKind.MESSAGE_HIDDEN).exists()


def test_only_administrators_hide_messages(client, shapes, editorial):
    coverage = shapes["coverage"]
    message = coverage.messages.get()
    client.force_login(editorial)
    response = client.post(url("hide", coverage, message.pk), {"reason": "Hors sujet"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.hidden_at is None


def test_hide_a_message_of_another_thread_is_404(client, shapes, administrator):
    other = shapes["other"].messages.get()
    client.force_login(administrator)
    response = client.post(url("hide", shapes["question"], other.pk), {"reason": "x"})
    assert response.status_code == 404


def test_moves_on_threads_outside_ones_scope_are_404(client, shapes, accountant, editorial):
    client.force_login(accountant)
    for name in ("reply", "assign", "close", "share"):
        assert client.post(url(name, shapes["coverage"]), {"body": "x"}).status_code == 404
    client.force_login(editorial)
    assert client.post(url("close", shapes["invoice"])).status_code == 404
    assert Thread.objects.filter(status=ThreadStatus.CLOSED).count() == 0


def test_staff_writes_to_an_advertiser(client, administrator, advertiser_a):
    client.force_login(administrator)
    response = client.post(
        reverse("conversations_admin:new"),
        {
            "advertiser": advertiser_a.advertiser_id,
            "kind": "document",
            "title": "Votre attestation",
            "body": "Voici votre attestation.",
        },
    )
    thread = Thread.objects.get(title="Votre attestation")
    assert response["Location"] == url("thread", thread)
    assert thread.advertiser_id == advertiser_a.advertiser_id and thread.advertiser_visible
    assert thread.status == ThreadStatus.ANSWERED
    assert Message.objects.get(thread=thread).from_staff


def test_an_accountant_writes_for_billing(client, accountant, advertiser_a):
    client.force_login(accountant)
    form = client.get(reverse("conversations_admin:new")).context["form"]
    assert [value for value, _label in form.fields["team"].choices] == ["", Team.BILLING]
    client.post(
        reverse("conversations_admin:new"),
        {
            "advertiser": advertiser_a.advertiser_id,
            "kind": "document",
            "title": "Relevé",
            "body": "Votre relevé.",
        },
    )
    assert Thread.objects.get(title="Relevé").team == Team.BILLING


def test_new_message_refused_keeps_the_form(client, administrator, advertiser_a):
    client.force_login(administrator)
    response = client.post(
        reverse("conversations_admin:new"),
        {"advertiser": advertiser_a.advertiser_id, "kind": "question", "title": "Vide", "body": ""},
    )
    assert response.status_code == 200
    assert not Thread.objects.filter(title="Vide").exists()
    assert not ThreadEvent.objects.exists()
