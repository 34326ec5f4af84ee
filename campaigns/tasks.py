"""django-q2 jobs of the campaigns app (thin wrappers around services)."""

from __future__ import annotations

from datetime import timedelta

from . import chunked_upload


def cleanup_stale_uploads(hours: int = 24) -> int:
    """Remove chunked uploads untouched for `hours` (scheduled, e.g. hourly);
    returns how many were removed."""
    return chunked_upload.cleanup_stale(older_than=timedelta(hours=hours))
