"""The client's answer to the spot BF1 made for its creation request: approve
it, or ask for changes (with a reason). POST only; another company's campaign
or spot answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import role_required
from accounts.roles import Role

from .. import selectors, services
from ..exceptions import CampaignError


def _spot(request, uuid, spot_uuid):
    campaign = selectors.campaign_for_user(request.user, uuid)
    spot = next((s for s in campaign.spots.all() if s.uuid == spot_uuid), None)
    if spot is None:
        raise Http404
    return campaign, spot


@require_POST
@role_required(Role.ADVERTISER)
def approve_spot(request, uuid, spot_uuid):
    campaign, spot = _spot(request, uuid, spot_uuid)
    try:
        services.client_review_spot(spot=spot, user=request.user, approve=True)
    except CampaignError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Thank you: you approved the spot. BF1 will now approve your campaign.")
        )
    return redirect(campaign.get_absolute_url())


@require_POST
@role_required(Role.ADVERTISER)
def request_spot_changes(request, uuid, spot_uuid):
    campaign, spot = _spot(request, uuid, spot_uuid)
    try:
        services.client_review_spot(
            spot=spot,
            user=request.user,
            approve=False,
            reason=request.POST.get("reason", ""),
        )
    except CampaignError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Your request was sent: BF1 will upload a new version of the spot.")
        )
    return redirect(campaign.get_absolute_url())
