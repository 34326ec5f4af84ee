"""What a notification is about, and which kinds each role may hear of (the
e-mail switches offered in /profile/ and the inbox's kind filter)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role, roles_of


class NotificationKind(models.TextChoices):
    # To the advertiser
    CAMPAIGN_STATUS = "campaign_status", _("My campaigns' progress")
    SPOT_REVIEW = "spot_review", _("Review of my spots")
    # To the commercial team
    CAMPAIGN_SUBMITTED = "campaign_submitted", _("Campaigns submitted or withdrawn")
    SPOT_UPLOADED = "spot_uploaded", _("New spots to review")
    CREATION_REQUEST = "creation_request", _("Spot creation requests")
    QUOTE_REQUEST = "quote_request", _("Quote requests")
    # Airings and press coverage (broadcasting, editorial)
    AIRING = "airing", _("On-air broadcasts")
    COVERAGE = "coverage", _("Press coverage")
    # Invoices, credit notes and payments (billing)
    BILLING = "billing", _("Invoices and payments")
    # Threads between advertisers and the station (conversations)
    CONVERSATION = "conversation", _("Messages")
    GENERAL = "general", _("Other notifications")


# The kinds each role hears of; every user also gets GENERAL.
ROLE_KINDS: dict[Role, tuple[NotificationKind, ...]] = {
    Role.ADVERTISER: (
        NotificationKind.CAMPAIGN_STATUS,
        NotificationKind.SPOT_REVIEW,
        NotificationKind.AIRING,
        NotificationKind.COVERAGE,
        NotificationKind.BILLING,
        NotificationKind.CONVERSATION,
    ),
    Role.ADMINISTRATOR: (
        NotificationKind.CAMPAIGN_SUBMITTED,
        NotificationKind.SPOT_UPLOADED,
        NotificationKind.CREATION_REQUEST,
        NotificationKind.QUOTE_REQUEST,
        NotificationKind.AIRING,
        NotificationKind.CONVERSATION,
    ),
    Role.BROADCASTER: (NotificationKind.AIRING, NotificationKind.CONVERSATION),
    Role.EDITORIAL: (NotificationKind.COVERAGE, NotificationKind.CONVERSATION),
    Role.ACCOUNTANT: (NotificationKind.BILLING, NotificationKind.CONVERSATION),
}


def kinds_for(user) -> list[NotificationKind]:
    """The kinds that concern `user`, in the order of NotificationKind."""
    wanted = {NotificationKind.GENERAL}
    roles = list(roles_of(user))
    for role in roles:
        wanted.update(ROLE_KINDS.get(role, ()))
    if not roles:
        # A signed-in requester without a role follows their coverage requests.
        wanted.add(NotificationKind.COVERAGE)
        wanted.add(NotificationKind.CONVERSATION)
    return [kind for kind in NotificationKind if kind in wanted]


def parse_kind(value: str | None) -> NotificationKind | None:
    """The kind named by `value`, or None when it names none."""
    if value in NotificationKind.values:
        return NotificationKind(value)
    return None
