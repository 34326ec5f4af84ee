"""The error type of campaigns: a `core.errors.DomainError` that callers can tell apart."""

from __future__ import annotations

from core.errors import DomainError


class CampaignError(DomainError):
    """A business rule of campaigns was broken; its message is shown to the user as is."""
