"""The campaign statuses that the running order moves: “programmée” once an
airing is placed, “en diffusion” at the first aired airing, “terminée” once
nothing remains. Every move goes through `campaigns.services.transition` (a
downward import): broadcasting never writes a campaign's status itself."""

from __future__ import annotations

from campaigns import services as campaign_services
from campaigns.models import Campaign, Status

from ..models import Airing
from ..models.airing import AiringStatus, UnplacedItem


def mark_scheduled(campaign: Campaign) -> None:
    """“Programmée” when an approved campaign gets its first airings."""
    if campaign.status == Status.APPROVED:
        campaign_services.transition(campaign=campaign, to_status=Status.SCHEDULED, actor=None)


def refresh_campaign_status(campaign: Campaign) -> None:
    """“En diffusion” at the first aired airing; “terminée” once nothing remains
    planned nor waiting on the unplaced list."""
    campaign.refresh_from_db(fields=["status"])
    airings = Airing.objects.filter(campaign=campaign)
    if campaign.status == Status.SCHEDULED and airings.filter(status=AiringStatus.AIRED).exists():
        campaign_services.transition(campaign=campaign, to_status=Status.AIRING, actor=None)
    if campaign.status == Status.AIRING:
        pending = airings.filter(status=AiringStatus.PLANNED).exists()
        waiting = UnplacedItem.objects.filter(campaign=campaign, resolved_at__isnull=True).exists()
        if not pending and not waiting:
            campaign_services.transition(campaign=campaign, to_status=Status.FINISHED, actor=None)
