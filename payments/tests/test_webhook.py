"""The providers' notification endpoint: CSRF-exempt, 404 while payments are off,
forged notifications refused (400) and logged, nothing else done."""

import json

import pytest
from django.test import Client

from billing.models import Payment
from payments.models import IntentState, PaymentEvent
from payments.providers.sandbox import signature

from .helpers import (
    CINETPAY_CHECK,
    CINETPAY_SECRET_KEY,
    SECRETS,
    fake_api,
    issued_invoice,
    kinds,
    notify_url,
    post_cinetpay,
    post_ligdicash,
    post_sandbox,
    ready,
    says,
    start,
    stored_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sandbox(settings):
    for fake in fake_api(settings, "sandbox"):
        yield ready(fake, "sandbox")


@pytest.fixture
def cinetpay(settings):
    for fake in fake_api(settings, "cinetpay"):
        yield ready(fake, "cinetpay")


@pytest.fixture
def ligdicash(settings):
    for fake in fake_api(settings, "ligdicash"):
        yield ready(fake, "ligdicash")


@pytest.fixture
def invoice(advertiser_a):
    return issued_invoice(advertiser_a)


def test_the_webhook_needs_no_csrf_token(sandbox, invoice, advertiser_a):
    intent = start(invoice, advertiser_a, 100_000)
    says(sandbox, intent, "succeeded")
    response = post_sandbox(Client(enforce_csrf_checks=True), intent.reference)
    assert response.status_code == 200
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED


@pytest.mark.parametrize("provider", ["sandbox", "ligdicash", "cinetpay", "paypal"])
def test_404_while_payments_are_off(client, settings, provider):
    settings.ENABLE_PAYMENTS = False
    response = client.post(notify_url(provider), data={"cpm_trans_id": "BF1"})
    assert response.status_code == 404
    assert not PaymentEvent.objects.exists()


def test_unknown_provider_and_wrong_method(client, sandbox):
    assert client.post(notify_url("paypal"), data={}).status_code == 404
    assert client.get(notify_url("sandbox")).status_code == 405
    assert not PaymentEvent.objects.exists()


def test_too_large_is_refused(client, sandbox):
    body = b'{"reference": "' + b"x" * 70_000 + b'"}'
    response = client.post(
        notify_url("sandbox"),
        data=body,
        content_type="application/json",
        HTTP_X_SANDBOX_SIGNATURE=signature(body),
    )
    assert response.status_code == 413
    assert not PaymentEvent.objects.exists()


def test_sandbox_forged_signature(client, sandbox, invoice, advertiser_a):
    intent = start(invoice, advertiser_a, 100_000)
    says(sandbox, intent, "succeeded")
    response = post_sandbox(client, intent.reference, forged=True)
    assert response.status_code == 400
    assert kinds(kind="forged") == ["forged"]
    assert kinds(intent) == ["created", "session"]  # nothing else
    intent.refresh_from_db()
    assert (intent.state, intent.checks) == (IntentState.PENDING, 0)
    assert not Payment.objects.exists()
    unsigned = client.post(
        notify_url("sandbox"),
        data=json.dumps({"reference": intent.reference}),
        content_type="application/json",
    )
    assert unsigned.status_code == 400


@pytest.mark.parametrize("body", [b"not json", b"[1]", b'{"reference": 12}', b"{}"])
def test_sandbox_unreadable_notification(client, sandbox, body):
    response = client.post(
        notify_url("sandbox"),
        data=body,
        content_type="application/json",
        HTTP_X_SANDBOX_SIGNATURE=signature(body),
    )
    assert response.status_code == 400
    assert kinds() == ["forged"]


def test_cinetpay_forged_x_token(client, cinetpay, invoice, advertiser_a):
    intent = start(invoice, advertiser_a, 100_000)
    says(cinetpay, intent, "succeeded")
    calls = len(cinetpay.requests)
    assert post_cinetpay(client, intent, token="0" * 64).status_code == 400
    assert post_cinetpay(client, intent, token="").status_code == 400
    # Signed for 100 000, then the amount changed on the way: refused.
    from payments.providers.cinetpay import x_token

    from .helpers import about, recorded

    fields = recorded("cinetpay_notification", **about(intent))
    token = x_token(fields, CINETPAY_SECRET_KEY)
    fields["cpm_amount"] = "1"
    tampered = client.post(notify_url("cinetpay"), data=fields, HTTP_X_TOKEN=token)
    assert tampered.status_code == 400
    assert kinds(kind="forged") == ["forged"] * 3
    assert len(cinetpay.requests) == calls  # no status check was made
    intent.refresh_from_db()
    assert intent.state == IntentState.PENDING
    assert not Payment.objects.exists()
    assert CINETPAY_SECRET_KEY not in stored_text()


def test_cinetpay_without_a_secret_key_refuses_everything(client, cinetpay, settings):
    settings.CINETPAY_SECRET_KEY = ""
    fields = {"cpm_trans_id": "BF1X"}
    from payments.providers.cinetpay import x_token

    response = client.post(notify_url("cinetpay"), data=fields, HTTP_X_TOKEN=x_token(fields, ""))
    assert response.status_code == 400


def test_cinetpay_notification_checks_with_the_stored_reference(
    client, cinetpay, invoice, advertiser_a, django_capture_on_commit_callbacks
):
    intent = start(invoice, advertiser_a, 100_000)
    says(cinetpay, intent, "succeeded")
    with django_capture_on_commit_callbacks(execute=True):
        assert post_cinetpay(client, intent, cpm_amount="999999").status_code == 200
    check = json.loads(cinetpay.calls(CINETPAY_CHECK)[0].content)
    assert check["transaction_id"] == intent.reference
    assert check["site_id"] == "5871234"
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED
    assert Payment.objects.get().amount == 100_000  # the check's amount, not the notice's
    notice = PaymentEvent.objects.get(kind="notification")
    assert notice.payload["data"]["cpm_trans_id"] == intent.reference
    assert notice.intent == intent
    for secret in SECRETS:
        assert secret not in stored_text()


def test_ligdicash_callback_by_token_json_or_form(
    client, ligdicash, invoice, advertiser_a, django_capture_on_commit_callbacks
):
    intent = start(invoice, advertiser_a, 100_000)
    says(ligdicash, intent, "pending")
    assert post_ligdicash(client, intent).status_code == 200
    form = client.post(notify_url("ligdicash"), data={"token": intent.provider_token})
    assert form.status_code == 200
    assert kinds(intent).count("notification") == 2
    intent.refresh_from_db()
    assert intent.checks == 2
    confirm = ligdicash.calls("/pay/v01/redirect/checkout-invoice/confirm")[0]
    assert confirm.url.params["invoiceToken"] == intent.provider_token
    says(ligdicash, intent, "succeeded")
    with django_capture_on_commit_callbacks(execute=True):
        post_ligdicash(client, intent, status="nocompleted")  # its own words are ignored
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED


def test_ligdicash_callback_without_a_token(client, ligdicash):
    response = client.post(
        notify_url("ligdicash"), data={"status": "completed"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert kinds() == ["forged"]


def test_ligdicash_unknown_token(client, ligdicash):
    response = client.post(
        notify_url("ligdicash"), data={"token": "eyJ-inconnu"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert kinds() == ["notification", "unknown"]
    assert not ligdicash.requests
