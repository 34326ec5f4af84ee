"""Payments in the admin "Facturation" menu: recorded in two steps (the payer,
then the payment and its allocation), cash above the legal cap refused with
nothing saved, a payment's rest allocated later from its page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.models import Invoice, InvoiceStatus, Payment, PaymentAllocation
from billing.tests.admin_fixtures import flashed, issued_invoice, text, url
from billing.tests.factories import accountant_user

pytestmark = pytest.mark.django_db

ADD = reverse("billing_payments:add")


@pytest.fixture
def accountant(db):
    return accountant_user()


def yesterday() -> str:
    return (timezone.localdate() - dt.timedelta(days=1)).isoformat()


def test_two_steps_record_and_allocate(client, accountant, administrator):
    invoice = issued_invoice(administrator)
    payer = invoice.billed_to
    client.force_login(accountant)

    step1 = client.get(ADD)
    assert "form" not in step1.context and step1.status_code == 200
    step2 = client.get(ADD, {"payer": payer.pk})
    assert [i.pk for i in step2.context["invoices"]] == [invoice.pk]

    response = client.post(
        f"{ADD}?payer={payer.pk}",
        {
            "method": "transfer",
            "amount": 5000,
            "received_on": yesterday(),
            "reference": "VIR-1",
            f"invoice_{invoice.pk}": 3000,
        },
    )

    payment = Payment.objects.get()
    assert response["Location"] == url("billing_payments:detail", payment.pk)
    assert payment.unallocated == 2000
    invoice.refresh_from_db()
    assert invoice.paid == 3000 and invoice.status == InvoiceStatus.PARTLY_PAID
    detail = client.get(url("billing_payments:detail", payment.pk))
    assert detail.context["allocate_form"] is not None

    client.post(url("billing_payments:allocate_oldest", payment.pk))
    payment.refresh_from_db()
    assert payment.unallocated == 0
    assert PaymentAllocation.objects.filter(invoice=invoice).count() == 2


def test_allocate_to_the_oldest_when_recording(client, accountant, administrator):
    invoice = issued_invoice(administrator)
    client.force_login(accountant)
    client.post(
        f"{ADD}?payer={invoice.billed_to_id}",
        {"method": "cheque", "amount": 1000, "received_on": yesterday(), "to_oldest": "on"},
    )
    invoice.refresh_from_db()
    assert invoice.paid == 1000


def test_cash_over_the_cap_is_refused_and_nothing_saved(client, accountant, administrator):
    invoice = issued_invoice(administrator)
    client.force_login(accountant)

    response = client.post(
        f"{ADD}?payer={invoice.billed_to_id}",
        {
            "method": "cash",
            "amount": 1_000_000,
            "received_on": yesterday(),
            f"invoice_{invoice.pk}": 1000,
        },
    )

    assert response.status_code == 200
    assert flashed(response).startswith(
        "Les paiements en espèces au-delà de 999\u202f999 FCFA sont interdits par la loi"
    )
    assert not Payment.objects.exists()
    assert Invoice.objects.get(pk=invoice.pk).paid == 0


def test_an_allocation_over_the_balance_is_refused(client, accountant, administrator):
    invoice = issued_invoice(administrator)
    client.force_login(accountant)
    response = client.post(
        f"{ADD}?payer={invoice.billed_to_id}",
        {
            "method": "transfer",
            "amount": invoice.balance + 10,
            "received_on": yesterday(),
            f"invoice_{invoice.pk}": invoice.balance + 10,
        },
    )
    assert response.status_code == 200
    assert invoice.number in flashed(response)
    assert not Payment.objects.exists()


def test_a_non_integer_amount_is_refused(client, accountant, administrator):
    invoice = issued_invoice(administrator)
    client.force_login(accountant)
    response = client.post(
        f"{ADD}?payer={invoice.billed_to_id}",
        {"method": "transfer", "amount": "12.5", "received_on": yesterday()},
    )
    assert response.status_code == 200 and response.context["form"].errors["amount"]
    assert not Payment.objects.exists()


def test_payments_empty_state(client, accountant):
    client.force_login(accountant)
    assert "Aucun règlement enregistré" in text(client.get(reverse("billing_payments:index")))
