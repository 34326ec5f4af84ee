"""What an open thread page receives (over its WebSocket, or from its polling
endpoint): the new messages `user` may read, each rendered as the thread page
renders it for them, so both ways show the same thing."""

from __future__ import annotations

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Attachment, Message, Thread
from .selectors.access import is_staff
from .services.rules import EDIT_WINDOW

# At most this many messages are sent at once to a page catching up.
CATCH_UP_LIMIT = 50


def new_messages(user, thread: Thread, *, after: int = 0, only: int | None = None) -> list[Message]:
    """The messages of `thread` that `user` may read, after the message `after`
    (or only the message `only`), oldest first, at most CATCH_UP_LIMIT."""
    messages = Message.objects.filter(thread=thread, pk__gt=after)
    if only is not None:
        messages = messages.filter(pk=only)
    if not is_staff(user):
        messages = messages.filter(hidden_at__isnull=True)
    messages = list(
        messages.select_related("author", "author__advertiser")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
        .order_by("pk")[:CATCH_UP_LIMIT]
    )
    now = timezone.now()
    for message in messages:
        message.editable = (
            message.author_id == user.pk
            and not message.is_hidden
            and now - message.created_at <= EDIT_WINDOW
        )
    return messages


def render_message(user, thread: Thread, message: Message) -> str:
    """One message as the thread page shows it to `user` (its <li>)."""
    return render_to_string(
        "conversations/_message.html",
        {"thread": thread, "message": message, "is_staff": is_staff(user), "read_only": False},
    )


def message_payloads(user, thread: Thread, messages: list[Message]) -> list[dict]:
    return [{"id": m.pk, "html": render_message(user, thread, m)} for m in messages]
