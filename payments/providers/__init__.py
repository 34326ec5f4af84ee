"""Payment providers behind one interface (`PaymentProvider`): LigdiCash and
CinetPay over httpx, and the local sandbox. `get_provider()` returns the one the
settings choose (PAYMENTS_PROVIDER)."""

from .base import (
    NotificationRefused,
    PaymentProvider,
    ProviderError,
    Session,
    StatusResult,
)
from .registry import get_provider

__all__ = [
    "NotificationRefused",
    "PaymentProvider",
    "ProviderError",
    "Session",
    "StatusResult",
    "get_provider",
]
