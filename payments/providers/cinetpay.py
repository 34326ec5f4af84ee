"""CinetPay v2. Create: POST {base}/v2/payment → {code "201", data: {payment_token,
payment_url}}; amounts must be multiples of 5. Notification: a form POST to
notify_url with an `x-token` header, the HMAC-SHA256 (secret key) of the
concatenated fields; only the transaction id is taken from it. Status:
POST {base}/v2/payment/check → code "00" success, "600" failed, "623"/"662"/"663"
waiting, "627" cancelled."""

from __future__ import annotations

import hashlib
import hmac

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

CODES = {
    "00": SUCCEEDED,
    "600": FAILED,
    "623": PENDING,
    "662": PENDING,
    "663": PENDING,
    "627": CANCELLED,
}
# The fields of a notification, in the order CinetPay concatenates them for x-token.
TOKEN_FIELDS = (
    "cpm_site_id",
    "cpm_trans_id",
    "cpm_trans_date",
    "cpm_amount",
    "cpm_currency",
    "signature",
    "payment_method",
    "cel_phone_num",
    "cpm_phone_prefixe",
    "cpm_language",
    "cpm_version",
    "cpm_payment_config",
    "cpm_page_action",
    "cpm_custom",
    "cpm_designation",
    "cpm_error_message",
)


def x_token(fields: dict, secret: str) -> str:
    message = "".join(str(fields.get(name, "")) for name in TOKEN_FIELDS)
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


class CinetPay:
    name = "cinetpay"
    amount_step = 5

    @property
    def base(self) -> str:
        return settings.CINETPAY_BASE_URL.rstrip("/")

    def _post(self, path: str, body: dict) -> dict:
        try:
            with client() as http:
                response = http.post(f"{self.base}{path}", json=body)
            data = response.json()
        except (ValueError, Exception) as exc:  # noqa: BLE001 - any transport or JSON error
            raise ProviderError(f"CinetPay unreachable: {exc.__class__.__name__}") from exc
        if not isinstance(data, dict):
            raise ProviderError("CinetPay answered no object")
        return data

    def start(self, intent, *, return_url: str, notify_url: str, cancel_url: str) -> Session:
        data = self._post(
            "/v2/payment",
            {
                "apikey": settings.CINETPAY_API_KEY,
                "site_id": settings.CINETPAY_SITE_ID,
                "transaction_id": intent.reference,
                "amount": intent.amount,
                "currency": "XOF",
                "description": f"Facture {intent.invoice.number}",
                "notify_url": notify_url,
                "return_url": return_url,
                "channels": "MOBILE_MONEY",
                "lang": "fr",
                "customer_phone_number": intent.phone,
            },
        )
        payload = data.get("data")
        payload = payload if isinstance(payload, dict) else {}
        if str(data.get("code")) != "201" or not payload.get("payment_url"):
            raise ProviderError(f"CinetPay refused: {str(data.get('message', ''))[:200]}")
        if not str(payload["payment_url"]).startswith("https://"):
            raise ProviderError("CinetPay gave no payment page")
        return Session(
            redirect_url=str(payload["payment_url"]),
            token=str(payload.get("payment_token", "")),
            provider_reference=intent.reference,
            raw=clean(data, "apikey"),
        )

    def parse_notification(self, request) -> str:
        fields = request.POST.dict()
        given = request.headers.get("x-token", "")
        expected = x_token(fields, settings.CINETPAY_SECRET_KEY)
        if (
            not given
            or not settings.CINETPAY_SECRET_KEY
            or not hmac.compare_digest(given, expected)
        ):
            raise NotificationRefused("bad CinetPay x-token")
        reference = fields.get("cpm_trans_id", "")
        if not reference or len(reference) > 100:
            raise NotificationRefused("no transaction id")
        return reference

    def fetch_status(self, intent) -> StatusResult:
        data = self._post(
            "/v2/payment/check",
            {
                "apikey": settings.CINETPAY_API_KEY,
                "site_id": settings.CINETPAY_SITE_ID,
                "transaction_id": intent.reference,
            },
        )
        payload = data.get("data")
        payload = payload if isinstance(payload, dict) else {}
        try:
            amount = int(str(payload.get("amount")))
        except (TypeError, ValueError):
            amount = None
        return StatusResult(
            status=CODES.get(str(data.get("code")), PENDING),
            amount=amount,
            currency=str(payload.get("currency", "")),
            reference=intent.reference if str(data.get("code")) in CODES else "",
            operator=str(payload.get("payment_method", "")),
            provider_reference=str(payload.get("operator_id") or ""),
            raw=clean(data, "apikey"),
        )
