"""Browser journey of issue 14 (billing): the commercial administrator drafts
and issues the invoice of a campaign on air (3 airings aired, 1 missed); the
accountant records its FEC certification; the advertiser sees it certified in
`/billing/` and downloads its PDF; the administrator credits the missed airing;
the accountant records a partial transfer, and the ageing and the client
statement show what is left. A second journey: a client who withholds VAT sees
the withholding and the net to pay on its invoice.

The data is made through the ORM and the billing services; every screen is
driven in the browser under its Content-Security-Policy (tests/e2e/conftest.py)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import (
    DEFAULT_PASSWORD,
    AdvertiserFactory,
    AdvertiserUserFactory,
    UserFactory,
)
from billing.models import CreditNote, Invoice, InvoiceStatus
from billing.services.drafts import create_draft
from billing.services.issue import issue_invoice
from billing.tests.factories import accountant_user, campaign_on_air

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
CERTIFICATION_CODE = "SECEF-TEST-0001"


@pytest.fixture
def open_page(browser, live_server):
    """A page of its own browser context (its own cookies) on the live server."""
    contexts = []

    def open_(viewport=DESKTOP):
        context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=viewport)
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


def francs(amount: int) -> str:
    """An amount as the pages group it, with plain spaces (see `shown`)."""
    return f"{amount:,}".replace(",", " ")


def shown(locator) -> str:
    """The text of a locator with its no-break spaces made plain."""
    return locator.inner_text().replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture
def people():
    company = AdvertiserFactory(name="Brasseries du Faso SA")
    advertiser = AdvertiserUserFactory(
        email="awa.ouedraogo@brafaso.bf", first_name="Awa", advertiser=company
    )
    administrator = UserFactory(
        email="commercial@bf1.bf", first_name="Issa", roles=[Role.ADMINISTRATOR]
    )
    accountant = accountant_user(first_name="Rasmata")
    return {
        "company": company,
        "advertiser": advertiser,
        "administrator": administrator,
        "accountant": accountant,
    }


def test_invoice_is_issued_certified_credited_and_partly_paid(open_page, people):
    campaign, _airings = campaign_on_air(aired=3, missed=1, user=people["advertiser"])
    company = people["company"]
    year = timezone.localdate().year
    number = f"FA-{year}-00001"

    # 1. The commercial administrator drafts the invoice, then issues it.
    admin = open_page()
    log_in(admin, people["administrator"].email)
    admin.goto(reverse("billing_to_bill:index"))
    row = admin.locator("tr", has_text=campaign.title)
    expect(row).to_contain_text(company.name)
    row.get_by_role("button", name="Créer le brouillon").click()
    admin.wait_for_url(re.compile(r"/admin/billing/invoices/\d+/$"))
    invoice = Invoice.objects.get(campaign=campaign)
    assert invoice.status == InvoiceStatus.DRAFT
    admin.get_by_role("button", name="Émettre", exact=True).click()
    expect(admin.locator("body")).to_contain_text(number)
    expect(admin.locator("main")).to_contain_text("en attente de certification")
    invoice.refresh_from_db()
    assert invoice.number == number
    assert invoice.status == InvoiceStatus.ISSUED
    invoice_admin_url = reverse("billing_invoices:detail", args=[invoice.pk])

    # 2. The accountant records the certification given by the certified system.
    compta = open_page()
    log_in(compta, people["accountant"].email)
    compta.goto(invoice_admin_url)
    compta.get_by_label("Code de certification").fill(CERTIFICATION_CODE)
    compta.get_by_role("button", name="Enregistrer la certification").click()
    expect(compta.locator("main")).to_contain_text(CERTIFICATION_CODE)
    expect(compta.locator("main")).to_contain_text("certifiée")
    invoice.refresh_from_db()
    assert invoice.certification == "certified"

    # 3. The advertiser sees the certified invoice and downloads its PDF.
    client = open_page(PHONE)
    log_in(client, people["advertiser"].email)
    client.goto(reverse("billing:overview"))
    card = client.locator(f"[data-invoice='{invoice.uuid}']")
    expect(card).to_contain_text(number)
    expect(card.locator("[data-state=certified]")).to_contain_text("Certifiée")
    pdf_href = card.get_by_role("link", name="PDF").get_attribute("href")
    response = client.request.get(pdf_href)
    assert response.ok
    assert response.body().startswith(b"%PDF")

    # 4. The administrator credits the missed airing, then issues the credit note.
    admin.goto(invoice_admin_url)
    admin.get_by_label("Motif").select_option("missed")
    admin.get_by_label("Explication (imprimée sur l'avoir)").fill("passages manqués")
    admin.get_by_label("Montant TTC (FCFA)").fill("1000")
    admin.get_by_role("button", name="Créer l'avoir").click()
    admin.wait_for_url(re.compile(r"/admin/billing/credit-notes/\d+/$"))
    issue_note = admin.get_by_role("button", name="Émettre", exact=True)
    issue_note.click()
    expect(issue_note).to_have_count(0)
    note = CreditNote.objects.get(invoice=invoice)
    assert note.status == "issued"
    assert note.number
    expect(admin.locator("body")).to_contain_text(note.number)
    client.goto(reverse("billing:overview") + "?tab=credit_notes")
    note_card = client.locator(f"[data-credit-note='{note.uuid}']")
    expect(note_card).to_contain_text(note.number)
    expect(note_card).to_contain_text(number)

    # 5. The accountant records a partial transfer in two steps.
    invoice.refresh_from_db()
    assert invoice.credited == 1000
    partial = invoice.balance // 2
    rest = invoice.balance - partial
    compta.goto(reverse("billing_payments:add"))
    compta.get_by_label("Payé par").select_option(label=company.name)
    compta.get_by_role("button", name="Continuer").click()
    compta.wait_for_url(re.compile(r"\?payer=\d+"))
    compta.get_by_label("Mode de paiement").select_option("transfer")
    compta.get_by_label("Montant reçu (FCFA)").fill(str(partial))
    compta.get_by_label(re.compile(re.escape(number))).fill(str(partial))
    compta.get_by_role("button", name="Enregistrer le règlement").click()
    compta.wait_for_url(re.compile(r"/admin/billing/payments/\d+/$"))
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PARTLY_PAID
    assert invoice.balance == rest

    compta.goto(invoice_admin_url)
    expect(compta.locator("main")).to_contain_text(re.compile("partiellement payée", re.I))
    client.goto(invoice.get_absolute_url())
    expect(client.locator("main")).to_contain_text("Partiellement payée")

    compta.goto(reverse("billing_ageing:index"))
    ageing_row = compta.locator("tr", has_text=company.name)
    expect(ageing_row).to_be_visible()
    assert francs(rest) in shown(ageing_row)

    compta.goto(reverse("billing_statement:index") + f"?company={company.pk}")
    table = compta.locator("table.listing")
    expect(table).to_contain_text(number)
    expect(table).to_contain_text(note.number)
    text = shown(table)
    assert francs(invoice.net_to_pay) in text
    assert francs(partial) in text
    assert francs(rest) in text


def test_client_withholding_vat_sees_the_net_to_pay(open_page, people):
    company = AdvertiserFactory(name="Société Minière du Sahel", withholds_vat=True)
    user = AdvertiserUserFactory(email="daf@sominsahel.bf", advertiser=company)
    campaign, _airings = campaign_on_air(aired=2, user=user)
    invoice = issue_invoice(
        invoice=create_draft(campaign=campaign, actor=people["administrator"]),
        actor=people["administrator"],
    )
    assert invoice.vat_withheld > 0
    assert invoice.net_to_pay == invoice.total - invoice.vat_withheld

    client = open_page(PHONE)
    log_in(client, user.email)
    client.goto(invoice.get_absolute_url())
    amounts = client.locator("[data-amounts]")
    expect(amounts).to_contain_text("TVA retenue")
    expect(amounts).to_contain_text("Net à payer")
    text = shown(amounts)
    assert francs(invoice.vat_withheld) in text
    assert francs(invoice.net_to_pay) in text
