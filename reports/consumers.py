"""WebSocket consumer of a long export's page (`/ws/reports/jobs/<uuid>/`):
its requester only. It sends the job's state at once, then every change the
task announces (reports/services.py). Anyone else, or an unknown job, is closed
with 4404: the answer never says whether the job exists."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

UNAUTHENTICATED = 4401
NOT_FOUND = 4404


def _own_job(user, uuid):
    from .models import ExportJob

    return ExportJob.objects.filter(uuid=uuid, requester=user).first()


def _state(job):
    from .services import state

    return state(job)


class ExportJobConsumer(AsyncJsonWebsocketConsumer):
    groups = []  # joined in connect(), after the owner check

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=UNAUTHENTICATED)
            return
        uuid = self.scope["url_route"]["kwargs"]["uuid"]
        job = await database_sync_to_async(_own_job)(user, uuid)
        if job is None:
            await self.close(code=NOT_FOUND)
            return
        from .services import group_name

        self.group = group_name(job)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json(await database_sync_to_async(_state)(job))

    async def disconnect(self, code):
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        """The page only listens: anything it sends is ignored."""

    async def report_job(self, event):
        """A state announced by the worker, without its addresses (the worker
        does not load the URLconf): added here."""
        from .services import with_links

        uuid = self.scope["url_route"]["kwargs"]["uuid"]
        await self.send_json(with_links(dict(event["state"]), uuid))
