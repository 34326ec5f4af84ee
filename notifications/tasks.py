"""django-q2 jobs of the notifications app: thin wrappers around services."""

from . import services


def deliver_email(email_id: int) -> None:
    services.deliver_email(email_id=email_id)
