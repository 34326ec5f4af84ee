"""The poller (late or lost notifications, expiry) and what the billing staff do
by hand: re-check, reconcile with a logged reason."""

import datetime as dt

import httpx
import pytest

from billing.exceptions import BillingError
from billing.models import InvoiceStatus, Payment, PaymentAllocation
from payments.exceptions import PaymentError
from payments.models import IntentState, PaymentEvent
from payments.services.reconcile import recheck, reconcile
from payments.tasks import poll_pending

from .helpers import (
    CINETPAY_CHECK,
    LIGDICASH_CONFIRM,
    fake_api,
    issued_invoice,
    kinds,
    notify,
    ready,
    says,
    start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["sandbox", "ligdicash", "cinetpay"])
def api(request, settings):
    for fake in fake_api(settings, request.param):
        yield ready(fake, request.param)


@pytest.fixture
def invoice(advertiser_a):
    return issued_invoice(advertiser_a)


def test_timeout_then_late_success_found_by_the_poller(
    client, api, invoice, advertiser_a, time_machine, django_capture_on_commit_callbacks
):
    intent = start(invoice, advertiser_a, 100_000)
    says(api, intent, "pending")
    notify(client, api, intent)  # the payer has not typed the OTP yet
    intent.refresh_from_db()
    assert intent.state == IntentState.PENDING
    assert poll_pending() == {"checked": 0, "expired": 0}  # too early to re-check

    says(api, intent, "succeeded")  # paid later; the provider never notifies again
    time_machine.shift(dt.timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        assert poll_pending() == {"checked": 1, "expired": 0}
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED
    assert Payment.objects.count() == 1
    assert PaymentEvent.objects.filter(intent=intent, kind="status", note="poller").exists()
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PARTLY_PAID
    time_machine.shift(dt.timedelta(minutes=11))
    assert poll_pending() == {"checked": 0, "expired": 0}
    assert Payment.objects.count() == 1


def test_poller_does_nothing_while_payments_are_off(api, invoice, advertiser_a, settings):
    start(invoice, advertiser_a, 100_000)
    settings.ENABLE_PAYMENTS = False
    assert poll_pending() == {}


def test_still_pending_after_the_expiry_delay_expires(
    api, invoice, advertiser_a, settings, time_machine
):
    intent = start(invoice, advertiser_a, 100_000)
    says(api, intent, "pending")
    time_machine.shift(dt.timedelta(hours=settings.PAYMENTS_EXPIRE_HOURS - 1))
    assert poll_pending() == {"checked": 1, "expired": 0}
    time_machine.shift(dt.timedelta(hours=1, minutes=1))
    assert poll_pending() == {"checked": 1, "expired": 1}
    intent.refresh_from_db()
    assert intent.state == IntentState.EXPIRED
    assert intent.failure_reason
    assert poll_pending() == {"checked": 0, "expired": 0}
    says(api, intent, "succeeded")  # a success after the expiry changes nothing
    from payments.services.confirm import confirm_intent

    assert confirm_intent(intent.reference, source="late") == IntentState.EXPIRED
    assert not Payment.objects.exists()


@pytest.mark.parametrize("api", ["ligdicash", "cinetpay"], indirect=True)
def test_never_expired_while_the_provider_cannot_answer(
    api, invoice, advertiser_a, settings, time_machine
):
    intent = start(invoice, advertiser_a, 100_000)
    path = CINETPAY_CHECK if api.provider == "cinetpay" else LIGDICASH_CONFIRM
    api.answer(path, httpx.ConnectTimeout("timed out"))
    time_machine.shift(dt.timedelta(hours=settings.PAYMENTS_EXPIRE_HOURS + 1))
    assert poll_pending() == {"checked": 1, "expired": 0}
    intent.refresh_from_db()
    assert intent.state == IntentState.PENDING
    assert kinds(intent)[-1] == "error"
    says(api, intent, "succeeded")  # back online: it had been paid
    poll_pending()
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED


def test_a_mismatch_waits_for_the_accountant(
    client, api, invoice, advertiser_a, accountant, settings, time_machine
):
    intent = start(invoice, advertiser_a, 100_000)
    says(api, intent, "succeeded", amount=99_000)
    notify(client, api, intent)
    time_machine.shift(dt.timedelta(hours=settings.PAYMENTS_EXPIRE_HOURS + 1))
    assert poll_pending() == {"checked": 0, "expired": 0}
    intent.refresh_from_db()
    assert intent.state == IntentState.PENDING
    reconcile(
        intent=intent,
        actor=accountant,
        outcome="succeeded",
        reason="Montant confirmé par le relevé CinetPay du 18/11",
        provider_reference="MP261118.1004.A12345",
    )
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED
    assert Payment.objects.get().amount == 100_000


def test_abandoned_before_the_payment_page_expires(api, invoice, advertiser_a, settings):
    from django.utils import timezone

    from payments.models import PaymentIntent
    from payments.services.confirm import expire_or_recheck

    intent = PaymentIntent.objects.create(
        invoice=invoice, payer=advertiser_a.advertiser, provider=api.provider, amount=1000
    )
    later = timezone.now() + dt.timedelta(hours=settings.PAYMENTS_EXPIRE_HOURS, minutes=1)
    assert expire_or_recheck(now=later) == {"checked": 0, "expired": 1}
    intent.refresh_from_db()
    assert intent.state == IntentState.EXPIRED


def test_reconcile_by_hand_records_the_payment_once(api, invoice, advertiser_a, accountant):
    intent = start(invoice, advertiser_a, 100_000)
    with pytest.raises(PaymentError):
        reconcile(intent=intent, actor=accountant, outcome="succeeded", reason="   ")
    with pytest.raises(PaymentError):
        reconcile(intent=intent, actor=accountant, outcome="refunded", reason="x")
    with pytest.raises(BillingError):
        reconcile(intent=intent, actor=advertiser_a, outcome="succeeded", reason="moi")
    assert not PaymentEvent.objects.filter(kind="reconciled").exists()

    reconcile(
        intent=intent,
        actor=accountant,
        outcome="succeeded",
        reason="Relevé de l'agrégateur  du 18/11",
        provider_reference="OM 123",
    )
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED
    event = PaymentEvent.objects.get(intent=intent, kind="reconciled")
    assert event.actor == accountant
    assert event.note == "succeeded: Relevé de l'agrégateur du 18/11"
    payment = Payment.objects.get()
    assert payment.external_id == f"{api.provider}:OM 123"
    assert PaymentAllocation.objects.get().amount == 100_000
    with pytest.raises(PaymentError):
        reconcile(intent=intent, actor=accountant, outcome="succeeded", reason="encore")
    says(api, intent, "succeeded")  # the provider's late answer changes nothing
    recheck(intent=intent, actor=accountant)
    assert Payment.objects.count() == 1


def test_reconcile_as_failed_frees_the_amount(api, invoice, advertiser_a, accountant):
    intent = start(invoice, advertiser_a, 295_000)
    with pytest.raises(PaymentError):
        start(invoice, advertiser_a, 1000)
    reconcile(intent=intent, actor=accountant, outcome="failed", reason="Client : échec OTP")
    intent.refresh_from_db()
    assert (intent.state, intent.failure_reason) == (IntentState.FAILED, "Client : échec OTP")
    assert start(invoice, advertiser_a, 1000).amount == 1000
    assert not Payment.objects.exists()


def test_recheck_asks_the_provider_now(api, invoice, advertiser_a, accountant, administrator):
    intent = start(invoice, advertiser_a, 100_000)
    says(api, intent, "failed")
    with pytest.raises(BillingError):
        recheck(intent=intent, actor=advertiser_a)
    assert recheck(intent=intent, actor=accountant) == IntentState.FAILED
    assert PaymentEvent.objects.get(intent=intent, kind="reconciled").actor == accountant
