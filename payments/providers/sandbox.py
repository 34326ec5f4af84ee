"""The local sandbox provider (development default): a checkout page under
/payments/sandbox/<token>/ where the developer chooses the outcome; "payé" and
"refusé" then notify like a provider would, "payé mais notification perdue" does
not (the poller must find it). Never in production (PAYMENTS_ALLOW_SANDBOX)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.urls import reverse

from .base import (
    CANCELLED,
    FAILED,
    PENDING,
    SUCCEEDED,
    NotificationRefused,
    ProviderError,
    Session,
    StatusResult,
)

STATUS = {"paid": SUCCEEDED, "refused": FAILED, "abandoned": CANCELLED, "waiting": PENDING}


def signature(body: bytes) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"sandbox:" + body, hashlib.sha256).hexdigest()


class Sandbox:
    name = "sandbox"
    amount_step = 5  # behaves like the strictest provider

    def start(self, intent, *, return_url: str, notify_url: str, cancel_url: str) -> Session:
        from ..models import SandboxCharge

        if not getattr(settings, "PAYMENTS_ALLOW_SANDBOX", False):
            raise ProviderError("the sandbox provider is not allowed here")
        token = secrets.token_urlsafe(24)
        SandboxCharge.objects.create(
            token=token,
            reference=intent.reference,
            amount=intent.amount,
            currency=intent.currency,
            operator=intent.operator,
        )
        url = reverse("payments:sandbox", kwargs={"token": token})
        return Session(redirect_url=url, provider_reference=f"SBX-{token[:16]}", token=token)

    def parse_notification(self, request) -> str:
        import json

        body = request.body
        given = request.headers.get("X-Sandbox-Signature", "")
        if not given or not hmac.compare_digest(given, signature(body)):
            raise NotificationRefused("bad sandbox signature")
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise NotificationRefused("unreadable sandbox notification") from exc
        reference = data.get("reference") if isinstance(data, dict) else None
        if not isinstance(reference, str) or not reference:
            raise NotificationRefused("no reference")
        return reference

    def fetch_status(self, intent) -> StatusResult:
        from ..models import SandboxCharge

        charge = SandboxCharge.objects.filter(token=intent.provider_token).first()
        if charge is None:
            raise ProviderError("unknown sandbox charge")
        return StatusResult(
            status=STATUS[charge.outcome],
            amount=charge.amount,
            currency=charge.currency,
            reference=charge.reference,
            operator=charge.operator,
            provider_reference=intent.provider_reference,
            raw={
                "token": charge.token[:6] + "…",
                "outcome": charge.outcome,
                "amount": charge.amount,
            },
        )
