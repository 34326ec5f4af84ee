"""The error type of accounts: a `core.errors.DomainError` that callers can tell apart."""

from __future__ import annotations

from core.errors import DomainError


class AccountError(DomainError):
    """A business rule of accounts was broken; its message is shown to the user as is."""


class EmailAlreadyRegistered(AccountError):
    """An account already uses this e-mail address (never shown as such to a
    visitor: the registration page answers as for a new address)."""
