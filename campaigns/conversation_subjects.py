"""The campaign and the spot as subjects of a conversation (conversations.subjects),
registered by CampaignsConfig.ready(): the advertiser's users ask about their
company's campaigns and spots, the commercial team answers, broadcasters report
problems with the approved spots they play."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role, has_role
from conversations.models import Team
from conversations.subjects import SubjectKind, register_subject

from .admin.links import INSPECT_URL_NAME
from .models import Campaign, ReviewState, Spot


def _company_user(user, advertiser_id) -> bool:
    return bool(
        advertiser_id
        and getattr(user, "advertiser_id", None) == advertiser_id
        and has_role(user, Role.ADVERTISER)
    )


def _admin_campaign_url(campaign_id: int) -> str:
    try:
        return reverse(INSPECT_URL_NAME, args=[campaign_id])
    except NoReverseMatch:
        return "/admin/"


def _campaign(pk: int):
    return Campaign.objects.select_related("advertiser").filter(pk=pk).first()


def _spot(pk: int):
    return (
        Spot.objects.select_related("campaign", "advertiser", "media", "image")
        .filter(pk=pk)
        .first()
    )


def may_discuss_campaign(user, campaign) -> bool:
    return has_role(user, Role.ADMINISTRATOR) or _company_user(user, campaign.advertiser_id)


def may_discuss_spot(user, spot) -> bool:
    if has_role(user, Role.ADMINISTRATOR) or _company_user(user, spot.advertiser_id):
        return True
    return has_role(user, Role.BROADCASTER) and spot.review_state == ReviewState.APPROVED


def _spot_label(spot) -> str:
    return f"{spot} · {spot.campaign.title}" if spot.campaign_id else str(spot)


def register() -> None:
    register_subject(
        SubjectKind(
            key="campaign",
            label=_("Campaign"),
            team=Team.COMMERCIAL,
            resolve=_campaign,
            describe=lambda campaign: campaign.title,
            advertiser_id=lambda campaign: campaign.advertiser_id,
            client_url=lambda campaign: campaign.get_absolute_url(),
            staff_url=lambda campaign: _admin_campaign_url(campaign.pk),
            may_discuss=may_discuss_campaign,
            ask_label=_("Ask a question about this campaign"),
        )
    )
    register_subject(
        SubjectKind(
            key="spot",
            label=_("Spot"),
            team=Team.COMMERCIAL,
            resolve=_spot,
            describe=_spot_label,
            advertiser_id=lambda spot: spot.advertiser_id,
            client_url=lambda spot: spot.campaign.get_absolute_url() if spot.campaign_id else "",
            staff_url=lambda spot: _admin_campaign_url(spot.campaign_id),
            may_discuss=may_discuss_spot,
            ask_label=_("Ask a question about this spot"),
            allows_video=True,
        )
    )
