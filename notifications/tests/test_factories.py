"""The notifications factories make inbox entries and outbox e-mails in the
states the services leave them in: the delivery task sends what is queued or
retrying and leaves alone what is sent or failed, and the inbox and its
counter read the notifications as they are."""

from __future__ import annotations

import base64

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications import selectors, services
from notifications.kinds import NotificationKind, kinds_for
from notifications.models import OutgoingEmail

from .factories import (
    PDF_BYTES,
    NotificationFactory,
    NotificationPreferenceFactory,
    OutgoingEmailFactory,
)

pytestmark = pytest.mark.django_db


# --- Outgoing e-mails ------------------------------------------------------------------


def test_a_queued_email_is_delivered_by_the_task():
    record = OutgoingEmailFactory()
    record.full_clean()
    assert record.status == OutgoingEmail.Status.QUEUED and record.attempts == 0

    services.deliver_email(email_id=record.pk)

    record.refresh_from_db()
    assert record.status == OutgoingEmail.Status.SENT and record.attempts == 1
    [sent] = mail.outbox
    assert sent.to == record.to and sent.subject == record.subject
    assert sent.from_email == settings.DEFAULT_FROM_EMAIL
    assert sent.reply_to == ["commercial@bf1.bf"]


def test_an_attachment_survives_the_queue():
    record = OutgoingEmailFactory(with_attachment=True)
    record.full_clean()
    services.deliver_email(email_id=record.pk)
    [sent] = mail.outbox
    assert sent.attachments[0][0] == "devis-bf1.pdf"
    assert sent.attachments[0][1] == PDF_BYTES
    assert base64.b64decode(record.attachments[0]["content"]) == PDF_BYTES


def test_a_retrying_email_is_sent_at_its_next_attempt():
    record = OutgoingEmailFactory(retrying=True)
    record.full_clean()
    assert record.next_attempt_at > timezone.now() and record.last_error

    services.deliver_email(email_id=record.pk)

    record.refresh_from_db()
    assert record.status == OutgoingEmail.Status.SENT
    assert record.attempts == 2 and record.last_error == ""
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("trait", ["sent", "failed"])
def test_a_sent_or_failed_email_is_never_sent_again(trait):
    record = OutgoingEmailFactory(**{trait: True})
    record.full_clean()
    services.deliver_email(email_id=record.pk)
    record.refresh_from_db()
    assert record.status == trait
    assert mail.outbox == []


def test_a_failed_email_used_every_attempt():
    record = OutgoingEmailFactory(failed=True)
    assert record.attempts == settings.EMAIL_MAX_ATTEMPTS
    assert record.sent_at is None and record.last_error


# --- Notifications ---------------------------------------------------------------------


def test_a_notification_is_unread_in_its_recipients_inbox_only(client):
    notification = NotificationFactory()
    notification.full_clean()
    recipient = notification.recipient
    other = NotificationFactory()
    assert notification.kind in kinds_for(recipient)
    assert selectors.unread_count(recipient) == 1
    assert list(selectors.notifications_for(recipient)) == [notification]
    assert notification.email_delivery is None

    client.force_login(recipient)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Jus de bissap Sahel" in page
    assert selectors.unread_count(other.recipient) == 1
    assert list(selectors.notifications_for(other.recipient)) == [other]


def test_a_read_notification_no_longer_counts():
    notification = NotificationFactory(read=True)
    notification.full_clean()
    assert notification.is_read
    assert selectors.unread_count(notification.recipient) == 0
    assert list(selectors.notifications_for(notification.recipient, state="unread")) == []


def test_an_emailed_notification_is_mailed_to_its_recipient():
    notification = NotificationFactory(emailed=True)
    notification.full_clean()
    email = notification.email
    email.full_clean()
    assert email.to == [notification.recipient.email]
    assert email.subject == notification.title
    assert notification.body in email.body
    assert notification.email_delivery.state == "queued"
    # The same e-mail as `notify` writes for it.
    made = services.notify(
        recipient=notification.recipient,
        kind=notification.kind,
        title=notification.title,
        body=notification.body,
        url=notification.url,
    )
    assert (made.email.subject, made.email.body) == (email.subject, email.body)


def test_the_delivery_state_of_a_notifications_email():
    delivered = NotificationFactory(emailed=True, email__sent=True)
    failed = NotificationFactory(emailed=True, email__failed=True)
    refused = NotificationFactory(email_refused=True)
    assert delivered.email_delivery.state == "sent"
    assert failed.email_delivery.state == "failed"
    assert failed.email.last_error in failed.email_delivery.label
    assert refused.email is None
    assert refused.email_delivery.state == "failed"
    assert "Adresse e-mail refusée" in refused.email_delivery.label


# --- Preferences -----------------------------------------------------------------------


def test_a_switched_off_kind_is_not_emailed_any_more():
    preference = NotificationPreferenceFactory()
    preference.full_clean()
    user = preference.user
    assert not selectors.email_enabled(user, NotificationKind.SPOT_REVIEW)
    assert selectors.email_enabled(user, NotificationKind.CAMPAIGN_STATUS)
    switches = {item["kind"]: item["enabled"] for item in selectors.email_preferences(user)}
    assert switches["spot_review"] is False and switches["campaign_status"] is True

    quiet = services.notify(recipient=user, kind=NotificationKind.SPOT_REVIEW, title="Spot validé")
    loud = services.notify(recipient=user, kind=NotificationKind.CAMPAIGN_STATUS, title="Validée")
    assert quiet.email is None and loud.email is not None


def test_one_preference_per_user_and_kind():
    preference = NotificationPreferenceFactory()
    again = NotificationPreferenceFactory(user=preference.user, kind=preference.kind)
    assert again == preference
