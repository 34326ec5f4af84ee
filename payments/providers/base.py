from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import httpx
from django.conf import settings


class ProviderError(Exception):
    """The provider could not be reached or answered something unusable."""


class NotificationRefused(Exception):
    """A notification that is forged (bad signature) or unreadable."""


@dataclass(frozen=True)
class Session:
    """Where the payer goes (or what to type on the phone), and what the
    provider gave to find the transaction again."""

    redirect_url: str = ""
    instructions: str = ""
    provider_reference: str = ""
    token: str = ""
    raw: dict = field(default_factory=dict)


# Normalised statuses of a status check.
SUCCEEDED = "succeeded"
FAILED = "failed"
CANCELLED = "cancelled"
PENDING = "pending"


@dataclass(frozen=True)
class StatusResult:
    status: str  # one of SUCCEEDED, FAILED, CANCELLED, PENDING
    amount: int | None
    currency: str
    reference: str  # the merchant reference the provider reports
    operator: str = ""
    provider_reference: str = ""
    raw: dict = field(default_factory=dict)


class PaymentProvider(Protocol):
    name: str
    amount_step: int  # amounts must be a multiple of it

    def start(self, intent, *, return_url: str, notify_url: str, cancel_url: str) -> Session: ...

    def parse_notification(self, request) -> str:
        """The merchant reference a notification is about; raises NotificationRefused."""
        ...

    def fetch_status(self, intent) -> StatusResult: ...


def http_client(transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """Short timeouts: a slow provider fails the attempt, never blocks a worker."""
    return httpx.Client(
        timeout=httpx.Timeout(getattr(settings, "PAYMENTS_HTTP_TIMEOUT", 15.0), connect=5.0),
        transport=transport,
        follow_redirects=False,
    )


# Tests give a transport that answers from recorded fixtures (httpx.MockTransport).
_TRANSPORT: httpx.BaseTransport | None = None


def set_transport(transport: httpx.BaseTransport | None) -> None:
    global _TRANSPORT
    _TRANSPORT = transport


def client() -> httpx.Client:
    return http_client(_TRANSPORT)


def clean(payload: dict, *secrets: str) -> dict:
    """`payload` without the given keys (never store or log a secret)."""
    return {k: ("***" if k in secrets else v) for k, v in (payload or {}).items()}
