"""Starting a payment: the amount rules (rounded DOWN to the provider's step,
never above what remains due), an unreachable provider, the deploy check."""

import httpx
import pytest
from django.core.checks import Error

from billing.models import Payment
from payments.checks import payments_configured
from payments.exceptions import PaymentError
from payments.models import IntentState, PaymentEvent, PaymentIntent
from payments.services.start import remaining_due

from .helpers import (
    CINETPAY_CREATE,
    LIGDICASH_CREATE,
    SECRETS,
    fake_api,
    issued_invoice,
    kinds,
    ready,
    recorded,
    start,
    stored_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["sandbox", "ligdicash", "cinetpay"])
def api(request, settings):
    for fake in fake_api(settings, request.param):
        yield ready(fake, request.param)


@pytest.fixture
def invoice(advertiser_a):
    return issued_invoice(advertiser_a)


def test_start_gives_the_payment_page_and_keeps_the_token(api, invoice, advertiser_a):
    intent = start(invoice, advertiser_a, 100_000, phone="70 12 34 56")
    assert intent.state == IntentState.PENDING
    assert intent.checkout_url
    assert intent.provider_token
    assert intent.reference.startswith("BF1") and len(intent.reference) == 27
    assert kinds(intent) == ["created", "session"]
    assert remaining_due(invoice) == 195_103


@pytest.mark.parametrize("api", ["sandbox", "cinetpay"], indirect=True)
def test_amounts_are_rounded_down_to_five_francs(api, invoice, advertiser_a):
    intent = start(invoice, advertiser_a, 100_004)
    assert intent.amount == 100_000
    if api.provider == "cinetpay":
        sent = api.calls(CINETPAY_CREATE)[0]
        import json

        assert json.loads(sent.content)["amount"] == 100_000


@pytest.mark.parametrize("api", ["ligdicash"], indirect=True)
def test_ligdicash_takes_the_amount_to_the_franc(api, invoice, advertiser_a):
    assert start(invoice, advertiser_a, 100_004).amount == 100_004


def test_an_attempt_above_what_remains_is_refused(api, invoice, advertiser_a):
    start(invoice, advertiser_a, 200_000)
    with pytest.raises(PaymentError) as error:
        start(invoice, advertiser_a, 100_000)  # 95 103 remain besides the open attempt
    assert "95" in str(error.value) and "103" in str(error.value)
    assert PaymentIntent.objects.count() == 1
    assert not Payment.objects.exists()
    with pytest.raises(PaymentError):
        start(invoice, advertiser_a, 295_104)
    assert PaymentIntent.objects.count() == 1


def test_too_small_or_not_whole_is_refused(api, invoice, advertiser_a):
    for amount in (99, 0, -5, "1000", 1000.5, True):
        with pytest.raises(PaymentError):
            start(invoice, advertiser_a, amount)
    assert not PaymentIntent.objects.exists()


def test_above_the_ceiling_is_refused(api, advertiser_a, settings):
    settings.PAYMENTS_MAX_AMOUNT = 200_000
    invoice = issued_invoice(advertiser_a)
    with pytest.raises(PaymentError, match="plusieurs|several"):
        start(invoice, advertiser_a, 250_000)
    assert start(invoice, advertiser_a, 200_000).amount == 200_000


def test_only_the_company_pays_its_invoice(api, invoice, advertiser_b, accountant):
    for user in (advertiser_b, accountant):
        with pytest.raises(PaymentError):
            start(invoice, user, 1000)
    assert not PaymentIntent.objects.exists()


def test_operator_is_required(api, invoice, advertiser_a):
    with pytest.raises(PaymentError):
        start(invoice, advertiser_a, 1000, operator="wave")


