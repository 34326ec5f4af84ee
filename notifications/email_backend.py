"""Django e-mail backend that stores each message and queues its delivery.

Every e-mail of the portal (confirmations, password resets, contact form,
notifications) goes through here, so each one is retried on failure and its
delivery state is kept in OutgoingEmail."""

from django.core.mail.backends.base import BaseEmailBackend


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from notifications.services import queue_email_message

        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            queue_email_message(message=message)
            count += 1
        return count
