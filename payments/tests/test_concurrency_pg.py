"""Two confirmations of one paid attempt at once (PostgreSQL row locks; SQLite
serialises writers anyway, so these tests are skipped there): one payment in
billing, one allocation, whatever the interleaving."""

import threading

import pytest
from django.db import connection, connections

from billing.models import InvoiceStatus, Payment, PaymentAllocation
from payments.models import IntentState, PaymentEvent, PaymentIntent
from payments.services.confirm import confirm_intent
from payments.services.reconcile import reconcile

from .helpers import CINETPAY_CHECK, fake_api, issued_invoice, ready, start, status_answer

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def api(settings):
    for fake in fake_api(settings, "cinetpay"):
        yield ready(fake, "cinetpay")


def in_parallel(calls):
    """Each call in its own thread (own connection), released at once."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = call()
        except Exception as exc:  # noqa: BLE001 - reported by the assertions
            outcomes[index] = f"error: {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def both_checked_before_either_locks(api, intent):
    """The provider answers "paid" to both status checks only once both asked:
    both threads then race for the row lock with a success in hand."""
    gate = threading.Barrier(2)
    answer = status_answer("cinetpay", intent, "succeeded")

    def reply(request):
        gate.wait(timeout=30)
        return answer

    api.answer(CINETPAY_CHECK, reply)


def test_two_confirmations_at_once_record_one_payment(api, advertiser_a):
    invoice = issued_invoice(advertiser_a)
    intent = start(invoice, advertiser_a, 100_000)
    both_checked_before_either_locks(api, intent)
    outcomes = in_parallel([lambda: confirm_intent(intent.reference, source="thread")] * 2)
    assert outcomes == [IntentState.SUCCEEDED] * 2
    assert Payment.objects.count() == 1
    assert PaymentAllocation.objects.count() == 1
    assert PaymentAllocation.objects.get().amount == 100_000
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED
    assert intent.payment == Payment.objects.get()
    assert PaymentEvent.objects.filter(intent=intent, kind="recorded").count() == 1
    assert PaymentEvent.objects.filter(intent=intent, kind="duplicate").count() == 1
    invoice.refresh_from_db()
    assert (invoice.status, invoice.balance) == (InvoiceStatus.PARTLY_PAID, 195_103)


def test_confirmation_and_hand_reconciliation_at_once_record_one_payment(
    api, advertiser_a, accountant
):
    invoice = issued_invoice(advertiser_a)
    intent = start(invoice, advertiser_a, 100_000)
    api.answer(CINETPAY_CHECK, status_answer("cinetpay", intent, "succeeded"))

    def by_hand():
        try:
            reconcile(
                intent=PaymentIntent.objects.get(pk=intent.pk),
                actor=accountant,
                outcome="succeeded",
                reason="Relevé CinetPay",
                provider_reference="MP261118.1004.A12345",
            )
        except Exception as exc:  # noqa: BLE001 - the loser is told in French
            return f"lost: {exc}"
        return "won"

    outcomes = in_parallel([lambda: confirm_intent(intent.reference, source="thread"), by_hand])
    assert Payment.objects.count() == 1
    assert PaymentAllocation.objects.count() == 1
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED
    assert outcomes[0] == IntentState.SUCCEEDED
    assert outcomes[1] == "won" or outcomes[1].startswith("lost: ")
