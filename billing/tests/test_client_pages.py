"""The advertiser's billing area as its users see it: balance, invoices with
clear states, credit notes, payments, each document's page and PDF, the
statement, and the campaign page's link to its invoices."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from billing.models import Invoice
from billing.services.certify import record_certification
from billing.services.payments import record_payment
from billing.tests.test_pdf_helpers import (
    certify,
    configure_station,
    issued_credit_note,
    issued_invoice,
    pdf_text,
    staff,
)

pytestmark = pytest.mark.django_db

OVERVIEW = "/billing/"


def pay(invoice, amount, *, extra=0):
    record_payment(
        payer=invoice.billed_to,
        actor=staff(),
        method="transfer",
        amount=amount + extra,
        received_on=timezone.localdate(),
        reference="VIR-001",
        allocations=[(invoice, amount)],
    )
    return Invoice.objects.get(pk=invoice.pk)


def test_the_routes_are_where_the_client_expects_them():
    assert reverse("billing:overview") == OVERVIEW
    assert reverse("billing:statement_pdf") == "/billing/statement/pdf/"


def test_an_advertiser_without_documents_sees_kind_empty_states(client_as):
    client = client_as("advertiser_a")
    page = client.get(OVERVIEW)
    assert page.status_code == 200
    assert "Aucune facture pour l'instant" in page.text
    assert "Aucun avoir" in client.get(OVERVIEW + "?tab=credit_notes").text
    assert "Aucun règlement enregistré" in client.get(OVERVIEW + "?tab=payments").text


def test_the_navigation_offers_the_invoices_to_advertisers(client_as):
    page = client_as("advertiser_a").get(reverse("campaigns:dashboard"))
    assert 'href="/billing/"' in page.text
    assert "fa-file-invoice" in page.text


def test_the_list_shows_each_state_and_the_balance(client_as, advertiser_a, time_machine):
    configure_station()
    paid = issued_invoice(advertiser_a)
    paid = pay(paid, paid.net_to_pay)
    partly = pay(issued_invoice(advertiser_a), 1000, extra=500)
    late = certify(issued_invoice(advertiser_a), code="FEC-777")
    client = client_as("advertiser_a")

    page = client.get(OVERVIEW).text
    assert "Payée" in page and "Partiellement payée" in page
    assert "En retard" not in page
    assert "Certifiée (code FEC-777)" in page
    assert "En attente de certification" in page
    for invoice in (paid, partly, late):
        assert invoice.number in page

    time_machine.shift(dt.timedelta(days=45))
    client.force_login(advertiser_a)  # the session expired meanwhile
    page = client.get(OVERVIEW)
    assert "En retard" in page.text
    balance = page.context["balance"]
    assert balance.open_balance == partly.balance + late.balance
    assert balance.overdue == partly.balance + late.balance
    assert balance.credit == 500
    assert "Crédit sur compte" in page.text

    payments = client.get(OVERVIEW + "?tab=payments").text
    assert "VIR-001" in payments and partly.number in payments


def test_the_invoice_page_shows_its_amounts_lines_and_credit_notes(client_as, advertiser_a):
    configure_station()
    invoice = issued_invoice(advertiser_a)
    note = issued_credit_note(invoice, amount=1000)
    client = client_as("advertiser_a")
    page = client.get(invoice.get_absolute_url())
    assert page.status_code == 200
    assert invoice.number in page.text and note.number in page.text
    assert "En attente de certification" in page.text
    for line in invoice.lines.all():
        assert line.description in page.text
    note_page = client.get(note.get_absolute_url())
    assert note_page.status_code == 200
    assert invoice.number in note_page.text and "Geste commercial" in note_page.text


def test_the_pdf_is_an_attachment_kept_private(client_as, advertiser_a):
    configure_station()
    invoice = issued_invoice(advertiser_a)
    note = issued_credit_note(invoice)
    client = client_as("advertiser_a")
    for url, number in (
        (reverse("billing:invoice_pdf", kwargs={"uuid": invoice.uuid}), invoice.number),
        (reverse("billing:credit_note_pdf", kwargs={"uuid": note.uuid}), note.number),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")
        assert f"{number}.pdf" in response["Content-Disposition"]
        assert "private" in response["Cache-Control"]
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_certified_pdf_is_served_once_uploaded(client_as, advertiser_a):
    configure_station()
    invoice = issued_invoice(advertiser_a)
    certified = b"%PDF-1.4\n% certified by the station's system\n%%EOF\n"
    record_certification(
        document=invoice,
        actor=staff(),
        code="FEC-PDF-1",
        certified_pdf=SimpleUploadedFile("fec.pdf", certified, content_type="application/pdf"),
    )
    response = client_as("advertiser_a").get(
        reverse("billing:invoice_pdf", kwargs={"uuid": invoice.uuid})
    )
    assert b"".join(response.streaming_content) == certified


def test_the_statement_defaults_to_this_year(client_as, advertiser_a):
    configure_station()
    invoice = issued_invoice(advertiser_a)
    response = client_as("advertiser_a").get(reverse("billing:statement_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"]
    today = timezone.localdate()
    assert f"releve-{today.year}0101-{today:%Y%m%d}.pdf" in response["Content-Disposition"]
    assert invoice.number in pdf_text(response.content)


@pytest.mark.parametrize(
    "query",
    ["start=31/12/2026", "start=2026-02-30", "end=0001-01-01", "start=2026-06-01&end=2026-01-01"],
)
def test_bad_statement_dates_get_a_french_message(client_as, query):
    client = client_as("advertiser_a")
    response = client.get(reverse("billing:statement_pdf") + "?" + query, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == OVERVIEW
    assert "pas pu être établi" in response.text


@pytest.mark.parametrize("tab", ["invoices", "credit_notes", "payments"])
def test_the_list_reads_the_same_number_of_queries_whatever_the_rows(client_as, advertiser_a, tab):
    configure_station()
    client = client_as("advertiser_a")

    def one_more():
        invoice = issued_invoice(advertiser_a)
        issued_credit_note(invoice, amount=1000)
        pay(invoice, 1000)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{OVERVIEW}?tab={tab}").status_code == 200
        return len(queries)

    one_more()
    count()  # the first request of a session warms caches (site, settings)
    first = count()
    one_more()
    one_more()
    count()  # the factories saved the rate card again: the footer's settings are read anew
    assert count() == first


def test_the_campaign_page_links_its_invoices(client_as, advertiser_a):
    configure_station()
    invoice = issued_invoice(advertiser_a)
    page = client_as("advertiser_a").get(invoice.campaign.get_absolute_url())
    assert page.status_code == 200
    assert "data-campaign-invoices" in page.text
    assert invoice.get_absolute_url() in page.text
    assert reverse("billing:invoice_pdf", kwargs={"uuid": invoice.uuid}) in page.text
