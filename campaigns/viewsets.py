"""The "Campaigns" menu of the Wagtail admin: campaigns to review, all campaigns
(filters, search, export), spots to review. Read-only listings: every change is
a decision view of `campaigns.admin_views`, which calls `campaigns.services`.

URL names: `campaign_review:inspect` is the campaign's admin page (the services
link their notifications to it)."""

from __future__ import annotations

import django_filters
from django.contrib.admin.utils import quote
from django.db.models import Prefetch
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

from accounts.models import Advertiser, BusinessSector

from . import admin_views, selectors
from .media_checks import SpotReport
from .models import (
    Campaign,
    CampaignEvent,
    CampaignLine,
    CreativeMode,
    ReviewState,
    Spot,
    SpotKind,
    Status,
)


def _date(value) -> str:
    return f"{value:%d/%m/%Y}" if value else "—"


def _fcfa(value) -> str:
    return f"{value or 0:,}".replace(",", "\u202f") + " FCFA"


def _campaign_url(campaign) -> str:
    return admin_views.inspect_url(campaign.pk)


# --- Campaigns -----------------------------------------------------------------------


class CampaignFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    advertiser = django_filters.ModelChoiceFilter(
        label=_("Advertiser"), queryset=Advertiser.objects.order_by("name")
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Business sector"), queryset=BusinessSector.objects.order_by("name")
    )
    creative_mode = django_filters.ChoiceFilter(label=_("Creative"), choices=CreativeMode.choices)
    period = django_filters.DateFromToRangeFilter(
        label=_("Airing period"), method="filter_period", widget=DateRangePickerWidget
    )

    class Meta:
        model = Campaign
        fields = []

    def filter_period(self, queryset, name, value):
        """Campaigns whose airing period overlaps the chosen one."""
        if value and value.start:
            queryset = queryset.filter(end_date__gte=value.start)
        if value and value.stop:
            queryset = queryset.filter(start_date__lte=value.stop)
        return queryset


def _campaign_columns():
    return [
        TitleColumn("title", label=_("Title"), get_url=_campaign_url, sort_key="title"),
        Column("advertiser", label=_("Advertiser"), sort_key="advertiser__name"),
        Column("sector", label=_("Business sector"), accessor=lambda c: c.sector or "—"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("start_date", label=_("Start"), accessor=lambda c: _date(c.start_date)),
        Column("end_date", label=_("End"), accessor=lambda c: _date(c.end_date)),
        NumberColumn("airings_total", label=_("Airings")),
        Column(
            "quote_total",
            label=_("Total incl. VAT"),
            accessor=lambda c: _fcfa(c.quote_total),
            sort_key="quote_total",
        ),
        NumberColumn("pending_spot_count", label=_("Spots to review")),
        DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
    ]


class _CampaignIndexView(generic.IndexView):
    def get_base_queryset(self):
        return selectors.with_listing_data(super().get_base_queryset())

    @cached_property
    def columns(self):
        return _campaign_columns()

    def get_list_more_buttons(self, instance):
        buttons = []
        if self.user_has_permission("change") and instance.status == Status.SUBMITTED:
            buttons.append(
                ButtonMenuItem(
                    _("Approve"),
                    url=reverse("campaign_review:approve", args=[quote(instance.pk)]),
                    icon_name="check",
                    priority=10,
                )
            )
        return buttons


class CampaignReviewIndexView(_CampaignIndexView):
    def get_base_queryset(self):
        return selectors.campaigns_for_review()

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.user_has_permission("change"):
            buttons.append(
                HeaderButton(
                    _("Bulk approve"),
                    url=reverse("campaign_review:bulk_approve"),
                    icon_name="check",
                )
            )
        return buttons


class CampaignInspectView(generic.InspectView):
    template_name = "campaigns/admin/inspect.html"

    def get_object(self, queryset=None):
        from django.shortcuts import get_object_or_404

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
        buttons = []
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
            events=list(campaign.events.all()),
            is_make=campaign.creative_mode == CreativeMode.MAKE,
            needs_authorization=bool(campaign.sector_id and campaign.sector.requires_authorization),
        )
        return context


class _ReadOnlyCampaignViewSet(ModelViewSet):
    model = Campaign
    icon = "calendar"
    inspect_view_enabled = True
    inspect_view_class = CampaignInspectView
    copy_view_enabled = False
    list_per_page = 50
    search_fields = ["title", "product", "advertiser__name"]
    search_backend_name = None
    form_fields = []  # never edited here: the decisions are the admin_views

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "history_url_name"):
            view_kwargs[name] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]


class CampaignReviewViewSet(_ReadOnlyCampaignViewSet):
    name = "campaign_review"
    url_prefix = "campaigns/review"
    icon = "tasks"
    menu_label = _("To review")
    menu_order = 100
    index_view_class = CampaignReviewIndexView
    ordering = ["-priority", "submitted_at", "pk"]

    def decision(self, view_class):
        return self.construct_view(view_class)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "approve/<int:pk>/",
                self.decision(admin_views.ApproveCampaignView),
                name="approve",
            ),
            path("refuse/<int:pk>/", self.decision(admin_views.RefuseCampaignView), name="refuse"),
            path(
                "corrections/<int:pk>/",
                self.decision(admin_views.RequestChangesView),
                name="request_changes",
            ),
            path(
                "production/<int:pk>/",
                self.decision(admin_views.StartProductionView),
                name="start_production",
            ),
            path("bulk-approve/", self.decision(admin_views.BulkApproveView), name="bulk_approve"),
            path(
                "production/<int:pk>/upload/",
                admin_views.streamed_upload(self.decision(admin_views.UploadMadeSpotView)),
                name="upload_made_spot",
            ),
        ]


class CampaignViewSet(_ReadOnlyCampaignViewSet):
    name = "campaigns_all"
    url_prefix = "campaigns/all"
    icon = "list-ul"
    menu_label = _("All campaigns")
    menu_order = 200
    index_view_class = _CampaignIndexView
    ordering = ["-created_at", "-pk"]
    filterset_class = CampaignFilterSet
    list_export = [
        "title",
        "product",
        "advertiser",
        "sector",
        "status",
        "start_date",
        "end_date",
        "spot_length",
        "airings_total",
        "quote_subtotal",
        "quote_discount",
        "quote_vat",
        "quote_total",
        "submitted_at",
        "approved_at",
    ]
    export_headings = {"airings_total": _("Airings"), "status": _("Status")}
    export_filename = "campagnes"


# --- Spots ---------------------------------------------------------------------------


def _spot_campaign_url(spot) -> str:
    return admin_views.inspect_url(spot.campaign_id)


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


class SpotReviewViewSet(ModelViewSet):
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

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "history_url_name"):
            view_kwargs[name] = None
        view_kwargs["usage_url_name"] = None
        view_kwargs["inspect_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(
                "approve/<int:pk>/",
                self.construct_view(admin_views.ApproveSpotView),
                name="approve",
            ),
            path(
                "refuse/<int:pk>/", self.construct_view(admin_views.RefuseSpotView), name="refuse"
            ),
        ]


class CampaignsViewSetGroup(ViewSetGroup):
    menu_label = _("Campaigns")
    menu_icon = "calendar"
    menu_order = 230
    items = (CampaignReviewViewSet, CampaignViewSet, SpotReviewViewSet)
