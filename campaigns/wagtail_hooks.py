"""Wagtail admin of the campaigns app: the "Campaigns" menu (one ViewSetGroup of
the viewsets of `campaigns.admin`), the dashboard panel with the counts waiting for
action and its polling endpoint."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from accounts.permissions import is_campaign_staff

from .admin import library_access  # noqa: F401  (registers the library hooks)
from .admin.campaigns import CampaignReviewViewSet, CampaignViewSet
from .admin.dashboard import PendingCountsPanel, pending_counts
from .admin.spots import SpotReviewViewSet


class CampaignsViewSetGroup(ViewSetGroup):
    menu_label = _("Campaigns")
    menu_icon = "calendar"
    menu_order = 230
    items = (CampaignReviewViewSet, CampaignViewSet, SpotReviewViewSet)


@hooks.register("register_admin_viewset")
def register_campaigns():
    return CampaignsViewSetGroup()


@hooks.register("register_admin_urls")
def register_pending_counts_url():
    return [path("campaigns/pending-counts/", pending_counts, name="campaigns_pending_counts")]


@hooks.register("construct_homepage_panels")
def add_pending_counts_panel(request, panels):
    if is_campaign_staff(request.user):
        panels.insert(0, PendingCountsPanel())
