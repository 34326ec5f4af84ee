"""The link a campaign's admin page shows to its placement (registered with
`campaigns.admin.links` by `BroadcastingConfig.ready()`)."""

from __future__ import annotations

from accounts.permissions import is_broadcast_staff

from ..selectors.admin import BROADCAST_STATUSES
from .common import campaign_placement_url


def placement_link(campaign, user) -> str | None:
    """The campaign's placement page, for an approved (or later) campaign and a
    user of the "Diffusion" menu."""
    if campaign.status not in BROADCAST_STATUSES or not is_broadcast_staff(user):
        return None
    return campaign_placement_url(campaign.pk)
