"""A campaign's page in the admin: everything the team needs to decide (client,
quote, spots with their technical report, history) and the decision buttons."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton

from ..media_checks import SpotReport
from ..models import (
    Campaign,
    CampaignEvent,
    CampaignLine,
    CreativeMode,
    Language,
    ReviewState,
    Spot,
    SpotKind,
    Status,
)
from .links import campaign_admin_links


def language_names(codes) -> str:
    """ "Français, Mooré" for ["fr", "mos"] (an unknown code as it is)."""
    labels = dict(Language.choices)
    return ", ".join(capfirst(str(labels.get(code, code))) for code in codes or [])


class CampaignInspectView(generic.InspectView):
    template_name = "campaigns/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Campaign.objects.select_related(
                "advertiser", "advertiser__sector", "sector", "rate_card", "created_by"
            ).prefetch_related(
                Prefetch("lines", queryset=CampaignLine.objects.order_by("pk")),
                Prefetch(
                    "events",
                    queryset=CampaignEvent.objects.select_related("actor").order_by(
                        "created_at", "pk"
                    ),
                ),
                Prefetch(
                    "spots",
                    queryset=Spot.objects.select_related(
                        "media", "image", "poster", "reviewed_by", "replaces"
                    ).order_by("-created_at", "-pk"),
                ),
            ),
            pk=self.pk,
        )

    def get_fields(self):
        return []

    @cached_property
    def header_buttons(self):
        campaign = self.object
        # the links other apps add (the campaign's placement), for whoever may follow them
        buttons = [
            HeaderButton(label, url=url, icon_name=icon, attrs={"data-campaign-link": ""})
            for label, url, icon in campaign_admin_links(campaign, self.request.user)
        ]
        if not self.user_has_permission("change"):
            return buttons

        def button(label, name, icon):
            return HeaderButton(
                label, url=reverse(f"campaign_review:{name}", args=[campaign.pk]), icon_name=icon
            )

        if campaign.status in (Status.SUBMITTED, Status.IN_PRODUCTION):
            buttons.append(button(_("Approve"), "approve", "check"))
            buttons.append(button(_("Refuse"), "refuse", "cross"))
        if campaign.status == Status.SUBMITTED:
            buttons.append(button(_("Return for corrections"), "request_changes", "undo"))
            if campaign.creative_mode == CreativeMode.MAKE:
                buttons.append(button(_("Start production"), "start_production", "media"))
        if campaign.status == Status.IN_PRODUCTION:
            buttons.append(button(_("Upload the made spot"), "upload_made_spot", "upload"))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        can_change = self.user_has_permission("change")
        spots = []
        for spot in campaign.spots.all():
            report = SpotReport.from_dict(spot.technical_report) if spot.technical_report else None
            url = None
            if spot.kind == SpotKind.VIDEO and spot.media_id and spot.media.file:
                url = spot.media.file.url
            elif spot.kind == SpotKind.IMAGE and spot.image_id and spot.image.file:
                url = spot.image.file.url
            spots.append(
                {
                    "spot": spot,
                    "state_label": _("awaiting the client's approval")
                    if spot.review_state == ReviewState.AWAITING_CLIENT
                    else spot.get_review_state_display(),
                    "can_replace": can_change
                    and campaign.status == Status.IN_PRODUCTION
                    and spot.review_state == ReviewState.CLIENT_CHANGES,
                    "url": url,
                    "poster": spot.poster.file.url if spot.poster_id else None,
                    "report": report,
                    "can_review": can_change and spot.review_state == "pending",
                    "approve_url": reverse("spot_review:approve", args=[spot.pk]),
                    "refuse_url": reverse("spot_review:refuse", args=[spot.pk]),
                }
            )
        context.update(
            campaign=campaign,
            advertiser=campaign.advertiser,
            quote_lines=(campaign.quote or {}).get("lines", []),
            quote=campaign.quote or {},
            spots=spots,
            languages=language_names(campaign.languages),
            brief_languages=language_names(campaign.brief_languages),
            events=list(campaign.events.all()),
            is_make=campaign.creative_mode == CreativeMode.MAKE,
            needs_authorization=bool(campaign.sector_id and campaign.sector.requires_authorization),
        )
        return context
