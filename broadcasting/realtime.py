"""Live updates of the planning dashboard: after a change to the running order
commits, the days it touched are announced to every page connected to
`/ws/diffusion/planning/`, which reloads those days' breaks. Best effort: a
failure is logged, never raised; the dashboard polls anyway."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

GROUP_NAME = "broadcast-planning"
EVENT_TYPE = "planning.changed"  # handled by PlanningConsumer.planning_changed


def broadcast_days(days: Iterable[dt.date]) -> None:
    payload = sorted({day.isoformat() for day in days})
    if not payload:
        return
    try:
        layer = get_channel_layer()
        if layer is None:
            return
        async_to_sync(layer.group_send)(GROUP_NAME, {"type": EVENT_TYPE, "days": payload})
    except Exception:  # noqa: BLE001 - live update is best effort, polling is the fallback
        logger.warning("Could not announce the planning change", exc_info=True)


def schedule_days_broadcast(days: Iterable[dt.date]) -> None:
    """Announce `days` once the current transaction commits."""
    days = set(days)
    if days:
        transaction.on_commit(lambda: broadcast_days(days))
