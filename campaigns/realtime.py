"""Live counts of the admin dashboard's "Waiting for action" panel.

After every change that can move a count (a campaign's status, a spot added or
reviewed), the services call `schedule_pending_counts_broadcast()`: once the
transaction commits, the counts are computed once and sent to every staff page
connected to `/ws/admin/pending-counts/` (campaigns/consumers.py). Best effort:
a failure is logged, never raised; the panel polls its JSON endpoint anyway."""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from . import selectors

logger = logging.getLogger(__name__)

GROUP_NAME = "staff-pending-counts"
EVENT_TYPE = "pending.counts"  # handled by PendingCountsConsumer.pending_counts


def broadcast_pending_counts() -> None:
    """Send the current counts to every connected staff dashboard."""
    try:
        layer = get_channel_layer()
        if layer is None:
            return
        counts = selectors.pending_counts()
        async_to_sync(layer.group_send)(GROUP_NAME, {"type": EVENT_TYPE, "counts": counts})
    except Exception:  # noqa: BLE001 - live update is best effort, polling is the fallback
        logger.warning("Could not broadcast the pending counts", exc_info=True)


def _already_scheduled(connection) -> bool:
    # Django drops the callbacks of a rolled-back savepoint or transaction from
    # this list, so looking there never skips a broadcast that is needed.
    return any(
        entry[1] is broadcast_pending_counts for entry in getattr(connection, "run_on_commit", ())
    )


def schedule_pending_counts_broadcast() -> None:
    """Broadcast the counts when the current transaction commits (at once
    outside a transaction); several calls in one transaction send once."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and _already_scheduled(connection):
        return
    transaction.on_commit(broadcast_pending_counts)
