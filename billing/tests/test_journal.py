"""The accountant's journal: every document balanced, the accounts of the
settings, formula-safe files, the admin export for billing staff only."""

import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import AdvertiserFactory
from billing.exports.journal import csv_bytes, journal_rows, xlsx_bytes
from billing.services.advance import create_advance
from billing.services.credit_notes import create_credit_note, issue_credit_note
from billing.services.drafts import create_draft
from billing.services.issue import issue_invoice
from billing.services.payments import record_payment
from billing.tests.factories import accountant_user, campaign_on_air

pytestmark = pytest.mark.django_db


def _with_discount(campaign, percent="10"):
    campaign.quote = {**campaign.quote, "discount": {"percent": percent}}
    campaign.save(update_fields=["quote"])


@pytest.fixture
def ledger(db):
    """Invoices with discount, agency commission, VAT withholding and an advance
    deducted; credit notes; payments by transfer, cash and mobile money."""
    actor = accountant_user()
    agency = AdvertiserFactory(name="=Agence Média Plus", is_agency=True, withholds_vat=True)
    # 1. Agency client, withholding, discount, advance deducted.
    campaign, _airings = campaign_on_air(aired=5)
    _with_discount(campaign)
    client = campaign.advertiser
    client.agency = agency
    client.agency_commission_percent = Decimal("15")
    client.save()
    advance = issue_invoice(
        invoice=create_advance(campaign=campaign, actor=actor, percent=30), actor=actor
    )
    final = issue_invoice(invoice=create_draft(campaign=campaign, actor=actor), actor=actor)
    # 2. A plain client with one missed airing, credited, partly paid.
    plain, _airings = campaign_on_air(aired=4, missed=1)
    _with_discount(plain, "5")
    plain_invoice = issue_invoice(invoice=create_draft(campaign=plain, actor=actor), actor=actor)
    gesture = create_credit_note(
        invoice=plain_invoice,
        actor=actor,
        reason="gesture",
        explanation="Geste commercial",
        amount=12_345,
    )
    issue_credit_note(credit_note=gesture, actor=actor)
    cancel = create_credit_note(
        invoice=advance, actor=actor, reason="other", explanation="Correction", amount=1_001
    )
    issue_credit_note(credit_note=cancel, actor=actor)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    record_payment(
        payer=plain.advertiser,
        actor=actor,
        method="transfer",
        amount=50_000,
        received_on=yesterday,
        reference="VIR 42",
        allocations=[(plain_invoice, 50_000)],
    )
    record_payment(
        payer=plain.advertiser, actor=actor, method="cash", amount=20_000, received_on=yesterday
    )
    record_payment(
        payer=agency,
        actor=actor,
        method="mobile_money",
        amount=30_000,
        received_on=yesterday,
        allocations=[(final, 30_000)],
    )
    return {"advance": advance, "final": final, "plain": plain_invoice, "agency": agency}


def _period():
    today = timezone.localdate()
    return today - dt.timedelta(days=31), today


def test_every_document_balances(ledger):
    final = ledger["final"]
    assert final.discount > 0 and final.commission > 0
    assert final.vat_withheld > 0 and final.advance_deducted > 0
    rows = journal_rows(*_period())
    per_document = defaultdict(lambda: [0, 0])
    for row in rows:
        per_document[row.document][0] += row.debit
        per_document[row.document][1] += row.credit
        assert row.debit >= 0 and row.credit >= 0 and (row.debit == 0) != (row.credit == 0)
    # 3 invoices, 2 credit notes, 3 payments
    assert len(per_document) == 8
    for document, (debit, credit) in per_document.items():
        assert debit == credit, document
    assert sum(r.debit for r in rows) == sum(r.credit for r in rows)


def test_invoice_lines_use_the_settings_accounts(ledger):
    final = ledger["final"]
    rows = [row for row in journal_rows(*_period()) if row.document == final.number]
    by_account = {row.account: row for row in rows}
    assert by_account["411"].debit == final.net_to_pay
    assert by_account["4449"].debit == final.vat_withheld
    assert by_account["6322"].debit == final.commission
    assert by_account["706"].credit == final.gross - final.discount - final.advance_deducted
    assert by_account["4432"].credit == final.vat
    assert {row.journal for row in rows} == {"VE"}
    assert all(row.client == "=Agence Média Plus" for row in rows)
    assert all(row.client_ifu == ledger["agency"].ifu for row in rows)


def test_payments_go_to_bank_cash_and_mobile_money(ledger):
    rows = [row for row in journal_rows(*_period()) if row.document.startswith("RG-")]
    debits = {(row.journal, row.account, row.debit) for row in rows if row.debit}
    assert debits == {("BQ", "521", 50_000), ("CA", "571", 20_000), ("BQ", "521", 30_000)}
    assert sum(row.credit for row in rows if row.account == "411") == 100_000


def test_period_outside_is_empty(ledger):
    today = timezone.localdate()
    assert journal_rows(today + dt.timedelta(days=1), today + dt.timedelta(days=30)) == []


def test_queries_do_not_grow_with_documents(ledger, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        rows = journal_rows(*_period())
    assert rows


def test_files_are_formula_safe(ledger):
    rows = journal_rows(*_period())
    with translation.override("fr"):
        text = csv_bytes(rows).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Date;Journal;")
    assert "'=Agence Média Plus" in text
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows))).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == len(rows) + 1
    assert any(cell == "'=Agence Média Plus" for line in values for cell in line)


def test_admin_export(client, ledger, administrator, advertiser_a):
    start, end = _period()
    url = reverse("billing_journal_export")
    client.force_login(accountant_user(email="compta2@bf1.bf"))
    response = client.get(url, {"start": start.isoformat(), "end": end.isoformat()})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    response = client.get(
        url, {"start": start.isoformat(), "end": end.isoformat(), "format": "xlsx"}
    )
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    with translation.override("fr"):
        response = client.get(url, {"start": "2026-13-01", "end": end.isoformat()})
        assert response.status_code == 400
        assert "Saisissez" in response.content.decode()
        response = client.get(url, {"start": end.isoformat(), "end": start.isoformat()})
        assert response.status_code == 400
        response = client.get(
            url, {"start": start.isoformat(), "end": end.isoformat(), "format": "pdf"}
        )
        assert response.status_code == 400
    client.force_login(administrator)
    assert client.get(url, {"start": start.isoformat(), "end": end.isoformat()}).status_code == 200
    client.force_login(advertiser_a)
    response = client.get(url, {"start": start.isoformat(), "end": end.isoformat()})
    assert response.status_code in (302, 403)
