"""django-q2 jobs of the broadcasting app (thin wrappers around services)."""

from __future__ import annotations

import logging
from datetime import timedelta

logger = logging.getLogger(__name__)

# An approved campaign not placed this long after its approval is placed by the sweeper.
FORGOTTEN_AFTER_MINUTES = 10


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


def enqueue_placement(campaign_id: int) -> bool:
    """Place the campaign in the background. With the broker down the approval
    still stands: the failure is logged and `place_forgotten_campaigns` places
    the campaign later (False is returned)."""
    from core.queue import enqueue

    return enqueue(
        "broadcasting.tasks.place_campaign", campaign_id, task_name=f"place-{campaign_id}"
    )


def place_forgotten_campaigns(grace_minutes: int = FORGOTTEN_AFTER_MINUTES) -> int:
    """Every few minutes: place the approved campaigns whose placement never ran
    (its enqueue failed while the broker was down, or its worker died before
    writing anything), approved more than `grace_minutes` ago. A campaign the
    scheduler already worked on (an airing, an unplaced item, an event) is left
    to the commercial team. Returns how many campaigns were placed."""
    from django.db.models import Exists, OuterRef, Q
    from django.utils import timezone

    from campaigns.models import Campaign, Status

    from .models import Airing, AiringEvent, UnplacedItem

    cutoff = timezone.now() - timedelta(minutes=grace_minutes)
    forgotten = (
        Campaign.objects.filter(status=Status.APPROVED)
        .filter(Q(approved_at__lte=cutoff) | Q(approved_at__isnull=True))
        .exclude(Exists(Airing.objects.filter(campaign=OuterRef("pk"))))
        .exclude(Exists(UnplacedItem.objects.filter(campaign=OuterRef("pk"))))
        .exclude(Exists(AiringEvent.objects.filter(campaign=OuterRef("pk"))))
        .order_by("-priority", "approved_at", "pk")
        .values_list("pk", flat=True)
    )
    done = 0
    for campaign_id in list(forgotten):
        try:
            place_campaign(campaign_id)
        except Exception:  # noqa: BLE001 - one campaign's failure does not stop the others
            logger.exception("Placement of forgotten campaign %s failed", campaign_id)
            continue
        done += 1
    return done


def on_campaign_approved(sender, *, campaign_id: int, **kwargs) -> None:
    """`campaigns.signals.campaign_approved` (sent after the approval committed)."""
    enqueue_placement(campaign_id)
