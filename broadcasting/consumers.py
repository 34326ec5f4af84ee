"""WebSocket consumer keeping the planning dashboard live
(`/ws/diffusion/planning/`): broadcasters and administrators only, the same rule
as the pages of `/diffusion/`. The services announce the broadcast days a change
touched once it commits (broadcasting/realtime.py); the page reloads the
fragment of those days it shows."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from accounts.roles import Role, has_role

from .realtime import GROUP_NAME

UNAUTHENTICATED = 4401
FORBIDDEN = 4403


def may_watch_planning(user) -> bool:
    return has_role(user, Role.BROADCASTER, Role.ADMINISTRATOR)


class PlanningConsumer(AsyncJsonWebsocketConsumer):
    groups = []  # joined in connect(), after the permission check

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=UNAUTHENTICATED)
            return
        if not await database_sync_to_async(may_watch_planning)(user):
            await self.close(code=FORBIDDEN)
            return
        await self.channel_layer.group_add(GROUP_NAME, self.channel_name)
        self.joined = True
        await self.accept()

    async def disconnect(self, code):
        if getattr(self, "joined", False):
            await self.channel_layer.group_discard(GROUP_NAME, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        """The page only listens: anything it sends is ignored."""

    async def planning_changed(self, event):
        days = [str(day) for day in event.get("days", [])]
        await self.send_json({"type": "planning_changed", "days": days})
