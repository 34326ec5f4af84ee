"""Spots to review: the listing, and the team's approval or refusal of a spot."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.admin.url_finders import object_page_finder

from .. import selectors, services
from ..models import Campaign, Spot
from .base import DecisionView, ReadOnlyViewSetMixin
from .links import INSPECT_URL_NAME, inspect_url


class _SpotDecisionView(DecisionView):
    model = Spot

    def get_queryset(self):
        return Spot.objects.select_related("campaign", "advertiser", "media", "image")

    def campaign(self):
        return self.object.campaign


class ApproveSpotView(_SpotDecisionView):
    page_title = gettext_lazy("Approve the spot")
    question = gettext_lazy("Approve this spot? The client is notified.")
    submit_label = gettext_lazy("Yes, approve the spot")

    def act(self, note):
        services.review_spot(spot=self.object, actor=self.request.user, approve=True, reason=note)

    def success_message(self):
        return _("The spot “%(spot)s” is approved.") % {"spot": self.object}


class RefuseSpotView(_SpotDecisionView):
    page_title = gettext_lazy("Refuse the spot")
    question = gettext_lazy("Refuse this spot? The client can upload a new version.")
    submit_label = gettext_lazy("Yes, refuse the spot")
    note_required = True
    note_label = gettext_lazy("Reason for refusing the spot")
    header_icon = "cross"

    def act(self, note):
        services.review_spot(spot=self.object, actor=self.request.user, approve=False, reason=note)

    def success_message(self):
        return _("The spot “%(spot)s” is refused.") % {"spot": self.object}


def _spot_campaign_url(spot) -> str:
    return inspect_url(spot.campaign_id)


class SpotReviewIndexView(generic.IndexView):
    def get_base_queryset(self):
        return selectors.spots_for_review()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "spot",
                label=_("Spot"),
                accessor=lambda s: str(s),
                get_url=_spot_campaign_url,
            ),
            Column("campaign", label=_("Campaign")),
            Column("advertiser", label=_("Advertiser")),
            Column("kind", label=_("Kind"), accessor="get_kind_display"),
            Column("declared_length", label=_("Declared length (s)")),
            DateColumn("created_at", label=_("Uploaded"), sort_key="created_at"),
        ]

    def get_list_more_buttons(self, instance):
        if not self.user_has_permission("change"):
            return []
        return [
            ButtonMenuItem(
                _("Approve the spot"),
                url=reverse("spot_review:approve", args=[instance.pk]),
                icon_name="check",
                priority=10,
            ),
            ButtonMenuItem(
                _("Refuse the spot"),
                url=reverse("spot_review:refuse", args=[instance.pk]),
                icon_name="cross",
                priority=20,
            ),
        ]


class SpotReviewViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = Spot
    name = "spot_review"
    url_prefix = "campaigns/spots"
    icon = "media"
    menu_label = _("Spots to review")
    menu_order = 300
    index_view_class = SpotReviewIndexView
    copy_view_enabled = False
    list_per_page = 50
    ordering = ["created_at", "pk"]
    search_fields = ["campaign__title", "advertiser__name"]
    search_backend_name = None
    form_fields = []

    hidden_url_names = (*ReadOnlyViewSetMixin.hidden_url_names, "inspect_url_name")

    @property
    def url_finder_class(self):
        # A spot has no page of its own: usage pages (its video, its image)
        # link it to its campaign's admin page, which shows it.
        return object_page_finder(
            INSPECT_URL_NAME,
            ModelPermissionPolicy(Campaign),
            target=lambda spot: spot.campaign,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(
                "approve/<int:pk>/",
                self.construct_view(ApproveSpotView),
                name="approve",
            ),
            path("refuse/<int:pk>/", self.construct_view(RefuseSpotView), name="refuse"),
        ]
