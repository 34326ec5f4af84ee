"""The error type of the running order: a `core.errors.DomainError` that callers can tell apart."""

from __future__ import annotations

from core.errors import DomainError


class BroadcastError(DomainError):
    """A business rule of the running order was broken; its message is shown to the user as is."""
