"""Each notification has a kind and is also sent by e-mail (queued, retried, its
delivery state kept on the notification), unless the user switched that kind off."""

from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.urls import reverse

from accounts.tests.factories import UserFactory
from notifications import services
from notifications.kinds import NotificationKind, kinds_for
from notifications.models import Notification, OutgoingEmail

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("451 4.3.0 Mail server temporarily rejected message")


def test_the_kind_is_stored_and_general_by_default(advertiser_a):
    plain = services.notify(recipient=advertiser_a, title="Bienvenue")
    moved = services.notify(
        recipient=advertiser_a, kind=NotificationKind.CAMPAIGN_STATUS, title="Campagne validée"
    )
    assert Notification.objects.get(pk=plain.pk).kind == NotificationKind.GENERAL
    assert Notification.objects.get(pk=moved.pk).kind == NotificationKind.CAMPAIGN_STATUS


def test_every_kind_of_the_issue_exists():
    assert set(NotificationKind.values) >= {
        "campaign_status",
        "spot_review",
        "campaign_submitted",
        "spot_uploaded",
        "creation_request",
        "quote_request",
        "airing",
        "coverage",
        "general",
    }


def test_an_email_is_queued_linked_and_sent_after_the_commit(
    advertiser_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = services.notify(
            recipient=advertiser_a,
            kind=NotificationKind.SPOT_REVIEW,
            title="Spot refusé pour « Jus Bissap »",
            body="Motif : son saturé.",
            url="/campaigns/abc/",
        )
    email = notification.email
    assert email is not None
    assert email.status == OutgoingEmail.Status.QUEUED
    assert email.to == [advertiser_a.email]
    assert email.subject == "Spot refusé pour « Jus Bissap »"
    assert "Motif : son saturé." in email.body
    assert "http://testserver/campaigns/abc/" in email.body
    assert "http://testserver/profile/#notifications" in email.body
    assert notification.email_delivery.state == "queued"
    assert mail.outbox == []  # nothing leaves before the commit

    for callback in callbacks:
        callback()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1
    delivered = mail.outbox[0]
    assert delivered.to == [advertiser_a.email]
    assert delivered.subject == "Spot refusé pour « Jus Bissap »"
    notification = Notification.objects.select_related("email").get(pk=notification.pk)
    assert notification.email_delivery.state == "sent"


def test_the_email_is_written_in_french_with_an_absolute_link(
    advertiser_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipient=advertiser_a, title="Votre campagne est validée")
    body = mail.outbox[0].body
    assert body.startswith("Bonjour")
    assert "L'équipe BF1 Pub" in body
    # Without a link of its own, the e-mail points to the inbox.
    assert "http://testserver" + reverse("notifications:inbox") in body


def test_a_kind_switched_off_sends_no_email_but_keeps_the_notification(
    advertiser_a, django_capture_on_commit_callbacks
):
    services.set_email_preferences(user=advertiser_a, enabled_kinds=["spot_review", "airing"])
    with django_capture_on_commit_callbacks(execute=True):
        off = services.notify(
            recipient=advertiser_a, kind=NotificationKind.CAMPAIGN_STATUS, title="Campagne soumise"
        )
        on = services.notify(
            recipient=advertiser_a, kind=NotificationKind.SPOT_REVIEW, title="Spot approuvé"
        )

    assert Notification.objects.filter(recipient=advertiser_a).count() == 2
    assert off.email is None
    assert off.email_delivery is None
    assert on.email is not None
    assert [message.subject for message in mail.outbox] == ["Spot approuvé"]


def test_a_user_without_address_gets_the_notification_only(advertiser_a):
    advertiser_a.email = ""
    notification = services.notify(recipient=advertiser_a, title="Sans adresse")
    assert notification.pk is not None
    assert notification.email is None
    assert notification.email_error == ""
    assert not OutgoingEmail.objects.exists()


def test_a_failure_to_queue_keeps_the_notification(
    advertiser_a, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*, message):
        OutgoingEmail.objects.create(subject="half-written", from_email="x", to=["y"])
        raise RuntimeError("the queue is down")

    monkeypatch.setattr(services, "queue_email_message", broken)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notification = services.notify(
            recipient=advertiser_a, kind=NotificationKind.CAMPAIGN_STATUS, title="Campagne validée"
        )
        # The caller's transaction is still usable after the failure.
        assert Notification.objects.filter(recipient=advertiser_a).count() == 1

    stored = Notification.objects.get(pk=notification.pk)
    assert stored.email is None
    assert "RuntimeError: the queue is down" in stored.email_error
    assert stored.email_delivery.state == "failed"
    assert "the queue is down" in stored.email_delivery.error
    assert not OutgoingEmail.objects.exists()  # the half-written e-mail was rolled back
    assert mail.outbox == []


def test_a_failing_mail_server_shows_as_failed_with_its_error(
    client, advertiser_a, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.FailingBackend"
    settings.EMAIL_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify(recipient=advertiser_a, title="Devis prêt")

    notification = Notification.objects.select_related("email").get(pk=notification.pk)
    assert notification.email.status == OutgoingEmail.Status.FAILED
    assert notification.email.attempts == 2
    delivery = notification.email_delivery
    assert delivery.state == "failed"
    assert "451" in delivery.error
    assert "451" in delivery.label
    assert mail.outbox == []

    client.force_login(advertiser_a)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert 'data-email-state="failed"' in page
    assert "451 4.3.0" in page


def test_the_inbox_shows_each_delivery_state(client, advertiser_a, administrator):
    sent = services.notify(recipient=advertiser_a, title="Envoyée")
    OutgoingEmail.objects.filter(pk=sent.email_id).update(status=OutgoingEmail.Status.SENT)
    services.notify(recipient=advertiser_a, title="En file")
    services.set_email_preferences(user=advertiser_a, enabled_kinds=[])
    services.notify(recipient=advertiser_a, title="Sans e-mail")

    client.force_login(advertiser_a)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert page.count('data-email-state="sent"') == 1
    assert page.count('data-email-state="queued"') == 1
    assert page.count("data-email-state=") == 2


def test_the_delivery_labels():
    from django.utils import translation

    from notifications.models import EmailDelivery

    with translation.override("en"):
        assert EmailDelivery("sent").label == "E-mail: sent"
        assert EmailDelivery("queued").label == "E-mail: queued"
        assert EmailDelivery("failed", "SMTP 451").label == "E-mail: failed (SMTP 451)"
        assert EmailDelivery("failed").label == "E-mail: failed"


# --- Who hears what, under which kind -------------------------------------------------


@pytest.fixture
def card(db):
    from simulator.demo import ensure_demo_rate_card

    return ensure_demo_rate_card()[0]


def kinds_of(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True)
    )


def test_campaign_moves_are_notified_under_their_kinds(advertiser_a, administrator, card):
    from campaigns import services as campaign_services
    from campaigns.models import CreativeMode
    from campaigns.tests.factories import CampaignFactory

    campaign = CampaignFactory(user=advertiser_a)
    campaign_services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    assert kinds_of(advertiser_a) == ["campaign_status"]
    assert kinds_of(administrator) == ["campaign_submitted"]

    made = CampaignFactory(
        user=advertiser_a,
        creative_mode=CreativeMode.MAKE,
        brief_message="Une famille partage un jus",
        brief_contacts="Awa, 70 12 34 56",
    )
    campaign_services.submit(campaign=made, user=advertiser_a, accept_terms=True)
    assert kinds_of(administrator)[-1] == "creation_request"


def test_spots_are_notified_under_their_kinds(advertiser_a, administrator, card):
    from campaigns import services as campaign_services
    from campaigns.models import Status
    from campaigns.tests.factories import CampaignFactory, image_factory_image

    campaign = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    spot = campaign_services.add_spot(
        campaign=campaign, user=advertiser_a, kind="image", image=image_factory_image()
    )
    assert kinds_of(administrator) == ["spot_uploaded"]
    campaign_services.review_spot(spot=spot, actor=administrator, approve=False, reason="Flou")
    assert kinds_of(advertiser_a) == ["spot_review"]


def test_a_quote_request_reaches_the_team_as_such(administrator, card):
    from simulator import services as simulator_services
    from simulator.models import Offer

    request = simulator_services.create_quote_request(
        offer=Offer.objects.get(rate_card=card, code="publireportage-jt1930"),
        name="Mariam Zongo",
        company="Association Wendé",
        email="mariam@wende.bf",
        phone="70 11 22 33",
        message="Un publireportage.",
    )
    simulator_services.notify_commercial_admins(quote_request=request)
    assert kinds_of(administrator) == ["quote_request"]


def test_each_role_is_offered_its_kinds(advertiser_a, administrator, broadcaster, editorial):
    assert kinds_for(advertiser_a) == [
        NotificationKind.CAMPAIGN_STATUS,
        NotificationKind.SPOT_REVIEW,
        NotificationKind.AIRING,
        NotificationKind.COVERAGE,
        NotificationKind.BILLING,
        NotificationKind.CONVERSATION,
        NotificationKind.GENERAL,
    ]
    admin_kinds = kinds_for(administrator)
    for kind in ("campaign_submitted", "spot_uploaded", "creation_request", "quote_request"):
        assert kind in admin_kinds
    assert "campaign_status" not in admin_kinds
    assert "conversation" in admin_kinds
    assert kinds_for(broadcaster) == [
        NotificationKind.AIRING,
        NotificationKind.CONVERSATION,
        NotificationKind.GENERAL,
    ]
    assert kinds_for(editorial) == [
        NotificationKind.COVERAGE,
        NotificationKind.CONVERSATION,
        NotificationKind.GENERAL,
    ]
    assert kinds_for(UserFactory(email="sans-role@example.bf")) == [
        NotificationKind.COVERAGE,
        NotificationKind.CONVERSATION,
        NotificationKind.GENERAL,
    ]
