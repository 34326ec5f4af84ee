from __future__ import annotations

from django.conf import settings

from .base import PaymentProvider, ProviderError
from .cinetpay import CinetPay
from .ligdicash import LigdiCash
from .sandbox import Sandbox

PROVIDERS = {"sandbox": Sandbox, "ligdicash": LigdiCash, "cinetpay": CinetPay}


def get_provider(name: str | None = None) -> PaymentProvider:
    name = name or settings.PAYMENTS_PROVIDER
    if name not in PROVIDERS:
        raise ProviderError(f"unknown payment provider {name!r}")
    return PROVIDERS[name]()
