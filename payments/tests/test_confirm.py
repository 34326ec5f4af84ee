"""Confirming a payment, for each provider (sandbox, LigdiCash, CinetPay): the
notification only says which reference to check; the server-to-server status
check decides; a success is recorded in billing once and allocated."""

import pytest

from billing.models import InvoiceStatus, Payment, PaymentAllocation
from notifications.models import Notification
from payments.models import IntentState, PaymentEvent, PaymentIntent
from payments.services.confirm import confirm_intent

from .helpers import fake_api, issued_invoice, kinds, notify, ready, says, start

pytestmark = pytest.mark.django_db

PROVIDERS = ["sandbox", "ligdicash", "cinetpay"]


@pytest.fixture(params=PROVIDERS)
def api(request, settings):
    for fake in fake_api(settings, request.param):
        yield ready(fake, request.param)


@pytest.fixture
def invoice(advertiser_a):
    return issued_invoice(advertiser_a)


def paid_through_webhook(client, api, intent, capture, *statuses, **answer):
    says(api, intent, *statuses or ("succeeded",), **answer)
    with capture(execute=True):
        response = notify(client, api, intent)
    assert response.status_code == 200
    intent.refresh_from_db()
    return intent


def test_success_records_the_payment_once_allocated_and_notifies(
    client, api, invoice, advertiser_a, accountant, django_capture_on_commit_callbacks
):
    intent = start(invoice, advertiser_a, 100_000)
    assert intent.state == IntentState.PENDING
    assert intent.provider == api.provider
    paid_through_webhook(client, api, intent, django_capture_on_commit_callbacks)

    assert intent.state == IntentState.SUCCEEDED
    payment = Payment.objects.get()
    assert intent.payment == payment
    assert payment.amount == 100_000
    assert payment.method == "mobile_money"
    assert payment.payer == advertiser_a.advertiser
    assert payment.external_id.startswith(f"{api.provider}:")
    allocation = PaymentAllocation.objects.get()
    assert (allocation.invoice, allocation.amount) == (invoice, 100_000)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PARTLY_PAID
    assert invoice.balance == 295_103 - 100_000
    assert Notification.objects.filter(
        recipient=advertiser_a, url=intent.get_absolute_url()
    ).exists()
    assert Notification.objects.filter(recipient=accountant, body__contains=intent.reference)
    assert {"notification", "status", "state", "recorded"} <= set(kinds(intent))


def test_paying_what_remains_marks_the_invoice_paid(
    client, api, invoice, advertiser_a, django_capture_on_commit_callbacks
):
    intent = start(invoice, advertiser_a)
    paid_through_webhook(client, api, intent, django_capture_on_commit_callbacks)
    invoice.refresh_from_db()
    if api.provider == "ligdicash":  # to the franc
        assert intent.amount == 295_103
        assert (invoice.status, invoice.balance) == (InvoiceStatus.PAID, 0)
    else:  # rounded down to 5 FCFA: 3 francs stay due (docs/decisions/0014)
        assert intent.amount == 295_100
        assert (invoice.status, invoice.balance) == (InvoiceStatus.PARTLY_PAID, 3)


def test_failure_closes_the_attempt_and_records_nothing(client, api, invoice, advertiser_a):
    intent = start(invoice, advertiser_a, 50_000)
    says(api, intent, "failed")
    assert notify(client, api, intent).status_code == 200
    intent.refresh_from_db()
    assert intent.state == IntentState.FAILED
    assert intent.failure_reason
    assert not Payment.objects.exists()
    invoice.refresh_from_db()
    assert (invoice.status, invoice.balance) == (InvoiceStatus.ISSUED, 295_103)


@pytest.mark.parametrize("api", ["sandbox", "cinetpay"], indirect=True)
def test_cancel_closes_the_attempt(client, api, invoice, advertiser_a):
    intent = start(invoice, advertiser_a, 50_000)
    says(api, intent, "cancelled")
    notify(client, api, intent)
    intent.refresh_from_db()
    assert intent.state == IntentState.CANCELLED
    assert not Payment.objects.exists()


def test_pending_answer_keeps_the_attempt_pending(client, api, invoice, advertiser_a):
    intent = start(invoice, advertiser_a, 50_000)
    says(api, intent, "pending")
    notify(client, api, intent)
    intent.refresh_from_db()
    assert (intent.state, intent.checks) == (IntentState.PENDING, 1)
    assert not Payment.objects.exists()


def test_duplicate_notification_records_one_payment(
    client, api, invoice, advertiser_a, django_capture_on_commit_callbacks
):
    intent = start(invoice, advertiser_a, 100_000)
    paid_through_webhook(client, api, intent, django_capture_on_commit_callbacks)
    for _ in range(2):
        assert notify(client, api, intent).status_code == 200
    assert confirm_intent(intent.reference, source="test") == IntentState.SUCCEEDED
    assert Payment.objects.count() == 1
    assert PaymentAllocation.objects.count() == 1
    assert kinds(intent).count("duplicate") == 3
    invoice.refresh_from_db()
    assert invoice.balance == 195_103


