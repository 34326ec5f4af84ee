"""A company's balance, the overdue invoices and the credit stop's reasons."""

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from accounts.tests.factories import AdvertiserFactory
from billing.conf import billing_settings
from billing.selectors.balances import company_balance, credit_stop_reason, overdue_invoices
from billing.tests.test_selectors_ageing import AS_OF, days_ago, issued_invoice, payment

pytestmark = pytest.mark.django_db


def test_company_balance_open_overdue_and_credit():
    company = AdvertiserFactory()
    issued_invoice(company, amount=5_000, due=days_ago(10))
    issued_invoice(company, amount=3_000, due=days_ago(-10), balance=2_000)
    issued_invoice(company, amount=1_000, due=days_ago(50), balance=0)
    payment(company, amount=700, on=days_ago(1), unallocated=700)
    balance = company_balance(company, as_of=AS_OF)
    assert (balance.open_balance, balance.overdue, balance.credit) == (7_000, 5_000, 700)
    assert balance.net == 6_300


def test_overdue_invoices_beyond_min_days_oldest_first():
    company = AdvertiserFactory()
    late = issued_invoice(company, amount=1_000, due=days_ago(61))
    recent = issued_invoice(company, amount=1_000, due=days_ago(5))
    issued_invoice(company, amount=1_000, due=AS_OF)
    issued_invoice(company, amount=1_000, due=days_ago(80), balance=0)
    assert list(overdue_invoices(AS_OF)) == [late, recent]
    assert list(overdue_invoices(AS_OF, min_days=60)) == [late]
    assert list(overdue_invoices(AS_OF, min_days=61)) == []


def test_over_the_credit_limit_with_the_new_campaign():
    company = AdvertiserFactory(credit_limit=100_000)
    issued_invoice(company, amount=60_000, due=days_ago(-20))
    assert credit_stop_reason(company, extra_amount=40_000, as_of=AS_OF) is None
    with translation.override("fr"):
        reason = credit_stop_reason(company, extra_amount=40_001, as_of=AS_OF)
    assert "100\u202f000" in reason and "60\u202f000" in reason
    assert "service commercial" in reason
    # a credit on account lowers what is outstanding
    payment(company, amount=5_000, on=days_ago(1), unallocated=5_000)
    assert credit_stop_reason(company, extra_amount=40_001, as_of=AS_OF) is None


def test_an_agency_client_is_judged_on_the_agency_billed():
    agency = AdvertiserFactory(is_agency=True, credit_limit=50_000)
    client = AdvertiserFactory(agency=agency)
    sibling = AdvertiserFactory(agency=agency)
    issued_invoice(agency, advertiser=sibling, amount=45_000, due=days_ago(-5))
    assert credit_stop_reason(client, extra_amount=6_000, as_of=AS_OF)
    assert credit_stop_reason(client, extra_amount=5_000, as_of=AS_OF) is None
    # the client's own limit counts its own invoices billed to the agency
    agency.credit_limit = None
    agency.save()
    client.credit_limit = 1_000
    client.save()
    client.refresh_from_db()
    assert credit_stop_reason(client, extra_amount=900, as_of=AS_OF) is None
    assert credit_stop_reason(client, extra_amount=1_001, as_of=AS_OF)


def test_an_invoice_overdue_beyond_the_delay_stops_new_campaigns():
    company = AdvertiserFactory()
    delay = billing_settings().credit_stop_overdue_days
    invoice = issued_invoice(company, amount=10_000, due=days_ago(delay))
    assert credit_stop_reason(company, as_of=AS_OF) is None
    with translation.override("fr"):
        reason = credit_stop_reason(company, as_of=AS_OF + dt.timedelta(days=1))
    assert invoice.number in reason and str(delay + 1) in reason
    assert "service commercial" in reason


def test_the_override_lets_everything_through():
    company = AdvertiserFactory(credit_limit=1, credit_override=True)
    issued_invoice(company, amount=10_000, due=days_ago(400))
    assert credit_stop_reason(company, extra_amount=10**9, as_of=AS_OF) is None


@time_machine.travel(dt.datetime(2026, 9, 30, 12, tzinfo=dt.UTC), tick=False)
def test_today_is_the_default_date():
    company = AdvertiserFactory()
    issued_invoice(company, amount=10_000, due=dt.date(2026, 6, 1))
    assert credit_stop_reason(company)
