"""Test helpers of payments: the providers' recorded answers (fixtures/*.json)
served by an httpx.MockTransport (no network ever), payments turned on with
test keys, an issued invoice of an advertiser, and notifications posted like
each provider posts them."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import httpx
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from billing.services.drafts import create_draft
from billing.services.issue import issue_invoice
from billing.tests.factories import campaign_on_air
from payments.models import PaymentEvent, PaymentIntent
from payments.providers.base import set_transport
from payments.providers.cinetpay import x_token
from payments.providers.sandbox import signature
from payments.services.start import start_payment

FIXTURES = Path(__file__).parent / "fixtures"

# Test keys: what a test greps the stored events for (never to be found there).
LIGDICASH_API_KEY = "LGD-APIKEY-5f1c0a9e7d3b"
LIGDICASH_API_TOKEN = "LGD-TOKEN-eyJhbGciOiJIUzI1NiJ9-9c2e"
CINETPAY_API_KEY = "CP-APIKEY-120398475610293847"
CINETPAY_SITE_ID = "5871234"
CINETPAY_SECRET_KEY = "CP-SECRET-7d1e4b9a0c2f"
SECRETS = (LIGDICASH_API_KEY, LIGDICASH_API_TOKEN, CINETPAY_API_KEY, CINETPAY_SECRET_KEY)

LIGDICASH_CREATE = "/pay/v01/redirect/checkout-invoice/create"
LIGDICASH_CONFIRM = "/pay/v01/redirect/checkout-invoice/confirm"
CINETPAY_CREATE = "/v2/payment"
CINETPAY_CHECK = "/v2/payment/check"


def recorded(name: str, **values) -> dict:
    """A recorded answer, its "{placeholders}" filled with `values`."""
    text = (FIXTURES / f"{name}.json").read_text(encoding="utf-8")

    def fill(item):
        if isinstance(item, str):
            for key, value in values.items():
                item = item.replace("{" + key + "}", str(value))
            return item
        if isinstance(item, list):
            return [fill(x) for x in item]
        if isinstance(item, dict):
            return {k: fill(v) for k, v in item.items()}
        return item

    return fill(json.loads(text))


def about(intent: PaymentIntent, **extra) -> dict:
    """The placeholders of an intent's recorded answers."""
    values = {
        "reference": intent.reference,
        "amount": intent.amount,
        "currency": intent.currency,
        "number": intent.invoice.number,
        "token": intent.provider_token,
    }
    values.update(extra)
    return values


class FakeApi:
    """A provider's API answering from recorded JSON. `answer(path, *replies)`:
    each reply is a dict (200 JSON), a (status, dict) pair, an exception
    (raised, e.g. httpx.ConnectError) or a function of the request giving one
    of those; the last one repeats."""

    def __init__(self):
        self.replies: dict[str, list] = {}
        self.requests: list[httpx.Request] = []

    def answer(self, path: str, *replies) -> None:
        self.replies[path.rstrip("/")] = list(replies)

    def calls(self, path: str) -> list[httpx.Request]:
        path = path.rstrip("/")
        return [r for r in self.requests if r.url.path.rstrip("/") == path]

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        replies = self.replies.get(request.url.path.rstrip("/"))
        if not replies:
            return httpx.Response(404, json={"code": "404", "message": "NOT_FOUND"})
        reply = replies.pop(0) if len(replies) > 1 else replies[0]
        if isinstance(reply, Exception):
            raise reply
        if callable(reply):
            reply = reply(request)
        status, body = reply if isinstance(reply, tuple) else (200, reply)
        return httpx.Response(status, json=body)


def turn_on(settings, provider: str) -> None:
    settings.ENABLE_PAYMENTS = True
    settings.PAYMENTS_PROVIDER = provider
    settings.LIGDICASH_BASE_URL = "https://app.ligdicash.com"
    settings.LIGDICASH_API_KEY = LIGDICASH_API_KEY
    settings.LIGDICASH_API_TOKEN = LIGDICASH_API_TOKEN
    settings.CINETPAY_BASE_URL = "https://api-checkout.cinetpay.com"
    settings.CINETPAY_API_KEY = CINETPAY_API_KEY
    settings.CINETPAY_SITE_ID = CINETPAY_SITE_ID
    settings.CINETPAY_SECRET_KEY = CINETPAY_SECRET_KEY


def fake_api(settings, provider: str):
    """For a fixture: payments on with `provider`, its API faked; reset after."""
    turn_on(settings, provider)
    api = FakeApi()
    set_transport(httpx.MockTransport(api.handler))
    try:
        yield api
    finally:
        set_transport(None)


_issuers = itertools.count(1)


def issued_invoice(user, *, aired: int = 3):
    """An invoice issued to `user`'s company (295 103 FCFA for 3 airings)."""
    campaign, _airings = campaign_on_air(aired=aired, user=user)
    issuer = UserFactory(
        email=f"emission{next(_issuers)}@bf1.bf", roles=[Role.ADMINISTRATOR], is_staff=True
    )
    draft = create_draft(campaign=campaign, actor=issuer)
    return issue_invoice(invoice=draft, actor=issuer, defer_pdf=True)


