"""A company's statement: balance brought forward, each document with its
running balance, closing balance; constant queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.tests.factories import AdvertiserFactory
from billing.selectors.statement import statement
from billing.tests.test_selectors_ageing import credit_note, issued_invoice, payment
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 9, 1), dt.date(2026, 9, 30)


def test_the_statement_runs_the_balance_from_the_opening_to_the_closing():
    company = AdvertiserFactory()
    other = AdvertiserFactory()
    campaign = CampaignFactory()
    before = issued_invoice(
        company,
        amount=10_000,
        due=dt.date(2026, 9, 15),
        issued=dt.date(2026, 8, 16),
        campaign=campaign,
    )
    payment(company, amount=4_000, on=dt.date(2026, 8, 20))
    credit_note(before, net=1_000, on=dt.date(2026, 8, 25))
    september = issued_invoice(
        company,
        amount=20_000,
        due=dt.date(2026, 10, 10),
        issued=dt.date(2026, 9, 10),
        campaign=campaign,
    )
    credit_note(september, net=2_000, on=dt.date(2026, 9, 12))
    payment(company, amount=5_000, on=dt.date(2026, 9, 10), reference="VIR-778")
    issued_invoice(other, amount=99_999, due=dt.date(2026, 10, 1), issued=dt.date(2026, 9, 5))
    issued_invoice(
        company,
        amount=7_777,
        due=dt.date(2026, 11, 1),
        issued=dt.date(2026, 10, 1),
        campaign=campaign,
    )

    with translation.override("fr"):
        result = statement(company, START, END)

    assert result.opening == 10_000 - 4_000 - 1_000
    assert [(r.date.day, r.debit, r.credit, r.balance) for r in result.rows] == [
        (10, 20_000, 0, 25_000),
        (10, 0, 5_000, 20_000),
        (12, 0, 2_000, 18_000),
    ]
    labels = [row.label for row in result.rows]
    assert labels[0] == f"Facture {september.number}"
    assert labels[1].startswith("Paiement — ") and labels[1].endswith("VIR-778")
    assert labels[2].startswith("Avoir AV-")
    assert result.closing == 18_000
    assert result.total_debit == 20_000 and result.total_credit == 7_000


def test_the_statement_query_count_does_not_grow_with_the_documents():
    company = AdvertiserFactory()
    campaign = CampaignFactory()
    issued_invoice(company, amount=1_000, due=END, issued=START, campaign=campaign)
    with CaptureQueriesContext(connection) as few:
        statement(company, START, END)
    for day in range(2, 20):
        invoice = issued_invoice(
            company, amount=1_000, due=END, issued=dt.date(2026, 9, day), campaign=campaign
        )
        credit_note(invoice, net=100, on=dt.date(2026, 9, day))
        payment(company, amount=200, on=dt.date(2026, 9, day))
    with CaptureQueriesContext(connection) as many:
        result = statement(company, START, END)
    assert len(result.rows) == 1 + 18 * 3
    assert len(few.captured_queries) == len(many.captured_queries) == 6
