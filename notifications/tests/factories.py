"""factory-boy factories for notifications: the in-app notification, the
outgoing e-mail record (the outbox the django-q2 task delivers, with its
attempts and state) and the e-mail switches of a user.

They hold together as `services.notify` makes them: a notification that was
e-mailed points to an e-mail addressed to its recipient, with its title as
subject; an e-mail's state matches its attempts (sent once delivered, retrying
with its next attempt planned, failed after EMAIL_MAX_ATTEMPTS)."""

from __future__ import annotations

import base64
import datetime as dt

import factory
from django.conf import settings
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.tests.factories import AdvertiserUserFactory
from notifications.kinds import NotificationKind
from notifications.models import Notification, NotificationPreference, OutgoingEmail
from notifications.services import build_notification_email

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SMTP_ERROR = "SMTPServerDisconnected: Connection unexpectedly closed"


def email_text(notification) -> str:
    """The text of a notification's e-mail, as `services.notify` writes it."""
    return build_notification_email(
        recipient=notification.recipient,
        kind=NotificationKind(notification.kind),
        title=notification.title,
        body=notification.body,
        url=notification.url,
    ).body


class OutgoingEmailFactory(DjangoModelFactory):
    """An e-mail queued for a client, not sent yet. Traits: `sent`,
    `retrying` (one attempt failed, the next one planned), `failed` (given up
    after EMAIL_MAX_ATTEMPTS), `with_attachment` (a PDF quote attached)."""

    class Meta:
        model = OutgoingEmail

    class Params:
        sent = factory.Trait(
            status=OutgoingEmail.Status.SENT,
            attempts=1,
            sent_at=factory.LazyFunction(timezone.now),
        )
        retrying = factory.Trait(
            status=OutgoingEmail.Status.RETRYING,
            attempts=1,
            last_error=SMTP_ERROR,
            next_attempt_at=factory.LazyFunction(
                lambda: timezone.now() + dt.timedelta(seconds=settings.EMAIL_RETRY_DELAY_SECONDS)
            ),
        )
        failed = factory.Trait(
            status=OutgoingEmail.Status.FAILED,
            attempts=factory.LazyFunction(lambda: settings.EMAIL_MAX_ATTEMPTS),
            last_error=SMTP_ERROR,
        )
        with_attachment = factory.Trait(
            attachments=factory.LazyFunction(
                lambda: [
                    {
                        "filename": "devis-bf1.pdf",
                        "mimetype": "application/pdf",
                        "content": base64.b64encode(PDF_BYTES).decode("ascii"),
                    }
                ]
            )
        )

    subject = "BF1 Pub : votre campagne « Jus de bissap Sahel » est validée"
    from_email = factory.LazyFunction(lambda: settings.DEFAULT_FROM_EMAIL)
    to = factory.Sequence(lambda n: [f"client{n}@sahel-boissons.bf"])
    reply_to = factory.LazyFunction(lambda: ["commercial@bf1.bf"])
    body = (
        "Bonjour,\n\nVotre campagne « Jus de bissap Sahel » a été validée par la régie "
        "de BF1. Elle sera programmée dans les prochains jours.\n\nL'équipe BF1 Pub"
    )
    status = OutgoingEmail.Status.QUEUED
    attempts = 0


class NotificationFactory(DjangoModelFactory):
    """An unread notification to a client about their campaign, without e-mail.
    Traits: `read`, `emailed` (its e-mail queued to the recipient: add
    `email__sent=True` for a delivered one), `email_refused` (the e-mail could
    not be queued; the reason is kept)."""

    class Meta:
        model = Notification

    class Params:
        read = factory.Trait(read_at=factory.LazyFunction(timezone.now))
        emailed = factory.Trait(
            email=factory.SubFactory(
                OutgoingEmailFactory,
                subject=factory.SelfAttribute("..title"),
                to=factory.LazyAttribute(lambda e: [e.factory_parent.recipient.email]),
                body=factory.LazyAttribute(lambda e: email_text(e.factory_parent)),
            )
        )
        email_refused = factory.Trait(email=None, email_error="Adresse e-mail refusée")

    recipient = factory.SubFactory(AdvertiserUserFactory)
    kind = NotificationKind.CAMPAIGN_STATUS
    title = "Votre campagne « Jus de bissap Sahel » est validée"
    body = "La régie a validé votre campagne : elle sera programmée dans les prochains jours."
    url = "/campaigns/"
    read_at = None
    email = None
    email_error = ""


class NotificationPreferenceFactory(DjangoModelFactory):
    """A client who switched off the e-mails of one kind (no row: e-mails on)."""

    class Meta:
        model = NotificationPreference
        django_get_or_create = ("user", "kind")

    user = factory.SubFactory(AdvertiserUserFactory)
    kind = NotificationKind.SPOT_REVIEW
    email_enabled = False