def test_a_failure_notice_after_the_success_changes_nothing(
    client, api, invoice, advertiser_a, django_capture_on_commit_callbacks
):
    intent = start(invoice, advertiser_a, 100_000)
    paid_through_webhook(client, api, intent, django_capture_on_commit_callbacks)
    says(api, intent, "failed")  # replayed / reordered: the provider now says failed
    assert notify(client, api, intent).status_code == 200
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED
    assert Payment.objects.count() == 1
    assert kinds(intent)[-1] == "duplicate"


def test_a_late_success_after_a_failure_changes_nothing(client, api, invoice, advertiser_a):
    intent = start(invoice, advertiser_a, 100_000)
    says(api, intent, "failed")
    notify(client, api, intent)
    says(api, intent, "succeeded")
    notify(client, api, intent)
    intent.refresh_from_db()
    assert intent.state == IntentState.FAILED
    assert not Payment.objects.exists()


def test_amount_mismatch_records_nothing(client, api, invoice, advertiser_a):
    intent = start(invoice, advertiser_a, 100_000)
    says(api, intent, "succeeded", amount=100)
    assert notify(client, api, intent).status_code == 200
    intent.refresh_from_db()
    assert intent.state == IntentState.PENDING
    assert not Payment.objects.exists()
    mismatch = PaymentEvent.objects.get(intent=intent, kind=PaymentEvent.Kind.MISMATCH)
    assert "amount 100 != 100000" in mismatch.note
    invoice.refresh_from_db()
    assert invoice.balance == 295_103


@pytest.mark.parametrize("api", ["sandbox", "cinetpay"], indirect=True)
def test_currency_mismatch_records_nothing(client, api, invoice, advertiser_a):
    intent = start(invoice, advertiser_a, 100_000)
    says(api, intent, "succeeded", currency="EUR")
    notify(client, api, intent)
    intent.refresh_from_db()
    assert intent.state == IntentState.PENDING
    assert not Payment.objects.exists()
    assert "currency" in PaymentEvent.objects.get(intent=intent, kind="mismatch").note


def test_partial_payments_sum_to_the_invoice(
    client, api, invoice, advertiser_a, django_capture_on_commit_callbacks
):
    first = start(invoice, advertiser_a, 150_000)
    paid_through_webhook(client, api, first, django_capture_on_commit_callbacks)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PARTLY_PAID
    second = start(invoice, advertiser_a)  # what remains, rounded to the provider's step
    paid_through_webhook(
        client, api, second, django_capture_on_commit_callbacks, operator_id="MP2611181006B2"
    )
    invoice.refresh_from_db()
    assert Payment.objects.count() == 2
    assert sum(PaymentAllocation.objects.values_list("amount", flat=True)) == 150_000 + (
        second.amount
    )
    if api.provider == "ligdicash":
        assert (invoice.status, invoice.balance) == (InvoiceStatus.PAID, 0)
    else:
        assert (second.amount, invoice.balance) == (145_100, 3)


def test_two_attempts_of_the_same_amount_are_two_payments(
    client, api, invoice, advertiser_a, django_capture_on_commit_callbacks
):
    first = start(invoice, advertiser_a, 100_000)
    second = start(invoice, advertiser_a, 100_000)
    paid_through_webhook(client, api, first, django_capture_on_commit_callbacks)
    paid_through_webhook(
        client, api, second, django_capture_on_commit_callbacks, operator_id="MP2611181006B2"
    )
    assert Payment.objects.count() == 2
    assert PaymentIntent.objects.filter(state=IntentState.SUCCEEDED).count() == 2


@pytest.mark.parametrize("api", ["ligdicash", "cinetpay"], indirect=True)
def test_a_provider_transaction_already_recorded_is_not_recorded_again(
    client, api, invoice, advertiser_a, django_capture_on_commit_callbacks
):
    """Two attempts the provider reports with the same transaction id: one payment;
    the other attempt stays pending for the accountant, the mismatch logged."""
    first = start(invoice, advertiser_a, 100_000)
    second = start(invoice, advertiser_a, 100_000)
    paid_through_webhook(client, api, first, django_capture_on_commit_callbacks)
    paid_through_webhook(client, api, second, django_capture_on_commit_callbacks)
    assert Payment.objects.count() == 1
    assert second.state == IntentState.PENDING
    note = PaymentEvent.objects.get(intent=second, kind="mismatch").note
    assert Payment.objects.get().external_id.split(":", 1)[1] in note


def test_unknown_reference_is_logged(client, api):
    reference = "BF1" + "0" * 24
    if api.provider == "cinetpay":
        from .helpers import post_cinetpay

        class Ghost:
            provider_token = ""
            amount = 1000
            currency = "XOF"

            class invoice:  # noqa: N801 - the shape `about()` reads
                number = "FA-2026-09999"

        Ghost.reference = reference
        response = post_cinetpay(client, Ghost)
    elif api.provider == "ligdicash":
        response = client.post(
            "/payments/notify/ligdicash/",
            data={"token": "inconnu", "status": "completed"},
            content_type="application/json",
        )
    else:
        from .helpers import post_sandbox

        response = post_sandbox(client, reference)
    assert response.status_code == 200
    assert kinds(kind="unknown") == ["unknown"]
    assert not PaymentIntent.objects.exists()
    assert not Payment.objects.exists()