@pytest.mark.parametrize("api", ["ligdicash", "cinetpay"], indirect=True)
def test_provider_unreachable_fails_the_attempt(api, invoice, advertiser_a):
    path = CINETPAY_CREATE if api.provider == "cinetpay" else LIGDICASH_CREATE
    api.answer(path, httpx.ConnectError("connection refused"))
    with pytest.raises(PaymentError) as error:
        start(invoice, advertiser_a, 50_000)
    assert "ne répond pas" in str(error.value)
    intent = PaymentIntent.objects.get()
    assert intent.state == IntentState.FAILED
    assert intent.failure_reason
    assert kinds(intent) == ["created", "error"]
    assert remaining_due(invoice) == 295_103  # the failed attempt holds nothing back


@pytest.mark.parametrize("api", ["ligdicash", "cinetpay"], indirect=True)
def test_provider_refusal_fails_the_attempt(api, invoice, advertiser_a):
    if api.provider == "cinetpay":
        api.answer(CINETPAY_CREATE, recorded("cinetpay_create_refused"))
    else:
        api.answer(LIGDICASH_CREATE, recorded("ligdicash_create_refused"))
    with pytest.raises(PaymentError):
        start(invoice, advertiser_a, 50_000)
    assert PaymentIntent.objects.get().state == IntentState.FAILED


@pytest.mark.parametrize("api", ["ligdicash", "cinetpay"], indirect=True)
def test_unusable_answers_fail_the_attempt_without_a_500(api, invoice, advertiser_a):
    path = CINETPAY_CREATE if api.provider == "cinetpay" else LIGDICASH_CREATE
    for reply in ([1, 2], (502, {"response_text": None, "code": None}), {"response_text": 7}):
        api.answer(path, reply)
        with pytest.raises(PaymentError):
            start(invoice, advertiser_a, 1000)
    assert set(PaymentIntent.objects.values_list("state", flat=True)) == {IntentState.FAILED}


@pytest.mark.parametrize("api", ["ligdicash", "cinetpay"], indirect=True)
def test_keys_go_to_the_provider_and_never_to_the_log(api, invoice, advertiser_a):
    intent = start(invoice, advertiser_a, 50_000)
    sent = api.requests[0]
    if api.provider == "ligdicash":
        assert sent.headers["Apikey"] in SECRETS
    else:
        assert b"CP-APIKEY" in sent.content
    from .helpers import says

    says(api, intent, "succeeded")
    from payments.services.confirm import confirm_intent

    confirm_intent(intent.reference, source="test")
    assert PaymentEvent.objects.filter(kind="status").exists()
    text = stored_text()
    for secret in SECRETS:
        assert secret not in text


def test_deploy_check(settings):
    settings.ENABLE_PAYMENTS = False
    assert payments_configured(None) == []
    settings.ENABLE_PAYMENTS = True
    settings.PAYMENTS_PROVIDER = "sandbox"
    settings.PAYMENTS_ALLOW_SANDBOX = False
    assert [e.id for e in payments_configured(None)] == ["payments.E001"]
    settings.PAYMENTS_PROVIDER = "cinetpay"
    settings.PAYMENTS_ALLOW_SANDBOX = True
    assert [e.id for e in payments_configured(None)] == ["payments.E001"]
    settings.PAYMENTS_ALLOW_SANDBOX = False
    settings.CINETPAY_API_KEY = "k"
    settings.CINETPAY_SITE_ID = ""
    settings.CINETPAY_SECRET_KEY = "s"
    errors = payments_configured(None)
    assert [e.id for e in errors] == ["payments.E002"]
    assert "CINETPAY_SITE_ID" in errors[0].msg and isinstance(errors[0], Error)
    settings.CINETPAY_SITE_ID = "5871234"
    assert payments_configured(None) == []
    settings.PAYMENTS_PROVIDER = "ligdicash"
    settings.LIGDICASH_API_KEY = settings.LIGDICASH_API_TOKEN = ""
    assert [e.id for e in payments_configured(None)] == ["payments.E002"]
    settings.PAYMENTS_PROVIDER = "paypal"
    assert [e.id for e in payments_configured(None)] == ["payments.E002"]
