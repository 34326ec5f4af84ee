"""django-q2 jobs of the editorial desk: thin wrappers around services."""

from __future__ import annotations


def send_sms(sms_id: int):
    from .sms import deliver

    message = deliver(sms_id=sms_id)
    return message.status if message else None


def remind_unconfirmed():
    """Hourly (schedule of migration 0002): remind, once, the crew members who
    have not confirmed their mission EDITORIAL_REMINDER_HOURS after being told."""
    from .services.confirmation import remind_unconfirmed as remind

    return remind()


def sweep_sms():
    """Every 5 minutes (schedule of migration 0004): enqueue again the text
    messages left behind and the failed ones whose slow retry is due."""
    from .sms import sweep

    return sweep()
