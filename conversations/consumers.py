"""WebSocket consumers of the conversations.

- `/ws/messages/`: the signed-in user's unread-thread counter (the badge of the
  "Messages" link), sent at once and whenever a message may have moved it.
- `/ws/messages/<thread_id>/`: an open thread page; the same counter, plus each
  new message rendered for this reader (the <li> of the thread page). Only a
  reader of the thread (`visible_threads`) is accepted; anyone else is closed
  with 4404, whether the thread exists or not.

Both only listen: what the page sends is ignored (it marks its reading through
the polling endpoint, conversations:new_messages)."""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

UNAUTHENTICATED = 4401
NOT_FOUND = 4404


def _unread_count(user) -> int:
    from .selectors.threads import unread_thread_count

    return unread_thread_count(user)


def _visible_thread(user, thread_id: int):
    from .selectors.access import visible_threads

    return visible_threads(user).filter(pk=thread_id).first()


def _rendered(user, thread_id: int, message_id: int) -> list[dict]:
    """The message rendered for `user`, or [] when they may no longer read it."""
    from . import live_pages as live

    thread = _visible_thread(user, thread_id)
    if thread is None:
        return []
    return live.message_payloads(user, thread, live.new_messages(user, thread, only=message_id))


class UnreadThreadsConsumer(AsyncJsonWebsocketConsumer):
    groups = []  # joined in connect(), once the user is known

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=UNAUTHENTICATED)
            return
        if not await self.allowed(user):
            await self.close(code=NOT_FOUND)
            return
        from .live import user_group

        self.joined = [user_group(user.pk), *self.extra_groups()]
        for group in self.joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        await self.unread_changed({})

    async def allowed(self, user) -> bool:
        return True

    def extra_groups(self) -> list[str]:
        return []

    async def disconnect(self, code):
        for group in getattr(self, "joined", ()):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        """The page only listens: anything it sends is ignored."""

    async def unread_changed(self, event):
        count = await database_sync_to_async(_unread_count)(self.scope["user"])
        await self.send_json({"type": "unread_threads", "count": count})


class ThreadConsumer(UnreadThreadsConsumer):
    async def allowed(self, user) -> bool:
        self.thread_id = self.scope["url_route"]["kwargs"]["thread_id"]
        thread = await database_sync_to_async(_visible_thread)(user, self.thread_id)
        return thread is not None

    def extra_groups(self) -> list[str]:
        from .live import thread_group

        return [thread_group(self.thread_id)]

    async def thread_message(self, event):
        user = self.scope["user"]
        items = await database_sync_to_async(_rendered)(user, self.thread_id, event["message_id"])
        for item in items:
            await self.send_json({"type": "message", **item})
