"""The unread count of the navigation, cached per user until a conversation
changes (a message posted, edited or hidden, a thread read, assigned, closed or
shared): every page of the client area shows it, and counting costs more than
the rest of the header. The live counter (consumers.py) counts afresh."""

from __future__ import annotations

from core.generations import Generation

from .threads import unread_thread_count

UNREAD = Generation("conversations-unread")
# A role or a company changed without a conversation changing: seen within a minute.
TIMEOUT_SECONDS = 60


def cached_unread_thread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return UNREAD.cached(
        f"user:{user.pk}", lambda: unread_thread_count(user), timeout=TIMEOUT_SECONDS
    )


def connect_unread_invalidation() -> None:
    from django.db.models.signals import post_delete, post_save

    from ..models import Message, ReadMark, Thread

    for model in (Thread, Message, ReadMark):
        for signal in (post_save, post_delete):
            signal.connect(
                UNREAD.bump, sender=model, dispatch_uid=f"unread-{model.__name__}-{signal}"
            )
