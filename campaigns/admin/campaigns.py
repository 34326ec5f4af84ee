"""Campaigns to review and all campaigns (filters, search, export): read-only
listings whose every change is a decision view (decisions.py, production.py).

URL names: `campaign_review:inspect` is the campaign's admin page (the services link
their notifications to it)."""

from __future__ import annotations

import django_filters
from django.contrib.admin.utils import quote
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

from accounts.admin.url_finders import object_page_finder
from accounts.models import Advertiser, BusinessSector
from core.tabular import SafeSpreadsheetExportMixin

from .. import selectors
from ..models import Campaign, CreativeMode, Status
from .base import ReadOnlyViewSetMixin
from .decisions import (
    ApproveCampaignView,
    BulkApproveView,
    RefuseCampaignView,
    RequestChangesView,
    StartProductionView,
)
from .inspect_page import CampaignInspectView
from .links import INSPECT_URL_NAME, inspect_url
from .production import UploadMadeSpotView, streamed_upload


def _date(value) -> str:
    return f"{value:%d/%m/%Y}" if value else "—"


def _fcfa(value) -> str:
    return f"{value or 0:,}".replace(",", "\u202f") + " FCFA"


def _campaign_url(campaign) -> str:
    return inspect_url(campaign.pk)


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


class CampaignIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    """The listing of campaigns; its CSV/XLSX export runs no formula."""

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


class CampaignReviewIndexView(CampaignIndexView):
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


class _ReadOnlyCampaignViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = Campaign
    icon = "calendar"
    inspect_view_enabled = True
    inspect_view_class = CampaignInspectView
    copy_view_enabled = False
    list_per_page = 50
    search_fields = ["title", "product", "advertiser__name"]
    search_backend_name = None
    form_fields = []  # never edited here: the decisions are separate views

    @property
    def url_finder_class(self):
        # Usage pages, history and search link a campaign to its admin page.
        return object_page_finder(INSPECT_URL_NAME, self.permission_policy)

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
                self.decision(ApproveCampaignView),
                name="approve",
            ),
            path("refuse/<int:pk>/", self.decision(RefuseCampaignView), name="refuse"),
            path(
                "corrections/<int:pk>/",
                self.decision(RequestChangesView),
                name="request_changes",
            ),
            path(
                "production/<int:pk>/",
                self.decision(StartProductionView),
                name="start_production",
            ),
            path("bulk-approve/", self.decision(BulkApproveView), name="bulk_approve"),
            path(
                "production/<int:pk>/upload/",
                streamed_upload(self.decision(UploadMadeSpotView)),
                name="upload_made_spot",
            ),
        ]


class CampaignViewSet(_ReadOnlyCampaignViewSet):
    name = "campaigns_all"
    url_prefix = "campaigns/all"
    icon = "list-ul"
    menu_label = _("All campaigns")
    menu_order = 200
    index_view_class = CampaignIndexView
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
