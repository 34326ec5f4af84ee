"""The sandbox provider: its charge, its signature, never in production."""

import pytest

from payments.exceptions import PaymentError
from payments.models import IntentState, PaymentIntent, SandboxCharge
from payments.providers import ProviderError
from payments.providers.sandbox import Sandbox, signature

from .helpers import fake_api, issued_invoice, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(settings):
    yield from fake_api(settings, "sandbox")


def test_start_creates_a_charge_and_a_local_page(api, advertiser_a):
    intent = start(issued_invoice(advertiser_a), advertiser_a, 10_002)
    charge = SandboxCharge.objects.get()
    assert (charge.reference, charge.amount, charge.outcome) == (
        intent.reference,
        10_000,
        "waiting",
    )
    assert intent.checkout_url == f"/payments/sandbox/{charge.token}/"
    assert not api.requests  # no network
    for outcome, status in [
        ("paid", "succeeded"),
        ("refused", "failed"),
        ("abandoned", "cancelled"),
    ]:
        SandboxCharge.objects.update(outcome=outcome)
        result = Sandbox().fetch_status(intent)
        assert (result.status, result.amount, result.reference) == (
            status,
            10_000,
            intent.reference,
        )
        assert charge.token not in str(result.raw)


def test_not_allowed_outside_development(api, advertiser_a, settings):
    settings.PAYMENTS_ALLOW_SANDBOX = False
    with pytest.raises(PaymentError):
        start(issued_invoice(advertiser_a), advertiser_a, 10_000)
    assert PaymentIntent.objects.get().state == IntentState.FAILED
    assert not SandboxCharge.objects.exists()


def test_unknown_charge_is_a_provider_error(api, advertiser_a):
    intent = start(issued_invoice(advertiser_a), advertiser_a, 10_000)
    SandboxCharge.objects.all().delete()
    with pytest.raises(ProviderError):
        Sandbox().fetch_status(intent)


def test_signature_depends_on_the_body_and_the_secret_key(settings):
    first = signature(b'{"reference": "BF1A"}')
    assert first != signature(b'{"reference": "BF1B"}')
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert first != signature(b'{"reference": "BF1A"}')
