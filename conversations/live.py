"""The live side of the conversations: WebSocket group names and the pushes made
once a message is committed (by `notices`). What an open page receives is
rendered by `live_pages`.

A push is best effort: a dead channel layer (Redis away) is logged, never
raised; the open pages then catch up through their polling endpoint."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from .models import Message

logger = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    """The open pages of one user (their unread-thread counter)."""
    return f"conversations-user-{user_id}"


def thread_group(thread_id: int) -> str:
    """The open pages of one thread (its new messages)."""
    return f"conversations-thread-{thread_id}"


def _send(group: str, event: dict) -> bool:
    return _send_all([(group, event)])


def _send_all(pushes: list[tuple[str, dict]]) -> bool:
    """Send each (group, event) through one event loop (`async_to_sync` starts a
    thread per call: one call for a message to ten people, not ten)."""
    layer = get_channel_layer()
    if layer is None or not pushes:
        return False

    async def send_each() -> bool:
        sent = True
        for group, event in pushes:
            try:
                await layer.group_send(group, event)
            except Exception:  # noqa: BLE001 - live update is best effort, the page polls
                logger.warning("Could not push %s to %s", event.get("type"), group, exc_info=True)
                sent = False
        return sent

    try:
        return async_to_sync(send_each)()
    except Exception:  # noqa: BLE001 - live update is best effort, the page polls
        logger.warning("Could not push %s events", len(pushes), exc_info=True)
        return False


def _message_push(message: Message) -> tuple[str, dict]:
    return thread_group(message.thread_id), {"type": "thread.message", "message_id": message.pk}


def _unread_pushes(user_ids: Iterable[int]) -> list[tuple[str, dict]]:
    return [
        (user_group(user_id), {"type": "unread.changed"}) for user_id in dict.fromkeys(user_ids)
    ]


def push_message(message: Message) -> bool:
    """Tell the open pages of the message's thread (each renders it for its reader)."""
    return _send_all([_message_push(message)])


def push_unread(user_ids: Iterable[int]) -> None:
    """Tell each user's open pages that their unread-thread count may have moved
    (each page's socket counts it again for its own user)."""
    _send_all(_unread_pushes(user_ids))


def push_message_and_unread(message: Message, user_ids: Iterable[int]) -> bool:
    """`push_message` and `push_unread` at once (a new message)."""
    return _send_all([_message_push(message), *_unread_pushes(user_ids)])
