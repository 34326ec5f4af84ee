"""The attempt's page (the providers' return URL) and its receipt: "en cours de
vérification" (refreshing itself every 5 s, no script) until the job has
confirmed with the provider, never "confirmé" before; the reason and "Réessayer"
after a failure; the receipt PDF of a confirmed payment only; the payer
company's users only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from billing.tests.test_pdf_helpers import pdf_text
from payments.models import IntentState, PaymentIntent, SandboxCharge
from payments.receipt_pdf import render_receipt
from payments.services.confirm import confirm_intent

from .helpers import issued_invoice, start

pytestmark = pytest.mark.django_db

REFRESH = '<meta http-equiv="refresh" content="5">'


@pytest.fixture
def on(settings):
    settings.ENABLE_PAYMENTS = True
    settings.PAYMENTS_PROVIDER = "sandbox"
    settings.PAYMENTS_ALLOW_SANDBOX = True
    return settings


@pytest.fixture
def intent(on, advertiser_a):
    return start(issued_invoice(advertiser_a), advertiser_a, 50_000, phone="70123456")


def receipt_url(intent) -> str:
    return reverse("payments:receipt", kwargs={"reference": intent.reference})


def decide(intent, outcome: str) -> PaymentIntent:
    SandboxCharge.objects.filter(token=intent.provider_token).update(outcome=outcome)
    confirm_intent(intent.reference, source="test")
    intent.refresh_from_db()
    return intent


def test_a_pending_attempt_is_being_checked_and_never_confirmed(client_as, intent):
    client = client_as("advertiser_a")
    page = client.get(intent.get_absolute_url())
    assert page.status_code == 200
    assert "Paiement en cours de vérification" in page.text
    assert REFRESH in page.text
    assert "confirmé" not in page.text.lower()
    assert "<script>" not in page.text
    assert page["Cache-Control"] == "private, no-store"
    assert client.get(receipt_url(intent)).status_code == 404

    # The provider already says "paid" but no job has asked it yet: still pending.
    SandboxCharge.objects.filter(token=intent.provider_token).update(outcome="paid")
    page = client.get(intent.get_absolute_url()).text
    assert "Paiement en cours de vérification" in page
    assert "confirmé" not in page.lower()


def test_a_confirmed_attempt_links_its_receipt_and_its_invoice(client_as, intent):
    decide(intent, "paid")
    page = client_as("advertiser_a").get(intent.get_absolute_url()).text
    assert "Paiement confirmé" in page
    assert REFRESH not in page
    assert receipt_url(intent) in page
    assert intent.invoice.get_absolute_url() in page


@pytest.mark.parametrize(
    ("outcome", "state", "reason"),
    [
        ("refused", IntentState.FAILED, "L'opérateur a refusé le paiement."),
        ("abandoned", IntentState.CANCELLED, "Le paiement a été abandonné."),
    ],
)
def test_a_failed_attempt_gives_its_reason_and_a_way_to_try_again(
    client_as, intent, outcome, state, reason
):
    assert decide(intent, outcome).state == state
    page = client_as("advertiser_a").get(intent.get_absolute_url()).text
    assert reason.replace("'", "&#x27;") in page
    assert "Réessayer" in page
    assert reverse("payments:pay", kwargs={"uuid": intent.invoice.uuid}) in page
    assert REFRESH not in page
    assert "Paiement confirmé" not in page


def test_an_expired_attempt_says_so(client_as, intent):
    PaymentIntent.objects.filter(pk=intent.pk).update(
        state=IntentState.EXPIRED,
        failure_reason="Aucune confirmation de l'opérateur dans le délai.",
    )
    page = client_as("advertiser_a").get(intent.get_absolute_url()).text
    assert "Paiement expiré" in page and "Réessayer" in page


def test_the_receipt_says_what_was_paid_and_that_it_is_no_invoice(client_as, intent):
    decide(intent, "paid")
    response = client_as("advertiser_a").get(receipt_url(intent))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="recu-{intent.reference}.pdf"'
    text = pdf_text(render_receipt(intent, compress=False))
    for expected in (
        intent.reference,
        intent.invoice.number,
        "50 000 FCFA",
        "Orange Money",
        intent.provider_reference,
        "Reçu de paiement — ce reçu ne remplace pas la facture",
        "Sahel Boissons SA",
    ):
        assert expected in text, expected


def test_another_company_reaches_neither_the_attempt_nor_its_receipt(client_as, intent):
    decide(intent, "paid")
    client = client_as("advertiser_b")
    assert client.get(intent.get_absolute_url()).status_code == 404
    assert client.get(receipt_url(intent)).status_code == 404
    assert (
        client.get(reverse("payments:status", kwargs={"reference": "BF1NOPE"})).status_code == 404
    )


def test_staff_get_a_403_and_visitors_the_login_page(client_as, intent):
    assert client_as("accountant").get(intent.get_absolute_url()).status_code == 403
    client = client_as("anonymous")
    client.logout()
    response = client.get(intent.get_absolute_url())
    assert response.status_code == 302 and "/login/" in response["Location"]
