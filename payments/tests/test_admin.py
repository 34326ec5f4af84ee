"""The "Paiements en ligne" admin menu: the billing staff (commercial
administrators and accountants) list the attempts, open one with its event log,
re-check it with the provider and reconcile it by hand with a logged reason;
everyone else is refused, and while payments are off the screens answer 404."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from billing.models import Payment
from billing.services.drafts import create_draft
from billing.services.issue import issue_invoice
from billing.tests.admin_fixtures import OUTSIDERS, flashed, refused, text
from billing.tests.factories import campaign_on_air
from payments.models import IntentState, PaymentEvent, PaymentIntent, SandboxCharge
from payments.services.events import record_event
from payments.services.start import start_payment
from payments.wagtail_hooks import payments_menu_item

pytestmark = pytest.mark.django_db

STAFF = ("administrator", "accountant")
INDEX = reverse("payments_attempts:index")
LOG = reverse("payments_events:index")


@pytest.fixture
def enabled(settings):
    settings.ENABLE_PAYMENTS = True
    settings.PAYMENTS_PROVIDER = "sandbox"
    settings.PAYMENTS_ALLOW_SANDBOX = True
    return settings


@pytest.fixture
def invoice(advertiser_a):
    campaign, _airings = campaign_on_air(aired=3, user=advertiser_a)
    maker = UserFactory(email="facturation@bf1.bf", roles=[Role.ACCOUNTANT], is_staff=True)
    return issue_invoice(
        invoice=create_draft(campaign=campaign, actor=maker), actor=maker, defer_pdf=True
    )


@pytest.fixture
def intent(enabled, invoice, advertiser_a):
    """An attempt under way through the sandbox provider (its page obtained)."""
    return start_payment(invoice=invoice, user=advertiser_a, amount=1000, operator="orange")


def detail(intent) -> str:
    return reverse("payments_attempts:detail", args=[intent.pk])


def action(name: str, intent) -> str:
    return reverse(f"payments_attempts:{name}", args=[intent.pk])


def as_user(client, request, who: str):
    user = request.getfixturevalue(who)
    client.force_login(user)
    return user


@pytest.mark.parametrize("who", STAFF)
def test_the_billing_staff_list_the_attempts(client, request, intent, who):
    as_user(client, request, who)
    response = client.get(INDEX)
    assert response.status_code == 200
    assert intent.reference in text(response)
    assert "Sahel Boissons SA" in text(response)

    filtered = client.get(INDEX, {"state": IntentState.SUCCEEDED})
    assert intent.reference not in text(filtered)
    filtered = client.get(INDEX, {"state": IntentState.PENDING, "provider": "sandbox"})
    assert intent.reference in text(filtered)
    filtered = client.get(INDEX, {"company": intent.payer_id, "started_from": "2026-11-18"})
    assert intent.reference in text(filtered)
    filtered = client.get(INDEX, {"started_from": "2026-11-19"})
    assert intent.reference not in text(filtered)


def test_the_list_runs_the_same_queries_whatever_the_number_of_attempts(
    client, administrator, enabled, invoice
):
    def add(count):
        for _ in range(count):
            PaymentIntent.objects.create(
                invoice=invoice, payer=invoice.billed_to, provider="sandbox", amount=500
            )

    client.force_login(administrator)
    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(INDEX).status_code == 200
    add(20)
    with CaptureQueriesContext(connection) as many:
        assert client.get(INDEX).status_code == 200
    assert len(many) == len(few)
    add(40)  # 62 attempts: two pages of 50
    response = client.get(INDEX, {"p": 2})
    assert response.status_code == 200
    assert len(response.context["attempts"]) == 12


@pytest.mark.parametrize("who", STAFF)
def test_an_attempt_shows_its_facts_and_its_log_escaped(client, request, intent, who):
    record_event(
        PaymentEvent.Kind.NOTIFICATION,
        intent=intent,
        note="callback",
        payload={"status": "<script>alert(1)</script>", "montant": 1000},
    )
    as_user(client, request, who)
    response = client.get(detail(intent))
    assert response.status_code == 200
    body = response.content.decode()
    assert intent.reference in body and intent.provider_reference in body
    assert intent.invoice.number in body
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&quot;montant&quot;: 1000" in body  # indented JSON, escaped
    assert action("recheck", intent) in body and action("reconcile", intent) in body
    assert 'name="csrfmiddlewaretoken"' in body


def test_the_log_lists_the_events_of_no_attempt(client, accountant, enabled):
    record_event(PaymentEvent.Kind.FORGED, provider="cinetpay", note="bad x-token")
    client.force_login(accountant)
    response = client.get(LOG, {"unattached": "on"})
    assert response.status_code == 200
    assert "bad x-token" in text(response)
    assert "bad x-token" not in text(client.get(LOG, {"kind": PaymentEvent.Kind.STATUS}))


@pytest.mark.parametrize("who", STAFF)
def test_recheck_records_a_payment_the_provider_confirms(client, request, intent, invoice, who):
    as_user(client, request, who)
    response = client.post(action("recheck", intent), follow=True)
    assert response.status_code == 200
    intent.refresh_from_db()
    assert intent.state == IntentState.PENDING and intent.checks == 1  # still waiting

    SandboxCharge.objects.filter(token=intent.provider_token).update(outcome="paid")
    response = client.post(action("recheck", intent), follow=True)
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED
    assert intent.payment.amount == 1000
    invoice.refresh_from_db()
    assert invoice.balance == invoice.net_to_pay - 1000
    assert intent.events.filter(kind=PaymentEvent.Kind.RECONCILED).count() == 2
    assert response.context["open"] is False  # over: no more actions
    assert action("reconcile", intent) not in response.content.decode()


def test_recheck_is_post_only(client, administrator, intent):
    client.force_login(administrator)
    assert client.get(action("recheck", intent)).status_code == 405
    assert client.get(action("reconcile", intent)).status_code == 405


@pytest.mark.parametrize("who", STAFF)
def test_reconcile_without_a_reason_changes_nothing(client, request, intent, who):
    as_user(client, request, who)
    response = client.post(action("reconcile", intent), {"outcome": "succeeded", "reason": " "})
    assert response.status_code == 200
    assert flashed(response) == gettext("Give the reason of this reconciliation: it is logged.")
    intent.refresh_from_db()
    assert intent.state == IntentState.PENDING and intent.payment is None
    assert not Payment.objects.exists()
    assert not intent.events.filter(kind=PaymentEvent.Kind.RECONCILED).exists()


@pytest.mark.parametrize("who", STAFF)
def test_reconcile_a_payment_with_a_reason(client, request, intent, invoice, who):
    user = as_user(client, request, who)
    response = client.post(
        action("reconcile", intent),
        {"outcome": "succeeded", "reason": "Vu sur le relevé Orange", "provider_reference": "OM42"},
    )
    assert response.status_code == 302 and response["Location"] == detail(intent)
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED
    assert intent.payment.external_id == "sandbox:OM42"
    invoice.refresh_from_db()
    assert invoice.balance == invoice.net_to_pay - 1000
    event = intent.events.get(kind=PaymentEvent.Kind.RECONCILED)
    assert event.actor == user and "Vu sur le relevé Orange" in event.note

    # Over: a second reconciliation is refused with its message, nothing changes.
    response = client.post(
        action("reconcile", intent), {"outcome": "failed", "reason": "erreur de saisie"}
    )
    assert response.status_code == 200
    assert flashed(response)
    intent.refresh_from_db()
    assert intent.state == IntentState.SUCCEEDED
    assert Payment.objects.count() == 1


def test_reconcile_a_failure(client, accountant, intent):
    client.force_login(accountant)
    client.post(action("reconcile", intent), {"outcome": "failed", "reason": "Refus opérateur"})
    intent.refresh_from_db()
    assert intent.state == IntentState.FAILED and intent.failure_reason == "Refus opérateur"
    assert not Payment.objects.exists()


def test_reconcile_without_an_outcome_shows_the_form_again(client, accountant, intent):
    client.force_login(accountant)
    response = client.post(action("reconcile", intent), {"reason": "?"})
    assert response.status_code == 200
    assert response.context["reconcile_form"].errors["outcome"]
    intent.refresh_from_db()
    assert intent.state == IntentState.PENDING


def test_the_actions_need_the_csrf_token(administrator, intent):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    response = client.post(action("reconcile", intent), {"outcome": "failed", "reason": "x"})
    assert response.status_code == 403
    assert client.post(action("recheck", intent)).status_code == 403
    intent.refresh_from_db()
    assert intent.state == IntentState.PENDING


@pytest.mark.parametrize("who", STAFF)
def test_every_screen_answers_404_while_payments_are_off(client, request, intent, settings, who):
    settings.ENABLE_PAYMENTS = False
    as_user(client, request, who)
    for address in (INDEX, LOG, detail(intent)):
        assert client.get(address).status_code == 404, address
    for name in ("recheck", "reconcile"):
        response = client.post(action(name, intent), {"outcome": "failed", "reason": "x"})
        assert response.status_code == 404, name
    intent.refresh_from_db()
    assert intent.state == IntentState.PENDING and intent.checks == 0


@pytest.mark.parametrize("who", OUTSIDERS)
def test_every_screen_is_refused_to_others(client, request, intent, who):
    as_user(client, request, who)
    for address in (INDEX, LOG, detail(intent)):
        assert refused(client.get(address)), address
    for name in ("recheck", "reconcile"):
        response = client.post(action(name, intent), {"outcome": "failed", "reason": "x"})
        assert refused(response), name
    intent.refresh_from_db()
    assert intent.state == IntentState.PENDING and intent.checks == 0


def test_anonymous_goes_to_the_login_page(client, enabled):
    response = client.get(INDEX)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    ("who", "on", "shown"),
    [
        ("administrator", True, True),
        ("accountant", True, True),
        ("administrator", False, False),
        ("accountant", False, False),
        ("editorial", True, False),
        ("broadcaster", True, False),
        ("advertiser_a", True, False),
    ],
)
def test_the_menu_shows_to_the_billing_staff_while_payments_are_on(
    request, settings, who, on, shown
):
    settings.ENABLE_PAYMENTS = on
    http = RequestFactory().get("/admin/")
    http.user = request.getfixturevalue(who)
    item = payments_menu_item()
    assert item.is_shown(http) is shown
    if shown:
        urls = [entry.url for entry in item.menu.menu_items_for_request(http)]
        assert urls == [INDEX, LOG]
