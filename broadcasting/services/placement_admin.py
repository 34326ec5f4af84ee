"""Admin-only writes around placement that carry no running-order change of
their own: a campaign's placement priority.

The priority is a knob of the scheduler (higher first; equal priority: first
approved, first served). Changing it touches no airing, so it is not an
`AiringEvent`: it is recorded in Wagtail's log (the admin's site history) and
in the application log."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from campaigns.models import Campaign

from ..exceptions import BroadcastError

logger = logging.getLogger(__name__)

LOG_PRIORITY = "broadcasting.campaign.priority"
MIN_PRIORITY = -10
MAX_PRIORITY = 10


@transaction.atomic
def set_priority(*, campaign: Campaign, priority, actor) -> Campaign:
    """Set the campaign's placement priority (an integer from −10 to 10);
    logged with the old and new values. Nothing is written when it is unchanged."""
    try:
        value = int(priority)
    except (TypeError, ValueError):
        value = None
    if value is None or not MIN_PRIORITY <= value <= MAX_PRIORITY:
        raise BroadcastError(
            _("The priority must be a whole number between %(min)s and %(max)s.")
            % {"min": MIN_PRIORITY, "max": MAX_PRIORITY},
            {
                "priority": [
                    _("Between %(min)s and %(max)s.") % {"min": MIN_PRIORITY, "max": MAX_PRIORITY}
                ]
            },
        )
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    old = locked.priority
    if old == value:
        campaign.priority = value
        return campaign
    locked.priority = value
    locked.save(update_fields=["priority"])
    log(instance=locked, action=LOG_PRIORITY, user=actor, data={"old": old, "new": value})
    logger.info(
        "Campaign %s: priority %s -> %s by user %s",
        locked.pk,
        old,
        value,
        getattr(actor, "pk", None),
    )
    campaign.priority = value
    return campaign
