"""The error type of the editorial desk: a `core.errors.DomainError` that callers can tell apart."""

from __future__ import annotations

from core.errors import DomainError


class EditorialError(DomainError):
    """A business rule of the editorial desk was broken; its message is shown to the user as is."""
