"""Models of the campaigns app: the campaign booked by an advertiser, its airtime
lines, its event history and its spots."""

from .campaign import (
    Campaign,
    CampaignEvent,
    CampaignLine,
    CreativeMode,
    Language,
    Objective,
    Status,
)
from .spot import ReviewState, Spot, SpotKind

__all__ = [
    "Campaign",
    "CampaignEvent",
    "CampaignLine",
    "CreativeMode",
    "Language",
    "Objective",
    "ReviewState",
    "Spot",
    "SpotKind",
    "Status",
]
