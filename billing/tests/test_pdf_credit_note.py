"""The credit note PDF and the statement PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from billing.models import CreditNote
from billing.pdf import render_document
from billing.pdf.statement import render_statement
from billing.tests.test_pdf_helpers import (
    STATION,
    certify,
    configure_station,
    issued_credit_note,
    issued_invoice,
    pdf_text,
)

pytestmark = pytest.mark.django_db


def test_the_credit_note_names_the_invoice_it_corrects(advertiser_a):
    configure_station()
    invoice = issued_invoice(advertiser_a)
    note = issued_credit_note(invoice, amount=1180, explanation="Geste pour la fête")
    text = pdf_text(render_document(CreditNote.objects.get(pk=note.pk), compress=False))
    assert "Avoir" in text
    assert note.number in text
    assert invoice.number in text
    assert f"{timezone.localtime(invoice.issued_at).year}" in text
    assert "geste commercial" in text.lower()
    assert "Geste pour la fête" in text
    assert STATION["legal_name"] in text and "Sahel Boissons SA" in text
    assert "Total TTC" in text and "1 180" in text
    assert "Avoir en attente de certification (FEC)" in text


def test_a_certified_credit_note_shows_its_code(advertiser_a):
    configure_station()
    note = certify(issued_credit_note(issued_invoice(advertiser_a)), code="FEC-AV-7")
    text = pdf_text(render_document(CreditNote.objects.get(pk=note.pk), compress=False))
    assert "FEC-AV-7" in text
    assert "en attente" not in text


def test_the_statement_lists_the_documents_with_the_running_balance(advertiser_a):
    from billing.selectors.statement import statement

    configure_station()
    invoice = issued_invoice(advertiser_a)
    note = issued_credit_note(invoice, amount=1000)
    today = timezone.localdate()
    data = statement(advertiser_a.advertiser, dt.date(today.year, 1, 1), today)
    text = pdf_text(render_statement(data, compress=False))
    assert "Relevé de compte" in text
    assert invoice.number in text and note.number in text
    assert "Solde reporté" in text
    assert "Sahel Boissons SA" in text
