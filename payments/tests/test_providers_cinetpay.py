"""CinetPay adapter against its recorded answers (no network)."""

import json

import httpx
import pytest

from payments.providers import ProviderError
from payments.providers.cinetpay import CinetPay, x_token

from .helpers import (
    CINETPAY_CHECK,
    CINETPAY_CREATE,
    CINETPAY_SECRET_KEY,
    fake_api,
    issued_invoice,
    ready,
    recorded,
    start,
    status_answer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(settings):
    for fake in fake_api(settings, "cinetpay"):
        yield ready(fake, "cinetpay")


@pytest.fixture
def intent(api, advertiser_a):
    return start(issued_invoice(advertiser_a), advertiser_a, 100_000, phone="70123456")


def test_create_sends_the_intent(api, intent):
    body = json.loads(api.calls(CINETPAY_CREATE)[0].content)
    assert body["transaction_id"] == intent.reference
    assert (body["amount"], body["currency"], body["channels"]) == (100_000, "XOF", "MOBILE_MONEY")
    assert body["notify_url"] == "http://testserver/payments/notify/cinetpay/"
    assert body["return_url"].endswith(f"/payments/attempts/{intent.reference}/")
    assert intent.checkout_url.startswith("https://checkout.cinetpay.com/payment/")
    assert intent.provider_reference == intent.reference


@pytest.mark.parametrize(
    "code,status",
    [("00", "succeeded"), ("600", "failed"), ("623", "pending"), ("627", "cancelled")],
)
def test_status_codes(api, intent, code, status):
    api.answer(CINETPAY_CHECK, recorded(f"cinetpay_check_{code}", amount="100000", currency="XOF"))
    result = CinetPay().fetch_status(intent)
    assert result.status == status
    assert (result.amount, result.currency, result.reference) == (100_000, "XOF", intent.reference)
    if code == "00":
        assert result.operator == "OMBF"
        assert result.provider_reference == "MP261118.1004.A12345"


def test_unknown_codes_and_garbage_are_pending_or_errors(api, intent):
    api.answer(CINETPAY_CHECK, {"code": "662", "message": "WAITING", "data": []})
    result = CinetPay().fetch_status(intent)
    assert (result.status, result.amount) == ("pending", None)
    api.answer(CINETPAY_CHECK, {"code": "999", "message": "?"})
    assert CinetPay().fetch_status(intent).reference == ""
    api.answer(CINETPAY_CHECK, [1, 2])
    with pytest.raises(ProviderError):
        CinetPay().fetch_status(intent)
    api.answer(CINETPAY_CHECK, httpx.ReadTimeout("slow"))
    with pytest.raises(ProviderError, match="ReadTimeout"):
        CinetPay().fetch_status(intent)


def test_the_check_answer_never_keeps_the_api_key(api, intent):
    answer = status_answer("cinetpay", intent, "succeeded")
    answer["apikey"] = "leaked"
    api.answer(CINETPAY_CHECK, answer)
    assert CinetPay().fetch_status(intent).raw["apikey"] == "***"


def test_x_token_is_the_hmac_of_the_fields_in_order():
    fields = recorded("cinetpay_notification", reference="BF1A", amount="5000", number="FA-1")
    token = x_token(fields, CINETPAY_SECRET_KEY)
    assert len(token) == 64
    assert token == x_token(dict(reversed(fields.items())), CINETPAY_SECRET_KEY)
    assert token != x_token({**fields, "cpm_amount": "5005"}, CINETPAY_SECRET_KEY)
    assert token != x_token(fields, "other-secret")
