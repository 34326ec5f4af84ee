""" "Renvoyer" in the admin e-mail list: staff who may see the list send a failed
or stuck e-mail again (one, or many at once), with a fresh count of attempts,
logged with who did it; a sent e-mail is never sent twice by mistake. The list
shows each e-mail's last error and next attempt."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from notifications.models import OutgoingEmail
from notifications.outbox import LOG_RESEND
from notifications.tests.factories import OutgoingEmailFactory

pytestmark = pytest.mark.django_db

Status = OutgoingEmail.Status
LIST = "/admin/outgoing_emails/"
RESEND = reverse("wagtail_bulk_action", args=["notifications", "outgoingemail", "resend"])


def resend(client, *ids, **extra):
    query = "&".join(f"id={pk}" for pk in ids)
    return client.post(f"{RESEND}?{query}&next={LIST}", **extra)


@pytest.fixture
def failed(db):
    return OutgoingEmailFactory(failed=True, subject="Votre devis BF1 Pub")


@pytest.fixture
def sent(db):
    return OutgoingEmailFactory(sent=True, subject="Bienvenue chez BF1 Pub")


def test_the_list_offers_resend_for_a_failed_email_only(client, administrator, failed, sent):
    client.force_login(administrator)
    page = client.get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-resend="{failed.pk}"' in html
    assert f'data-resend="{sent.pk}"' not in html
    assert "Renvoyer" in html
    assert "data-bulk-action-checkbox" in html  # the bulk footer's checkboxes
    assert f"{RESEND}" in html


def test_resending_a_failed_email_queues_sends_and_logs_it(
    client, administrator, failed, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    confirm = client.get(f"{RESEND}?id={failed.pk}&next={LIST}")
    assert confirm.status_code == 200
    assert f'data-resend-item="{failed.pk}"' in confirm.content.decode()
    failed.refresh_from_db()
    assert failed.status == Status.FAILED  # a GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = resend(client, failed.pk)

    assert response.status_code == 302
    assert response["Location"] == LIST
    failed.refresh_from_db()
    assert failed.status == Status.SENT
    assert failed.attempts == 1  # the count started again
    assert [m.subject for m in mail.outbox] == ["Votre devis BF1 Pub"]
    entry = ModelLogEntry.objects.get(action=LOG_RESEND, object_id=str(failed.pk))
    assert entry.user == administrator
    assert entry.data["status"] == Status.FAILED


def test_a_sent_email_is_never_resent_by_mistake(
    client, administrator, failed, sent, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    confirm = client.get(f"{RESEND}?id={failed.pk}&id={sent.pk}").content.decode()
    assert f'data-resend-item="{failed.pk}"' in confirm
    assert f'data-not-resent="{sent.pk}"' in confirm

    with django_capture_on_commit_callbacks(execute=True):
        resend(client, sent.pk)
    sent.refresh_from_db()
    assert sent.status == Status.SENT
    assert sent.attempts == 1
    assert mail.outbox == []
    assert not ModelLogEntry.objects.filter(action=LOG_RESEND).exists()


def test_an_email_being_sent_now_is_not_resent(client, administrator):
    sending = OutgoingEmailFactory(status=Status.SENDING, attempts=1, claimed_at=timezone.now())
    client.force_login(administrator)
    resend(client, sending.pk)
    sending.refresh_from_db()
    assert sending.status == Status.SENDING
    assert sending.attempts == 1


def test_bulk_resend_takes_the_failed_and_the_stuck_ones(
    client, administrator, failed, sent, django_capture_on_commit_callbacks
):
    stuck = OutgoingEmailFactory(queued_at=timezone.now() - timedelta(hours=2))
    dead_worker = OutgoingEmailFactory(
        status=Status.SENDING, attempts=2, claimed_at=timezone.now() - timedelta(hours=1)
    )
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{RESEND}?id=all&next={LIST}", follow=True)

    assert "3 e-mails sont remis en file." in response.content.decode()
    statuses = dict(OutgoingEmail.objects.values_list("pk", "status"))
    assert statuses == {
        failed.pk: Status.SENT,
        sent.pk: Status.SENT,
        stuck.pk: Status.SENT,
        dead_worker.pk: Status.SENT,
    }
    assert len(mail.outbox) == 3
    assert ModelLogEntry.objects.filter(action=LOG_RESEND).count() == 3


@pytest.mark.parametrize("persona", ["advertiser_a", "editorial", "broadcaster"])
def test_only_staff_who_see_the_list_may_resend(client, request, persona, failed):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(f"{RESEND}?id={failed.pk}")
    post = resend(client, failed.pk)
    assert page.status_code in (302, 403)
    assert post.status_code in (302, 403)
    if post.status_code == 302:
        assert "/login/" in post["Location"] or not post["Location"].startswith("/admin/bulk")
    failed.refresh_from_db()
    assert failed.status == Status.FAILED
    assert not ModelLogEntry.objects.filter(action=LOG_RESEND).exists()


def test_staff_without_the_view_permission_are_turned_away(client, editorial, failed):
    client.force_login(editorial)  # in the Wagtail admin, not allowed the e-mail list
    assert client.get(LIST).status_code in (302, 403)
    refused = resend(client, failed.pk)
    assert refused.status_code in (302, 403)
    if refused.status_code == 302:  # Wagtail's "permission denied": back to the dashboard
        assert refused["Location"] != LIST
    failed.refresh_from_db()
    assert failed.status == Status.FAILED


def test_anonymous_is_sent_to_the_login_page(client, failed):
    response = resend(client, failed.pk)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_resend_needs_the_csrf_token(administrator, failed):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    assert resend(client, failed.pk).status_code == 403
    failed.refresh_from_db()
    assert failed.status == Status.FAILED


@pytest.mark.parametrize("bad_id", ["abc", "²", "9" * 5000, "-1"])
def test_hostile_ids_never_give_a_500(client, administrator, failed, bad_id):
    client.force_login(administrator)
    assert client.get(f"{RESEND}?id={bad_id}").status_code in (200, 404)
    assert client.post(f"{RESEND}?id={bad_id}").status_code in (302, 404)
    failed.refresh_from_db()
    assert failed.status == Status.FAILED


def test_the_list_shows_the_last_error_and_the_next_attempt(client, administrator):
    OutgoingEmailFactory(
        retrying=True,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
        next_attempt_at=datetime(2026, 11, 18, 10, 35, tzinfo=ZoneInfo("Africa/Ouagadougou")),
    )
    client.force_login(administrator)
    html = client.get(LIST).content.decode()
    assert "Prochaine tentative" in html
    assert "SMTPServerDisconnected" in html
    assert "18 novembre à 10:35" in html


def test_the_resend_button_comes_back_to_the_filtered_list(client, administrator, failed):
    client.force_login(administrator)
    html = client.get(f"{LIST}results/", {"status": "failed"}).content.decode()
    assert f'data-resend="{failed.pk}"' in html
    assert "next=%2Fadmin%2Foutgoing_emails%2F%3Fstatus%3Dfailed" in html
