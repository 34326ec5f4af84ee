"""Browser journeys of issue 15 (mobile-money payments), on a phone, through the
sandbox provider, payments switched on for the live server (pytest-django's
`settings` fixture changes the settings of this process, which the live
server's thread shares).

How the confirmation runs: the sandbox page notifies like a provider, through
the webhook view in process; the webhook enqueues `payments.tasks.confirm_notified`
with django-q2, and the test settings run django-q2 synchronously
(Q_CLUSTER["sync"]), so the job checks the sandbox charge and records the
payment before the browser is redirected to the return page. When the
notification is lost, the test runs the poller itself
(`expire_or_recheck(now=…)`, 11 minutes later than now); the return page,
refreshing itself every 5 s, then shows the confirmation.

(a) invoice page → "Payer par Mobile Money" → form → sandbox "Payé" → "Paiement
confirmé" → the invoice shows "Payée" → the receipt downloads (%PDF);
(b) "Payé mais notification perdue" → "en cours de vérification" → the poller →
confirmed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import DEFAULT_PASSWORD, AdvertiserFactory, AdvertiserUserFactory
from billing.models import Invoice, InvoiceStatus
from billing.services.payments import record_payment
from billing.tests.factories import accountant_user
from payments.models import IntentState, PaymentIntent
from payments.services.confirm import expire_or_recheck
from payments.tests.helpers import issued_invoice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def payments_on(settings):
    settings.ENABLE_PAYMENTS = True
    settings.PAYMENTS_PROVIDER = "sandbox"
    settings.PAYMENTS_ALLOW_SANDBOX = True
    return settings


@pytest.fixture
def open_page(browser, live_server):
    contexts = []

    def open_():
        context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=PHONE)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def log_in(page, email: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.locator("form#login-form [type=submit]").click()
    page.wait_for_url(lambda url: "/login/" not in url)


@pytest.fixture
def client_invoice(payments_on):
    """An invoice of 295 103 FCFA, 100 003 already paid by transfer: 195 100 left
    (a multiple of 5, as the sandbox takes, like CinetPay)."""
    company = AdvertiserFactory(name="Brasseries du Faso SA")
    user = AdvertiserUserFactory(email="awa.ouedraogo@brafaso.bf", advertiser=company)
    invoice = issued_invoice(user)
    record_payment(
        payer=company,
        actor=accountant_user(),
        method="transfer",
        amount=100_003,
        received_on=timezone.localdate(),
        reference="VIR-2026-001",
        allocations=[(invoice, 100_003)],
    )
    invoice.refresh_from_db()
    assert invoice.balance == 195_100
    return user, invoice


def start_on_the_invoice(page, invoice, *, operator: str) -> None:
    page.goto(invoice.get_absolute_url())
    page.get_by_role("link", name="Payer par Mobile Money").click()
    page.wait_for_url(re.compile(r"/payments/invoices/[\w-]+/pay/$"))
    expect(page.locator("main")).to_contain_text("*144*4*6#")
    expect(page.get_by_label("Montant à payer (FCFA)")).to_have_value("195100")
    page.get_by_label(operator).check()
    page.get_by_label("Numéro Mobile Money").fill("70 12 34 56")
    page.get_by_role("button", name="Continuer vers le paiement").click()
    page.wait_for_url(re.compile(r"/payments/sandbox/[\w-]+/$"))
    expect(page.locator("main")).to_contain_text("Bac à sable — aucun argent réel")


def test_an_invoice_is_paid_through_the_sandbox(open_page, client_invoice):
    user, invoice = client_invoice
    page = open_page()
    log_in(page, user.email)
    start_on_the_invoice(page, invoice, operator="Orange Money")
    page.get_by_role("button", name="Payé", exact=True).click()
    page.wait_for_url(re.compile(r"/payments/attempts/BF1\w+/$"))
    expect(page.locator("h1")).to_have_text("Paiement confirmé")

    intent = PaymentIntent.objects.get()
    assert intent.state == IntentState.SUCCEEDED
    assert Invoice.objects.get(pk=invoice.pk).status == InvoiceStatus.PAID

    receipt = page.get_by_role("link", name="Télécharger le reçu (PDF)").get_attribute("href")
    response = page.request.get(receipt)
    assert response.ok
    assert response.body().startswith(b"%PDF")

    page.get_by_role("link", name="Voir la facture").click()
    page.wait_for_url(re.compile(r"/billing/invoices/[\w-]+/$"))
    expect(page.locator("[data-state=paid]").first).to_have_text("Payée")
    attempts = page.locator("[data-attempts]")
    expect(attempts).to_contain_text("Paiement confirmé")
    expect(page.get_by_role("link", name="Payer par Mobile Money")).to_have_count(0)


def test_a_lost_notification_is_found_by_the_poller(open_page, client_invoice):
    user, invoice = client_invoice
    page = open_page()
    log_in(page, user.email)
    start_on_the_invoice(page, invoice, operator="Moov Money")
    page.get_by_role("button", name="Payé mais notification perdue").click()
    page.wait_for_url(re.compile(r"/payments/attempts/BF1\w+/$"))
    expect(page.locator("h1")).to_have_text("Paiement en cours de vérification")
    assert PaymentIntent.objects.get().state == IntentState.PENDING

    # The 5-minute poller, run by hand past PAYMENTS_RECHECK_MINUTES.
    later = timezone.now() + dt.timedelta(minutes=11)
    assert expire_or_recheck(now=later)["checked"] == 1
    assert PaymentIntent.objects.get().state == IntentState.SUCCEEDED

    # The page reloads itself (meta refresh, every 5 s) and shows the confirmation.
    expect(page.locator("h1")).to_have_text("Paiement confirmé", timeout=15_000)
    page.goto(invoice.get_absolute_url())
    expect(page.locator("[data-state=paid]").first).to_have_text("Payée")
