"""The ageing report: balances per company billed by days past due, the credit
on account beside them, in a constant number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import AdvertiserFactory
from billing.models import (
    CreditNote,
    CreditReason,
    CreditStatus,
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentMethod,
)
from billing.selectors.ageing import ageing
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 9, 30)
_numbers = iter(range(1, 100_000))


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def issued_invoice(
    company,
    *,
    amount: int,
    due: dt.date | None,
    issued: dt.date | None = None,
    balance: int | None = None,
    advertiser=None,
    campaign=None,
    excl_vat: int | None = None,
) -> Invoice:
    """An issued invoice billed to `company` (written directly: the selectors only read)."""
    balance = amount if balance is None else balance
    if balance <= 0:
        status = InvoiceStatus.PAID
    elif balance < amount:
        status = InvoiceStatus.PARTLY_PAID
    else:
        status = InvoiceStatus.ISSUED
    issued = issued or (due - dt.timedelta(days=30) if due else AS_OF)
    sequence = next(_numbers)
    return Invoice.objects.create(
        advertiser=advertiser or company,
        billed_to=company,
        campaign=campaign or CampaignFactory(),
        subject="Campagne test",
        vat_rate=Decimal("18"),
        status=status,
        number=f"FA-{issued.year}-{sequence:05d}",
        year=issued.year,
        sequence=sequence,
        issued_at=at(issued),
        due_date=due,
        total_excl_vat=excl_vat if excl_vat is not None else round(amount / 1.18),
        total=amount,
        net_to_pay=amount,
        paid=amount - balance,
        balance=balance,
    )


def payment(company, *, amount: int, on: dt.date, unallocated: int = 0, reference: str = ""):
    return Payment.objects.create(
        payer=company,
        method=PaymentMethod.TRANSFER,
        amount=amount,
        unallocated=unallocated,
        received_on=on,
        reference=reference,
    )


def credit_note(invoice: Invoice, *, net: int, on: dt.date, excl_vat: int | None = None):
    sequence = next(_numbers)
    return CreditNote.objects.create(
        invoice=invoice,
        status=CreditStatus.ISSUED,
        reason=CreditReason.GESTURE,
        explanation="Geste commercial",
        number=f"AV-{on.year}-{sequence:05d}",
        year=on.year,
        sequence=sequence,
        issued_at=at(on),
        total_excl_vat=excl_vat if excl_vat is not None else round(net / 1.18),
        total=net,
        net=net,
    )


def days_ago(n: int) -> dt.date:
    return AS_OF - dt.timedelta(days=n)


def test_balances_fall_in_the_bucket_of_their_days_past_due():
    company = AdvertiserFactory(name="Sahel Boissons SA")
    campaign = CampaignFactory()
    issued_invoice(company, amount=100, due=AS_OF, campaign=campaign)  # due today: not due
    issued_invoice(company, amount=200, due=days_ago(-5), campaign=campaign)  # not due
    issued_invoice(company, amount=1_000, due=days_ago(1), campaign=campaign)
    issued_invoice(company, amount=2_000, due=days_ago(30), campaign=campaign)
    issued_invoice(company, amount=4_000, due=days_ago(31), campaign=campaign)
    issued_invoice(company, amount=8_000, due=days_ago(61), balance=5_000, campaign=campaign)
    issued_invoice(company, amount=16_000, due=days_ago(91), campaign=campaign)
    issued_invoice(company, amount=99, due=days_ago(200), balance=0, campaign=campaign)  # paid

    report = ageing(as_of=AS_OF)

    (row,) = report.rows
    assert row.advertiser == company
    assert (row.not_due, row.d0_30, row.d31_60, row.d61_90, row.over_90) == (
        300,
        3_000,
        4_000,
        5_000,
        16_000,
    )
    assert row.total == 28_300
    assert report.totals.total == 28_300


def test_each_company_billed_has_its_row_and_the_credit_on_account_its_column():
    agency = AdvertiserFactory(name="Agence Horizon", is_agency=True)
    client = AdvertiserFactory(name="Brasserie du Faso", agency=agency)
    other = AdvertiserFactory(name="Zénith Télécom")
    paying = AdvertiserFactory(name="Atlas Assurances")
    campaign = CampaignFactory()
    issued_invoice(agency, advertiser=client, amount=5_000, due=days_ago(10), campaign=campaign)
    issued_invoice(other, amount=3_000, due=days_ago(-10), campaign=campaign)
    payment(other, amount=1_000, on=days_ago(3), unallocated=400)
    payment(paying, amount=2_000, on=days_ago(3), unallocated=2_000)
    payment(paying, amount=9_000, on=AS_OF + dt.timedelta(days=1), unallocated=9_000)  # later

    report = ageing(as_of=AS_OF)

    names = [row.advertiser.name for row in report.rows]
    assert names == ["Agence Horizon", "Atlas Assurances", "Zénith Télécom"]
    by_name = {row.advertiser.name: row for row in report.rows}
    assert by_name["Agence Horizon"].d0_30 == 5_000
    assert by_name["Zénith Télécom"].not_due == 3_000
    assert by_name["Zénith Télécom"].credit == 400
    assert by_name["Zénith Télécom"].net == 2_600
    assert by_name["Atlas Assurances"].credit == 2_000
    assert by_name["Atlas Assurances"].total == 0
    assert report.totals.credit == 2_400 and report.totals.total == 8_000

    only = ageing(as_of=AS_OF, advertiser=other)
    assert [row.advertiser for row in only.rows] == [other]


def test_invoices_issued_after_the_date_are_left_out():
    company = AdvertiserFactory()
    issued_invoice(company, amount=700, due=AS_OF + dt.timedelta(days=30), issued=AS_OF)
    issued_invoice(company, amount=900, due=AS_OF + dt.timedelta(days=31), issued=days_ago(-1))
    (row,) = ageing(as_of=AS_OF).rows
    assert row.total == 700


def test_the_report_takes_three_queries_whatever_the_number_of_companies():
    campaign = CampaignFactory()
    first = AdvertiserFactory()
    issued_invoice(first, amount=1_000, due=days_ago(40), campaign=campaign)
    payment(first, amount=500, on=days_ago(2), unallocated=500)
    with CaptureQueriesContext(connection) as few:
        ageing(as_of=AS_OF)
    for n in range(15):
        company = AdvertiserFactory()
        for due in (days_ago(n), days_ago(35 + n), days_ago(100 + n)):
            issued_invoice(company, amount=1_000 + n, due=due, campaign=campaign)
        payment(company, amount=300, on=days_ago(1), unallocated=300)
    with CaptureQueriesContext(connection) as many:
        report = ageing(as_of=AS_OF)
    assert len(report.rows) == 16
    assert len(few.captured_queries) == len(many.captured_queries) == 3