def start(invoice, user, amount=None, *, operator: str = "orange", phone: str = ""):
    return start_payment(
        invoice=invoice,
        user=user,
        amount=invoice.balance if amount is None else amount,
        operator=operator,
        phone=phone,
    )


def notify_url(provider: str) -> str:
    return reverse("payments:notify", kwargs={"provider": provider})


def post_cinetpay(client, intent, *, token: str | None = None, **fields):
    data = recorded("cinetpay_notification", **about(intent))
    data.update(fields)
    given = x_token(data, CINETPAY_SECRET_KEY) if token is None else token
    return client.post(notify_url("cinetpay"), data=data, HTTP_X_TOKEN=given)


def post_ligdicash(client, intent, **fields):
    body = recorded("ligdicash_callback", **about(intent))
    body.update(fields)
    return client.post(notify_url("ligdicash"), data=body, content_type="application/json")


def post_sandbox(client, reference: str, *, forged: bool = False):
    body = json.dumps({"reference": reference, "outcome": "paid"}).encode()
    sign = "0" * 64 if forged else signature(body)
    return client.post(
        notify_url("sandbox"),
        data=body,
        content_type="application/json",
        HTTP_X_SANDBOX_SIGNATURE=sign,
    )


def kinds(intent=None, **filters) -> list[str]:
    events = PaymentEvent.objects.filter(**filters)
    if intent is not None:
        events = events.filter(intent=intent)
    return list(events.order_by("pk").values_list("kind", flat=True))


def stored_text() -> str:
    """Everything stored in the event log (payloads and notes), for grepping."""
    rows = PaymentEvent.objects.values_list("payload", "note", "reference")
    return json.dumps([list(row) for row in rows], ensure_ascii=False)


STATUS_FIXTURES = {
    "cinetpay": {
        "succeeded": "cinetpay_check_00",
        "failed": "cinetpay_check_600",
        "pending": "cinetpay_check_623",
        "cancelled": "cinetpay_check_627",
    },
    "ligdicash": {
        "succeeded": "ligdicash_confirm_completed",
        "failed": "ligdicash_confirm_nocompleted",
        "pending": "ligdicash_confirm_pending",
    },
}
SANDBOX_OUTCOMES = {
    "succeeded": "paid",
    "failed": "refused",
    "pending": "waiting",
    "cancelled": "abandoned",
}


def ready(api: FakeApi, provider: str) -> FakeApi:
    """The provider's payment page is obtained (recorded creation answers)."""
    api.provider = provider
    api.answer(LIGDICASH_CREATE, lambda request: created("ligdicash_create_ok"))
    api.answer(CINETPAY_CREATE, lambda request: created("cinetpay_create_ok"))
    return api


_sessions = itertools.count(1)


def created(name: str) -> dict:
    """A recorded creation answer with a token of its own (one per attempt)."""
    body = recorded(name)
    suffix = f"{next(_sessions):06d}"
    holder = body.get("data") or body
    for key in ("token", "payment_token"):
        if key in holder:
            holder[key] = holder[key][:-6] + suffix
    return body


def status_answer(
    provider: str, intent, status: str, *, amount=None, currency=None, operator_id=None
) -> dict:
    body = recorded(STATUS_FIXTURES[provider][status], **about(intent))
    if operator_id is not None:
        (body["data"] if provider == "cinetpay" else body)["operator_id"] = operator_id
    if provider == "cinetpay":
        if amount is not None:
            body["data"]["amount"] = str(amount)
        if currency is not None:
            body["data"]["currency"] = currency
    elif amount is not None:
        body["montant"] = body["amount"] = str(amount)
    return body


def says(
    api: FakeApi, intent, *statuses: str, amount=None, currency=None, operator_id=None
) -> None:
    """What the provider's status check answers next (the last answer repeats);
    for the sandbox, the outcome its checkout page recorded."""
    if api.provider == "sandbox":
        from payments.models import SandboxCharge

        changes = {"outcome": SANDBOX_OUTCOMES[statuses[0]]}
        if amount is not None:
            changes["amount"] = amount
        if currency is not None:
            changes["currency"] = currency
        SandboxCharge.objects.filter(token=intent.provider_token).update(**changes)
        return
    path = CINETPAY_CHECK if api.provider == "cinetpay" else LIGDICASH_CONFIRM
    api.answer(
        path,
        *[
            status_answer(
                api.provider, intent, s, amount=amount, currency=currency, operator_id=operator_id
            )
            for s in statuses
        ],
    )


def notify(client, api: FakeApi, intent):
    """The provider's notification about `intent`, posted like the provider does."""
    if api.provider == "cinetpay":
        return post_cinetpay(client, intent)
    if api.provider == "ligdicash":
        return post_ligdicash(client, intent)
    return post_sandbox(client, intent.reference)
