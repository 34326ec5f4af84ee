"""django-q2 jobs of the assistant (thin: they call a service)."""

from __future__ import annotations

from .services import index


def rebuild_index() -> int:
    """Rebuild the passages index; the flag is cleared first, so a change
    committed while it runs asks for another rebuild."""
    index.clear_pending()
    return index.rebuild_index()
