"""Billing test helpers: a campaign on air with its airings aired or missed, and
billing staff."""

from __future__ import annotations

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from broadcasting.models import AiringStatus
from broadcasting.tests.factories import AiringFactory, BookedCampaignFactory


def accountant_user(**kwargs):
    kwargs.setdefault("email", "compta@bf1.bf")
    return UserFactory(roles=[Role.ACCOUNTANT], is_staff=True, **kwargs)


def campaign_on_air(*, aired: int = 3, missed: int = 0, **kwargs):
    """A campaign on air (its first band) with `aired` aired and `missed` missed airings."""
    campaign = BookedCampaignFactory(on_air=True, **kwargs)
    airings = []
    for _ in range(aired):
        airings.append(AiringFactory(campaign=campaign, aired=True))
    for _ in range(missed):
        airings.append(AiringFactory(campaign=campaign, missed=True))
    return campaign, airings


__all__ = ["AiringStatus", "accountant_user", "campaign_on_air"]
