"""The advertiser's "Payer par Mobile Money": the button and the attempts on the
invoice page, the pay form (pre-filled, instructions, French errors, nothing
created on error), the journey through the sandbox to the receipt, and the
routes that stay shut (payments off, another company's invoice)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from billing.models import InvoiceStatus
from payments.models import IntentState, PaymentIntent, SandboxCharge

from .helpers import fake_api, issued_invoice, ready, start

pytestmark = pytest.mark.django_db

TOTAL = 295_103  # helpers.issued_invoice with 3 airings


@pytest.fixture
def on(settings):
    settings.ENABLE_PAYMENTS = True
    settings.PAYMENTS_PROVIDER = "sandbox"
    settings.PAYMENTS_ALLOW_SANDBOX = True
    return settings


@pytest.fixture
def invoice(advertiser_a):
    return issued_invoice(advertiser_a)


def pay_url(invoice) -> str:
    return reverse("payments:pay", kwargs={"uuid": invoice.uuid})


def test_the_invoice_page_offers_mobile_money_only_when_payments_are_on(on, client_as, invoice):
    client = client_as("advertiser_a")
    page = client.get(invoice.get_absolute_url()).text
    assert "Payer par Mobile Money" in page
    assert f'href="{pay_url(invoice)}"' in page

    on.ENABLE_PAYMENTS = False
    page = client.get(invoice.get_absolute_url()).text
    assert "Payer par Mobile Money" not in page


def test_the_invoice_page_lists_the_attempts_with_their_state(on, client_as, advertiser_a, invoice):
    intent = start(invoice, advertiser_a, 1000)
    page = client_as("advertiser_a").get(invoice.get_absolute_url()).text
    assert "Tentatives de paiement" in page
    assert f'href="{intent.get_absolute_url()}"' in page
    assert "En cours de vérification" in page


def test_the_form_is_prefilled_with_what_remains_and_explains_each_operator(
    on, client_as, advertiser_a, invoice
):
    start(invoice, advertiser_a, 95_100)  # an attempt under way is not offered twice
    page = client_as("advertiser_a").get(pay_url(invoice)).text
    page = page.replace("\u202f", " ").replace("\xa0", " ")
    assert 'value="200000"' in page  # 200 003 due, rounded down to the provider's step
    assert "*144*4*6#" in page and "*144*4*6*montant#" in page
    assert "saisissez-le sur la page de paiement" in page
    assert "validez avec votre code secret" in page
    assert "2 000 000" in page and "plusieurs" in page
    assert "Orange Money" in page and "Moov Money" in page


def test_paying_through_the_sandbox_reduces_the_balance_and_gives_a_receipt(
    on, client_as, advertiser_a, invoice
):
    client = client_as("advertiser_a")
    response = client.post(
        pay_url(invoice), {"amount": "200 000", "operator": "orange", "phone": "70 12 34 56"}
    )
    intent = PaymentIntent.objects.get()
    assert (intent.amount, intent.operator, intent.phone) == (200_000, "orange", "+22670123456")
    assert intent.state == IntentState.PENDING
    assert response.status_code == 302
    assert re.fullmatch(r"/payments/sandbox/[\w-]+/", response["Location"])
    assert response["Location"] == intent.checkout_url

    sandbox = client.get(response["Location"])
    assert "Bac à sable" in sandbox.text and "aucun argent réel" in sandbox.text
    done = client.post(response["Location"], {"outcome": "paid"})
    assert done["Location"] == intent.get_absolute_url()

    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED
    invoice.refresh_from_db()
    assert invoice.balance == TOTAL - 200_000
    assert invoice.status == InvoiceStatus.PARTLY_PAID
    page = client.get(intent.get_absolute_url()).text
    assert "Paiement confirmé" in page
    assert 'http-equiv="refresh"' not in page
    receipt = client.get(reverse("payments:receipt", kwargs={"reference": intent.reference}))
    assert receipt.status_code == 200
    assert receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF")


def test_the_rest_then_pays_the_invoice(on, client_as, advertiser_a, invoice):
    client = client_as("advertiser_a")
    first = client.post(
        pay_url(invoice), {"amount": "295000", "operator": "moov", "phone": "70123456"}
    )
    client.post(first["Location"], {"outcome": "paid"})
    invoice.refresh_from_db()
    assert invoice.balance == 103
    second = client.post(
        pay_url(invoice), {"amount": "103", "operator": "orange", "phone": "70123456"}
    )
    # The sandbox takes multiples of 5, like CinetPay: 100 FCFA, 3 left due.
    client.post(second["Location"], {"outcome": "paid"})
    invoice.refresh_from_db()
    assert invoice.balance == 3 and invoice.status == InvoiceStatus.PARTLY_PAID


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (str(TOTAL + 1), "Il ne reste que 295"),
        ("50", "Le plus petit paiement en ligne est de 100"),
        ("12abc", "Saisissez un nombre entier de francs."),
    ],
)
def test_a_wrong_amount_is_explained_in_french_and_creates_nothing(
    on, client_as, invoice, amount, message
):
    response = client_as("advertiser_a").post(
        pay_url(invoice), {"amount": amount, "operator": "orange", "phone": "70123456"}
    )
    assert response.status_code == 200
    assert message in response.text.replace("\u202f", " ").replace("\xa0", " ")
    assert not PaymentIntent.objects.exists()
    assert not SandboxCharge.objects.exists()


def test_above_the_ceiling_asks_to_pay_in_parts(on, client_as, invoice):
    on.PAYMENTS_MAX_AMOUNT = 100_000
    response = client_as("advertiser_a").post(
        pay_url(invoice), {"amount": "150000", "operator": "moov", "phone": "70123456"}
    )
    assert "plusieurs fois" in response.text
    assert not PaymentIntent.objects.exists()


def test_missing_operator_and_phone_are_asked_for(on, client_as, invoice):
    response = client_as("advertiser_a").post(pay_url(invoice), {"amount": "1000"})
    assert "Choisissez un opérateur." in response.text
    assert "Saisissez un numéro de téléphone." in response.text
    assert not PaymentIntent.objects.exists()


def test_another_companys_invoice_is_a_404(on, client_as, invoice):
    client = client_as("advertiser_b")
    assert client.get(pay_url(invoice)).status_code == 404
    response = client.post(
        pay_url(invoice), {"amount": "1000", "operator": "orange", "phone": "70123456"}
    )
    assert response.status_code == 404
    assert not PaymentIntent.objects.exists()
    # nor does its invoice page show another company's payment section
    assert client.get(invoice.get_absolute_url()).status_code == 404


def test_staff_and_visitors_do_not_reach_the_form(on, client_as, invoice):
    assert client_as("accountant").get(pay_url(invoice)).status_code == 403
    client = client_as("anonymous")
    client.logout()
    assert client.get(pay_url(invoice)).status_code == 302


def test_a_paid_invoice_offers_no_button(on, client_as, advertiser_a, invoice):
    client = client_as("advertiser_a")
    response = client.post(
        pay_url(invoice), {"amount": "295000", "operator": "orange", "phone": "70123456"}
    )
    client.post(response["Location"], {"outcome": "paid"})
    page = client.get(invoice.get_absolute_url()).text
    assert "Tentatives de paiement" in page and "Paiement confirmé" in page
    # 103 FCFA remain: still payable
    assert "Payer par Mobile Money" in page


def test_every_route_is_a_404_while_payments_are_off(settings, client_as, advertiser_a, invoice):
    settings.ENABLE_PAYMENTS = True
    intent = start(invoice, advertiser_a, 1000)
    charge = SandboxCharge.objects.get()
    settings.ENABLE_PAYMENTS = False
    client = client_as("advertiser_a")
    urls = [
        pay_url(invoice),
        intent.get_absolute_url(),
        reverse("payments:receipt", kwargs={"reference": intent.reference}),
        reverse("payments:sandbox", kwargs={"token": charge.token}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"outcome": "paid", "amount": "100"}).status_code == 404, url
    client.logout()
    for url in urls:
        assert client.get(url).status_code == 404, url


@pytest.fixture
def cinetpay(settings):
    for api in fake_api(settings, "cinetpay"):
        yield ready(api, "cinetpay")


def test_an_outside_payment_page_is_reached_from_the_attempts_page(cinetpay, client_as, invoice):
    """The site's CSP lets a form post (and be redirected) only to its own origin:
    the attempt's page forwards the payer to the provider's page instead."""
    response = client_as("advertiser_a").post(
        pay_url(invoice), {"amount": "10000", "operator": "orange", "phone": "70123456"}
    )
    intent = PaymentIntent.objects.get()
    assert intent.checkout_url.startswith("https://")
    assert response["Location"] == intent.get_absolute_url() + "?start=1"
    page = client_as("advertiser_a").get(response["Location"]).text
    assert f'<meta http-equiv="refresh" content="0;url={intent.checkout_url}">' in page
    assert f'href="{intent.checkout_url}"' in page
    assert "Paiement en cours de vérification" in page
