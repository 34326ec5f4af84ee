"""Wagtail admin of the campaigns app: the "Campaigns" menu, the dashboard
panels with the counts waiting for action and their polling endpoint."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from accounts.permissions import is_campaign_staff

from . import selectors
from .admin_views import pending_counts
from .viewsets import CampaignsViewSetGroup


@hooks.register("register_admin_viewset")
def register_campaigns():
    return CampaignsViewSetGroup()


@hooks.register("register_admin_urls")
def register_pending_counts_url():
    return [path("campaigns/pending-counts/", pending_counts, name="campaigns_pending_counts")]


class PendingCountsPanel(Component):
    name = "campaigns_pending_counts"
    order = 50
    template_name = "campaigns/admin/pending_counts_panel.html"

    def get_context_data(self, parent_context=None):
        counts = selectors.pending_counts()
        return {
            "counts": counts,
            "items": [
                ("campaigns", counts["campaigns"], reverse("campaign_review:index")),
                ("spots", counts["spots"], reverse("spot_review:index")),
                (
                    "creation_requests",
                    counts["creation_requests"],
                    reverse("campaigns_all:index") + "?creative_mode=make",
                ),
            ],
            "poll_url": reverse("campaigns_pending_counts"),
        }


@hooks.register("construct_homepage_panels")
def add_pending_counts_panel(request, panels):
    if is_campaign_staff(request.user):
        panels.insert(0, PendingCountsPanel())
