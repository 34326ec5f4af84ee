"""django-q2 jobs of the conversations (thin wrappers around the services)."""

from __future__ import annotations

from .services.reminders import send_due_reminders


def send_reminders() -> int:
    """Every 15 minutes: remind the staff of the advertisers' messages waiting
    longer than CONVERSATION_REMINDER_HOURS working hours."""
    return send_due_reminders()


def send_digest(digest_id: int) -> None:
    """The e-mail digest of new messages, once its 10 minutes have passed."""
    from . import digests

    digests.send_digest(digest_id=digest_id)


def send_due_digests() -> int:
    """Every 5 minutes (schedule of migration 0003): the digests whose task was lost."""
    from . import digests

    return digests.send_due_digests()
