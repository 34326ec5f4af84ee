"""A campaign's page, its quote as PDF, and the client's cancel / duplicate."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import role_required
from accounts.roles import Role

from .. import selectors, services
from ..exceptions import CampaignError
from ..media_checks import SpotReport
from ..models import CreativeMode, ReviewState, Status
from ..panels import campaign_panels
from .wizard import _card, live_quote


def next_step_hint(campaign) -> str:
    status = campaign.status
    if status == Status.DRAFT:
        return _("Complete the booking steps and submit the campaign for review.")
    if status == Status.CHANGES_REQUESTED:
        return _("BF1 asked for corrections: edit the campaign, then submit it again.")
    if status == Status.SUBMITTED:
        if campaign.creative_mode == CreativeMode.PROVIDE and not campaign.spots.all():
            return _("Upload your spot: the campaign is reviewed once the spot is received.")
        return _("BF1's commercial team is reviewing your campaign.")
    if status == Status.IN_PRODUCTION:
        made = [spot for spot in campaign.spots.all() if spot.made_by_team]
        latest = made[0].review_state if made else None  # newest first
        if latest == ReviewState.AWAITING_CLIENT:
            return _("Watch the spot BF1 made for you, then approve it or ask for changes.")
        if latest == ReviewState.CLIENT_CHANGES:
            return _("BF1 is making the changes you asked for; you will be asked to approve them.")
        if latest == ReviewState.APPROVED:
            return _("You approved the spot: BF1 will now approve your campaign.")
        return _("BF1 is making your spot; you will be asked to approve it.")
    if status == Status.APPROVED:
        return _("Your campaign is approved: its airings are being scheduled.")
    if status == Status.SCHEDULED:
        return _("Your campaign is scheduled; it will air on the planned dates.")
    if status == Status.AIRING:
        return _("Your campaign is on air.")
    return _("This campaign is closed. You can duplicate it to start a new one.")


def _spot_rows(campaign) -> list[dict]:
    rows = []
    can_answer = campaign.status == Status.IN_PRODUCTION
    for spot in campaign.spots.all():
        report = SpotReport.from_dict(spot.technical_report) if spot.technical_report else None
        rows.append(
            {
                "spot": spot,
                "report": report,
                "player": selectors.spot_player(spot),
                "can_answer": can_answer and spot.review_state == ReviewState.AWAITING_CLIENT,
            }
        )
    return rows


@require_GET
@role_required(Role.ADVERTISER)
def detail(request, uuid):
    campaign = selectors.campaign_for_user(request.user, uuid)
    quote = campaign.quote if campaign.is_quote_frozen else None
    estimate = None
    if quote is None:
        estimate = live_quote(campaign, _card()[1])
    panels = campaign_panels(campaign)
    return render(
        request,
        "campaigns/detail.html",
        {
            # Each section registered by a higher app, also under its own name.
            **{panel["name"]: panel["data"] for panel in panels},
            "campaign": campaign,
            "quote": quote,
            "estimate": estimate,
            "events": list(campaign.events.all()),
            "spots": _spot_rows(campaign),
            "hint": next_step_hint(campaign),
            "can_cancel": campaign.status in services.CANCELLABLE_BY_CLIENT,
            "upload_url": _upload_url(campaign),
            "panels": panels,
        },
    )


def _upload_url(campaign) -> str | None:
    from django.urls import NoReverseMatch, reverse

    if not campaign.is_editable and campaign.status != Status.SUBMITTED:
        return None
    try:
        return reverse("campaigns:spot_upload:page", kwargs={"uuid": campaign.uuid})
    except NoReverseMatch:
        return None


@require_GET
@role_required(Role.ADVERTISER)
def quote_pdf(request, uuid):
    from ..quote_pdf import quote_number, render_quote_pdf

    campaign = selectors.campaign_for_user(request.user, uuid)
    frozen = campaign.is_quote_frozen
    quote = campaign.quote if frozen else live_quote(campaign, _card()[1])
    if not quote:
        raise Http404
    pdf = render_quote_pdf(campaign, quote, frozen=frozen)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="devis-{quote_number(campaign)}.pdf"'
    return response


@require_POST
@role_required(Role.ADVERTISER)
def cancel(request, uuid):
    campaign = selectors.campaign_for_user(request.user, uuid)
    try:
        services.cancel(campaign=campaign, actor=request.user, note=request.POST.get("note", ""))
    except CampaignError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The campaign has been cancelled."))
    return redirect(campaign.get_absolute_url())


@require_POST
@role_required(Role.ADVERTISER)
def duplicate(request, uuid):
    campaign = selectors.campaign_for_user(request.user, uuid)
    try:
        copy = services.duplicate_campaign(campaign=campaign, user=request.user)
    except CampaignError as error:
        messages.error(request, error.message)
        return redirect(campaign.get_absolute_url())
    messages.success(
        request, _("A new draft was created from this campaign: check it and submit it.")
    )
    return redirect(f"{copy.get_absolute_url()}edit/?step=1")
