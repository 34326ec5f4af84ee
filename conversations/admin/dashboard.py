"""The "Messages en attente" panel of the admin's home page: the open threads the
user sees (waiting for the station) by how long the advertiser has waited,
< 4 h, 4–24 h, > 24 h. One aggregate query."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..models import ThreadStatus
from ..selectors.access import visible_threads
from .common import NAMESPACE, is_conversation_staff


def waiting_by_age(user, now: dt.datetime | None = None) -> dict[str, int]:
    """{"fresh": < 4 h, "day": 4–24 h, "old": > 24 h} of the open threads `user`
    sees, by their oldest unanswered advertiser message (one query)."""
    now = now or timezone.now()
    four, day = now - dt.timedelta(hours=4), now - dt.timedelta(hours=24)
    waiting = Q(awaiting_staff_since__isnull=False)
    counts = (
        visible_threads(user)
        .filter(status=ThreadStatus.OPEN)
        .aggregate(
            fresh=Count("pk", filter=waiting & Q(awaiting_staff_since__gt=four)),
            day=Count(
                "pk",
                filter=waiting & Q(awaiting_staff_since__lte=four, awaiting_staff_since__gt=day),
            ),
            old=Count("pk", filter=waiting & Q(awaiting_staff_since__lte=day)),
        )
    )
    return {key: counts[key] or 0 for key in ("fresh", "day", "old")}


class WaitingMessagesPanel(Component):
    name = "conversations_waiting"
    order = 70
    template_name = "conversations/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        counts = waiting_by_age(self.user)
        inbox = reverse(f"{NAMESPACE}:inbox")
        return {
            "counts": counts,
            "total": sum(counts.values()),
            "inbox_url": f"{inbox}?tab=all&status={ThreadStatus.OPEN}",
        }


def add_waiting_panel(request, panels) -> None:
    if is_conversation_staff(request.user):
        panels.append(WaitingMessagesPanel(request.user))
