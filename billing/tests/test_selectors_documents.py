"""Revenue of a period (billed, collected, outstanding) and its place on the
commercial team's report overview."""

import datetime as dt

import pytest

from accounts.tests.factories import AdvertiserFactory
from billing.selectors.documents import revenue
from billing.tests.test_selectors_ageing import credit_note, issued_invoice, payment

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 3, 1), dt.date(2026, 3, 31)


@pytest.fixture
def march():
    company = AdvertiserFactory()
    issued_invoice(company, amount=118_000, excl_vat=100_000, due=END, issued=dt.date(2026, 2, 20))
    inv = issued_invoice(
        company,
        amount=236_000,
        excl_vat=200_000,
        due=dt.date(2026, 4, 10),
        issued=START,
        balance=136_000,
    )
    credit_note(inv, net=11_800, excl_vat=10_000, on=dt.date(2026, 3, 15))
    payment(company, amount=100_000, on=dt.date(2026, 3, 20))
    payment(company, amount=50_000, on=dt.date(2026, 2, 28))
    issued_invoice(
        company, amount=59_000, excl_vat=50_000, due=dt.date(2026, 5, 1), issued=dt.date(2026, 4, 1)
    )
    return company


def test_billed_collected_and_outstanding_of_the_period(march):
    figures = revenue(START, END)
    assert figures.invoiced == 200_000 and figures.credited == 10_000
    assert figures.billed == 190_000
    assert figures.collected == 100_000
    # open at the end of March: February's invoice and March's balance
    assert figures.outstanding == 118_000 + 136_000


def test_the_admin_overview_shows_the_billing_figures(client_as, march):
    client = client_as("administrator")
    response = client.get(
        "/admin/reports/overview/?start=2026-03-01&end=2026-03-31", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 200
    assert response.context["billing"].billed == 190_000
    page = response.content.decode()
    assert 'data-figure="billed"' in page and 'data-amount="190000"' in page
    assert 'data-figure="collected"' in page and 'data-amount="100000"' in page
    assert 'data-figure="outstanding"' in page and 'data-amount="254000"' in page
