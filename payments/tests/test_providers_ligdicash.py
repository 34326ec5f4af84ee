"""LigdiCash adapter against its recorded answers (no network)."""

import json

import pytest

from payments.providers import ProviderError
from payments.providers.ligdicash import LigdiCash

from .helpers import (
    LIGDICASH_API_KEY,
    LIGDICASH_API_TOKEN,
    LIGDICASH_CONFIRM,
    LIGDICASH_CREATE,
    about,
    fake_api,
    issued_invoice,
    ready,
    recorded,
    start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(settings):
    for fake in fake_api(settings, "ligdicash"):
        yield ready(fake, "ligdicash")


@pytest.fixture
def intent(api, advertiser_a):
    return start(issued_invoice(advertiser_a), advertiser_a, 100_003, operator="moov")


def test_create_sends_the_intent_with_the_keys_in_headers(api, intent):
    sent = api.calls(LIGDICASH_CREATE)[0]
    assert sent.headers["Apikey"] == LIGDICASH_API_KEY
    assert sent.headers["Authorization"] == f"Bearer {LIGDICASH_API_TOKEN}"
    order = json.loads(sent.content)["commande"]
    assert order["invoice"]["total_amount"] == 100_003
    assert order["custom_data"] == {"transaction_id": intent.reference}
    assert order["actions"]["callback_url"] == "http://testserver/payments/notify/ligdicash/"
    assert intent.checkout_url.startswith("https://app.ligdicash.com/pay/invoice/")
    assert intent.provider_token.startswith("eyJ")


@pytest.mark.parametrize(
    "fixture,status",
    [("completed", "succeeded"), ("pending", "pending"), ("nocompleted", "failed")],
)
def test_confirm_statuses(api, intent, fixture, status):
    api.answer(LIGDICASH_CONFIRM, recorded(f"ligdicash_confirm_{fixture}", **about(intent)))
    result = LigdiCash().fetch_status(intent)
    assert result.status == status
    assert (result.amount, result.currency) == (100_003, "XOF")
    assert result.reference == intent.reference  # from custom_data's key/value list
    sent = api.calls(LIGDICASH_CONFIRM)[0]
    assert sent.url.params["invoiceToken"] == intent.provider_token
    if fixture == "completed":
        assert result.provider_reference == "MP260118.1004.C71246"
        assert result.operator == "ORANGE MONEY BURKINA"


def test_unusable_confirm_answers(api, intent):
    api.answer(LIGDICASH_CONFIRM, {"response_code": "01", "custom_data": "x", "montant": "n/a"})
    result = LigdiCash().fetch_status(intent)
    assert (result.status, result.amount, result.reference) == ("pending", None, "")
    api.answer(LIGDICASH_CONFIRM, (500, ["error"]))
    with pytest.raises(ProviderError):
        LigdiCash().fetch_status(intent)


def test_a_payment_page_that_is_not_https_is_refused(api, advertiser_a):
    body = recorded("ligdicash_create_ok")
    body["response_text"] = "javascript:alert(1)"
    api.answer(LIGDICASH_CREATE, body)
    from payments.exceptions import PaymentError

    with pytest.raises(PaymentError):
        start(issued_invoice(advertiser_a), advertiser_a, 1000)
