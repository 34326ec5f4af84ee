"""Every list of the "Facturation" menu runs as many queries for many rows as
for one, and the ageing report and statement pages open with their data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from billing.services.credit_notes import create_credit_note
from billing.services.payments import record_payment
from billing.tests.admin_fixtures import issued_invoice, text
from billing.tests.factories import accountant_user, campaign_on_air

pytestmark = pytest.mark.django_db


def rows(administrator, count):
    for _ in range(count):
        invoice = issued_invoice(administrator)
        campaign_on_air(aired=1)
        create_credit_note(
            invoice=invoice, actor=administrator, reason="gesture", explanation="G", amount=100
        )
        record_payment(
            payer=invoice.billed_to,
            actor=administrator,
            method="transfer",
            amount=500,
            received_on=timezone.localdate() - dt.timedelta(days=1),
            allocations=[(invoice, 200)],
        )


LISTS = (
    "billing_to_bill:index",
    "billing_invoices:index",
    "billing_credit_notes:index",
    "billing_payments:index",
    "billing_ageing:index",
)


def test_lists_run_constant_queries(client, administrator, django_assert_max_num_queries):
    client.force_login(accountant_user())
    rows(administrator, 1)
    counts = {}
    for name in LISTS:
        client.get(reverse(name))  # warm the session and caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name)).status_code == 200
        counts[name] = len(captured)
    rows(administrator, 4)
    for name in LISTS:
        with django_assert_max_num_queries(counts[name]):
            response = client.get(reverse(name))
        assert len(response.context.get("invoices") or response.context.get("notes") or [0]) >= 1


def test_statement_of_a_company(client, administrator):
    invoice = issued_invoice(administrator)
    client.force_login(administrator)
    response = client.get(reverse("billing_statement:index"), {"company": invoice.billed_to_id})
    assert response.status_code == 200
    statement = response.context["statement"]
    assert [row.document.pk for row in statement.rows] == [invoice.pk]
    assert statement.closing == invoice.net_to_pay
    assert invoice.number in text(response)


def test_ageing_report_lists_the_company(client, administrator):
    invoice = issued_invoice(administrator)
    client.force_login(administrator)
    response = client.get(reverse("billing_ageing:index"))
    assert [row.advertiser.pk for row in response.context["rows"]] == [invoice.billed_to_id]
    assert invoice.billed_to.name in text(response)
