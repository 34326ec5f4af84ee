"""django-q2 jobs of the notifications app: thin wrappers around services."""

from . import outbox


def deliver_email(email_id: int) -> None:
    outbox.deliver_email(email_id=email_id)


def sweep_outbox() -> dict[str, int]:
    """Every 5 minutes (schedule of migration 0005): enqueue again the e-mails
    left behind and the failed ones whose slow retry is due."""
    return outbox.sweep()
