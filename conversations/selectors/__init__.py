"""Reads of the conversations (access rules in `access`, lists in `threads`,
participants in `participants`)."""

from .access import can_see, is_staff, is_staff_side, visible_threads
from .threads import (
    thread_messages,
    threads_about,
    threads_for,
    unread_thread_count,
    with_unread,
)

__all__ = [
    "can_see",
    "is_staff",
    "is_staff_side",
    "thread_messages",
    "threads_about",
    "threads_for",
    "unread_thread_count",
    "visible_threads",
    "with_unread",
]
