"""django-q2 jobs of the broadcasting app (thin wrappers around services)."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def keep_breaks_ahead() -> dict:
    """Daily: create the breaks of the grid for the configured weeks ahead."""
    from .services.inventory import generate_breaks

    return generate_breaks()


def place_campaign(campaign_id: int) -> int:
    """Place an approved campaign's airings. A rule refusal (the campaign was
    withdrawn meanwhile) ends quietly; any other error fails the task, which
    django-q2 retries and records."""
    from campaigns.models import Campaign

    from .exceptions import BroadcastError
    from .services.placement import place_campaign as place

    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    try:
        return place(campaign=campaign, actor=None).placed
    except BroadcastError as exc:
        logger.info("Campaign %s not placed: %s", campaign_id, exc.message)
        return 0


def enqueue_placement(campaign_id: int) -> None:
    """Place the campaign in the background."""
    from django_q.tasks import async_task

    async_task("broadcasting.tasks.place_campaign", campaign_id, task_name=f"place-{campaign_id}")


def on_campaign_approved(sender, *, campaign_id: int, **kwargs) -> None:
    """`campaigns.signals.campaign_approved` (sent after the approval committed)."""
    enqueue_placement(campaign_id)
