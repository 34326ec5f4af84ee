"""LigdiCash (Ouagadougou), hosted checkout. Create:
POST {base}/pay/v01/redirect/checkout-invoice/create (headers Apikey and
Authorization: Bearer <token>) → {response_code "00", token, response_text: the
payment page}. The callback carries no signature: it only tells which token to
look at ("never trust the callback"); the status comes from
GET {base}/pay/v01/redirect/checkout-invoice/confirm/?invoiceToken=<token>
(status "completed" / "pending" / "nocompleted"). No sandbox: tests replay recorded
answers (payments/tests/fixtures/ligdicash_*.json)."""

from __future__ import annotations

import json

from django.conf import settings

from .base import (
    CANCELLED,
    FAILED,
    PENDING,
    SUCCEEDED,
    NotificationRefused,
    ProviderError,
    Session,
    StatusResult,
    clean,
    client,
)

STATUS = {
    "completed": SUCCEEDED,
    "pending": PENDING,
    "nocompleted": FAILED,
    "notcompleted": FAILED,
    "cancelled": CANCELLED,
}


class LigdiCash:
    name = "ligdicash"
    amount_step = 1

    @property
    def base(self) -> str:
        return settings.LIGDICASH_BASE_URL.rstrip("/")

    def _headers(self) -> dict:
        return {
            "Apikey": settings.LIGDICASH_API_KEY,
            "Authorization": f"Bearer {settings.LIGDICASH_API_TOKEN}",
            "Accept": "application/json",
        }

    def start(self, intent, *, return_url: str, notify_url: str, cancel_url: str) -> Session:
        body = {
            "commande": {
                "invoice": {
                    "items": [
                        {
                            "name": f"Facture {intent.invoice.number}",
                            "quantity": 1,
                            "unit_price": intent.amount,
                            "total_price": intent.amount,
                        }
                    ],
                    "total_amount": intent.amount,
                    "devise": "XOF",
                    "description": f"Paiement facture {intent.invoice.number}",
                    "customer": intent.phone,
                },
                "store": {"name": "BF1 TV", "website_url": settings.SITE_URL},
                "actions": {
                    "cancel_url": cancel_url,
                    "return_url": return_url,
                    "callback_url": notify_url,
                },
                "custom_data": {"transaction_id": intent.reference},
            }
        }
        try:
            with client() as http:
                response = http.post(
                    f"{self.base}/pay/v01/redirect/checkout-invoice/create",
                    json=body,
                    headers=self._headers(),
                )
            data = response.json()
        except (ValueError, Exception) as exc:  # noqa: BLE001 - any transport or JSON error
            raise ProviderError(f"LigdiCash unreachable: {exc.__class__.__name__}") from exc
        if not isinstance(data, dict):
            raise ProviderError("LigdiCash answered no object")
        if str(data.get("response_code")) != "00" or not data.get("token"):
            raise ProviderError(f"LigdiCash refused: {str(data.get('response_text', ''))[:200]}")
        if not str(data.get("response_text") or "").startswith("https://"):
            raise ProviderError("LigdiCash gave no payment page")
        return Session(
            redirect_url=str(data.get("response_text", "")),
            token=str(data["token"]),
            raw=clean(data),
        )

    def parse_notification(self, request) -> str:
        """The callback's token (JSON body or form field), matched to our intent
        by the token stored at creation."""
        token = ""
        try:
            data = json.loads(request.body or b"{}")
            if isinstance(data, dict):
                token = str(data.get("token") or "")
        except ValueError:
            token = request.POST.get("token", "")
        if not token or len(token) > 200:
            raise NotificationRefused("no token in the LigdiCash callback")
        from ..models import PaymentIntent

        intent = PaymentIntent.objects.filter(provider=self.name, provider_token=token).first()
        if intent is None:
            return f"token:{token[:40]}"
        return intent.reference

    def fetch_status(self, intent) -> StatusResult:
        try:
            with client() as http:
                response = http.get(
                    f"{self.base}/pay/v01/redirect/checkout-invoice/confirm/",
                    params={"invoiceToken": intent.provider_token},
                    headers=self._headers(),
                )
            data = response.json()
        except (ValueError, Exception) as exc:  # noqa: BLE001
            raise ProviderError(f"LigdiCash unreachable: {exc.__class__.__name__}") from exc
        if not isinstance(data, dict):
            raise ProviderError("LigdiCash answered no object")
        status = STATUS.get(str(data.get("status", "")).lower(), PENDING)
        custom = data.get("custom_data") or {}
        if not isinstance(custom, list | dict):
            custom = {}
        if isinstance(custom, list):  # LigdiCash sends a list of key/value pairs
            custom = {
                item.get("keyof_customdata"): item.get("valueof_customdata")
                for item in custom
                if isinstance(item, dict)
            }
        try:
            amount = int(data.get("montant", data.get("amount")))
        except (TypeError, ValueError):
            amount = None
        return StatusResult(
            status=status,
            amount=amount,
            currency="XOF",
            reference=str(custom.get("transaction_id") or ""),
            operator=str(data.get("operator_name", "")),
            provider_reference=str(data.get("operator_id") or data.get("transaction_id") or ""),
            raw=clean(data),
        )
