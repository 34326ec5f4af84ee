"""The sandbox checkout page: development and tests only, reached by its token
alone; the developer's choice is notified like a provider would (signed, through
the webhook), except "notification perdue", left to the poller; a charge is
decided once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.models import InvoiceStatus
from payments.models import IntentState, PaymentEvent, PaymentIntent, SandboxCharge
from payments.services.confirm import expire_or_recheck

from .helpers import issued_invoice, kinds, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def on(settings):
    settings.ENABLE_PAYMENTS = True
    settings.PAYMENTS_PROVIDER = "sandbox"
    settings.PAYMENTS_ALLOW_SANDBOX = True
    return settings


@pytest.fixture
def intent(on, advertiser_a):
    return start(issued_invoice(advertiser_a), advertiser_a, 100_000, operator="moov")


def test_the_page_is_labelled_and_shows_what_is_asked(client, intent):
    page = client.get(intent.checkout_url)  # anonymous: the token is the secret
    assert page.status_code == 200
    text = page.text.replace("\u202f", " ").replace("\xa0", " ")
    assert "Bac à sable — aucun argent réel" in text
    assert intent.reference in text and "100 000 FCFA" in text and "Moov Money" in text
    assert intent.invoice.number in text
    for label in ("Payé", "Refusé", "Abandonné", "Payé mais notification perdue"):
        assert f">{label}</button>" in text


@pytest.mark.parametrize(
    ("button", "outcome", "state"),
    [
        ("paid", "paid", IntentState.SUCCEEDED),
        ("refused", "refused", IntentState.FAILED),
        ("abandoned", "abandoned", IntentState.CANCELLED),
    ],
)
def test_each_choice_is_notified_through_the_webhook(client, intent, button, outcome, state):
    response = client.post(intent.checkout_url, {"outcome": button})
    assert response.status_code == 302
    assert response["Location"] == intent.get_absolute_url()
    assert SandboxCharge.objects.get().outcome == outcome
    intent.refresh_from_db()
    assert intent.state == state
    assert PaymentEvent.Kind.NOTIFICATION in kinds(intent=None, reference=intent.reference)
    assert PaymentEvent.Kind.STATUS in kinds(intent)


def test_a_lost_notification_stays_pending_until_the_poller(
    client_as, advertiser_a, intent, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    client = client_as("advertiser_a")
    client.post(intent.checkout_url, {"outcome": "paid_lost"})
    assert SandboxCharge.objects.get().outcome == "paid"
    intent.refresh_from_db()
    assert intent.state == IntentState.PENDING
    assert PaymentEvent.Kind.NOTIFICATION not in kinds(intent=None, reference=intent.reference)
    page = client.get(intent.get_absolute_url()).text
    assert "Paiement en cours de vérification" in page and "Paiement confirmé" not in page

    assert expire_or_recheck() == {"checked": 0, "expired": 0}  # too early to ask again
    time_machine.shift(dt.timedelta(minutes=11))
    assert expire_or_recheck()["checked"] == 1
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED
    intent.invoice.refresh_from_db()
    assert intent.invoice.status == InvoiceStatus.PARTLY_PAID
    assert "Paiement confirmé" in client.get(intent.get_absolute_url()).text


def test_a_decided_charge_is_never_changed(client, intent):
    client.post(intent.checkout_url, {"outcome": "refused"})
    response = client.post(intent.checkout_url, {"outcome": "paid"}, follow=True)
    assert "déjà décidé : rien n'a changé".replace("'", "&#x27;") in response.text
    assert SandboxCharge.objects.get().outcome == "refused"
    assert PaymentIntent.objects.get().state == IntentState.FAILED
    assert "Déjà décidé" in client.get(intent.checkout_url).text


def test_an_unknown_choice_changes_nothing(client, intent):
    response = client.post(intent.checkout_url, {"outcome": "stolen"})
    assert response["Location"] == intent.checkout_url
    assert SandboxCharge.objects.get().outcome == "waiting"


def test_unknown_token_is_a_404(client, on):
    assert client.get(reverse("payments:sandbox", kwargs={"token": "nope"})).status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        {"ENABLE_PAYMENTS": False},
        {"PAYMENTS_ALLOW_SANDBOX": False},
        {"PAYMENTS_PROVIDER": "cinetpay"},
    ],
)
def test_the_sandbox_exists_only_when_allowed(client, on, intent, change):
    for name, value in change.items():
        setattr(on, name, value)
    assert client.get(intent.checkout_url).status_code == 404
    assert client.post(intent.checkout_url, {"outcome": "paid"}).status_code == 404
    assert SandboxCharge.objects.get().outcome == "waiting"
