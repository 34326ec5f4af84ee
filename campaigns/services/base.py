"""What every service of campaigns shares: the status label, the collected field
errors, the campaign read under a row lock and the owner check."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

from ..exceptions import CampaignError
from ..models import Campaign, Status


def status_label(status: str) -> str:
    return str(Status(status).label)


class Errors:
    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.fields.setdefault(field, []).append(str(message))

    def merge(self, errors: Mapping[str, Iterable[str]]) -> None:
        for field, messages in errors.items():
            for message in messages:
                self.add(field, message)

    def raise_if_any(self, message: str | None = None) -> None:
        if self.fields:
            raise CampaignError(message or _("Please correct the errors below."), self.fields)


def locked_campaign(campaign: Campaign) -> Campaign:
    """The campaign re-read under a row lock (the caller's copy may be stale)."""
    locked = (
        Campaign.objects.select_for_update(of=("self",))
        .select_related("advertiser", "sector")
        .filter(pk=campaign.pk)
        .first()
    )
    if locked is None:
        raise CampaignError(_("This campaign no longer exists."))
    return locked


def refresh_caller(campaign: Campaign, locked: Campaign) -> None:
    """Copy the saved state onto the caller's instance."""
    for field in locked._meta.concrete_fields:
        setattr(campaign, field.attname, getattr(locked, field.attname))


def check_owner(campaign: Campaign, user) -> None:
    if user is None or user.advertiser_id is None or user.advertiser_id != campaign.advertiser_id:
        raise CampaignError(_("This campaign does not belong to your company."))
