"""WebSocket consumer keeping the admin dashboard's pending counts live
(`/ws/admin/pending-counts/`): the commercial team only, the same rule as the
review screens and the polled JSON endpoint (`accounts.permissions.is_campaign_staff`)."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from accounts.permissions import is_campaign_staff

from . import selectors
from .realtime import GROUP_NAME

UNAUTHENTICATED = 4401
FORBIDDEN = 4403


class PendingCountsConsumer(AsyncJsonWebsocketConsumer):
    groups = []  # joined in connect(), after the permission check

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=UNAUTHENTICATED)
            return
        if not await database_sync_to_async(is_campaign_staff)(user):
            await self.close(code=FORBIDDEN)
            return
        await self.channel_layer.group_add(GROUP_NAME, self.channel_name)
        self.joined = True
        await self.accept()
        counts = await database_sync_to_async(selectors.pending_counts)()
        await self.send_json({"type": "pending_counts", **counts})

    async def disconnect(self, code):
        if getattr(self, "joined", False):
            await self.channel_layer.group_discard(GROUP_NAME, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        """The page only listens: anything it sends is ignored."""

    async def pending_counts(self, event):
        await self.send_json({"type": "pending_counts", **event["counts"]})
