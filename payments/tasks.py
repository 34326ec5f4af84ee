"""django-q2 jobs of payments (they do nothing while ENABLE_PAYMENTS is off):
`confirm_notified` (enqueued by the webhook) and `poll_pending` (every 5 minutes:
late or lost notifications, expiry)."""

from __future__ import annotations

from .conf import payments_enabled


def confirm_notified(reference: str) -> str:
    if not payments_enabled():
        return "disabled"
    from .services.confirm import confirm_intent

    return confirm_intent(reference, source="notification")


def poll_pending() -> dict:
    if not payments_enabled():
        return {}
    from .services.confirm import expire_or_recheck

    return expire_or_recheck()
