"""While an e-mail is retried, the inbox says why and when it is tried next."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from notifications.models import EmailDelivery, OutgoingEmail
from notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

OUAGA = ZoneInfo("Africa/Ouagadougou")
NEXT = datetime(2026, 11, 18, 10, 4, tzinfo=OUAGA)
ERROR = "SMTPServerDisconnected: Connection unexpectedly closed"


def test_a_retrying_email_shows_its_last_error_and_next_attempt(client):
    notification = NotificationFactory(
        emailed=True, email__retrying=True, email__last_error=ERROR, email__next_attempt_at=NEXT
    )
    client.force_login(notification.recipient)
    html = client.get(reverse("notifications:inbox")).content.decode()

    assert 'data-email-state="retrying"' in html
    assert (
        "E-mail : nouvelle tentative le 18 novembre à 10:04 (dernière erreur : "
        "SMTPServerDisconnected: Connection unexpectedly closed)"
    ) in html


def test_a_failed_email_still_in_its_retry_window_says_when_it_is_tried_again():
    delivery = OutgoingEmail(
        status=OutgoingEmail.Status.FAILED, last_error="SMTP 451", next_attempt_at=NEXT
    ).delivery
    assert delivery.state == "failed"
    assert delivery.label == "E-mail : échec (SMTP 451), nouvelle tentative le 18 novembre à 10:04"


def test_the_labels_in_english():
    with translation.override("en"):
        retrying = EmailDelivery("retrying", "SMTP 451", NEXT)
        assert retrying.label == "E-mail: retrying on 18 November at 10:04 (last error: SMTP 451)"
        assert EmailDelivery("queued", "SMTP 451").label == "E-mail: queued (last error: SMTP 451)"
        assert EmailDelivery("failed", "SMTP 451").label == "E-mail: failed (SMTP 451)"
