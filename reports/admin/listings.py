"""`/admin/reports/airings/` and `/admin/reports/campaigns/`: Wagtail
`ReportView` listings of the period. The rows come from `reports.selectors`
with the period and filters of the query string (the same as the overview's
and the exports'); the filter set and the search box only draw the form."""

from __future__ import annotations

import django_filters
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput

from broadcasting.models import AiringStatus
from campaigns.admin import inspect_url
from campaigns.models import Campaign, Status
from core.money import fcfa

from .. import selectors
from ..filters import advertiser_choices, band_choices, resolve_filters, sector_choices
from ..period import resolve_period
from ..views.overview import export_links, report_querystring
from .common import ReportScreenViewSet, admin_url, local, reports_policy


def _keep(queryset, name, value):
    """The filters are applied by `reports.selectors` (period rules, checks):
    the filter set only draws the form."""
    return queryset


class ReportFilterSet(WagtailFilterSet):
    start = django_filters.DateFilter(label=_("From"), method=_keep, widget=AdminDateInput)
    end = django_filters.DateFilter(label=_("To"), method=_keep, widget=AdminDateInput)
    advertiser = django_filters.ChoiceFilter(
        label=_("Advertiser"), method=_keep, choices=advertiser_choices
    )
    sector = django_filters.ChoiceFilter(
        label=_("Business sector"), method=_keep, choices=sector_choices
    )
    band = django_filters.ChoiceFilter(label=_("Time band"), method=_keep, choices=band_choices)
    status = django_filters.ChoiceFilter(
        label=_("Campaign status"), method=_keep, choices=Status.choices
    )

    class Meta:
        model = Campaign  # the listings pass their own queryset
        fields = []


class PeriodReportView(ReportView):
    """A listing of the period: the rows come from `reports.selectors` with
    the period and filters of the query string; the filter set and the search
    box only draw the form."""

    permission_required = "view"
    filterset_class = ReportFilterSet
    is_searchable = True
    search_kwarg = "q"
    results_template_name = "reports/admin/listing_results.html"
    template_name = "reports/admin/listing.html"
    list_export = []
    paginate_by = 50
    dataset = ""

    @cached_property
    def permission_policy(self):
        return reports_policy()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Exports go through the report exports (reports/views/exports.py), never
        # Wagtail's own ones.
        self.is_export = False
        self.period = resolve_period(request.GET)
        self.report_filters = resolve_filters(request.GET)

    def search_queryset(self, queryset):
        return queryset  # `q` is one of the report filters

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        query = report_querystring(self.period, self.report_filters)
        context.update(
            period=self.period,
            report_filters=self.report_filters,
            report_messages=[*self.period.messages, *self.report_filters.messages],
            exports=export_links(self.period, self.report_filters, self.dataset),
            overview_url=admin_url("overview", query),
        )
        return context


class AiringReportView(PeriodReportView):
    page_title = _("Reports: airings")
    header_icon = "time"
    dataset = "airings"
    verbose_name = _("airing")
    verbose_name_plural = _("airings")

    def get_queryset(self):
        self.queryset = selectors.airing_rows(self.period, self.report_filters)
        return super().get_queryset()

    @cached_property
    def columns(self):
        statuses = dict(AiringStatus.choices)
        return [
            Column(
                "day",
                label=_("Break"),
                accessor=lambda a: local(a.break_slot.starts_at),
                sort_key="break_slot__starts_at",
            ),
            Column("band_code", label=_("Time band"), sort_key="band_code"),
            Column(
                "advertiser",
                label=_("Advertiser"),
                accessor=lambda a: a.advertiser.name,
                sort_key="advertiser__name",
            ),
            TitleColumn(
                "campaign",
                label=_("Campaign"),
                accessor=lambda a: a.campaign.title,
                get_url=lambda a: inspect_url(a.campaign_id),
            ),
            NumberColumn("length", label=_("Length (s)"), sort_key="length"),
            Column(
                "unit_price",
                label=_("Unit price excl. VAT"),
                accessor=lambda a: fcfa(a.unit_price),
                sort_key="unit_price",
            ),
            Column(
                "status",
                label=_("Status"),
                accessor=lambda a: str(statuses.get(a.status, a.status)),
                sort_key="status",
            ),
            Column(
                "make_good", label=_("Make-good"), accessor=lambda a: "✓" if a.is_make_good else ""
            ),
        ]


class CampaignReportView(PeriodReportView):
    page_title = _("Reports: campaigns")
    header_icon = "doc-full"
    dataset = "campaigns"
    verbose_name = _("campaign")
    verbose_name_plural = _("campaigns")

    def get_queryset(self):
        self.queryset = selectors.campaign_rows(self.period, self.report_filters)
        return super().get_queryset()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Campaign"),
                get_url=lambda c: inspect_url(c.pk),
                sort_key="title",
            ),
            Column(
                "advertiser",
                label=_("Advertiser"),
                accessor=lambda c: c.advertiser.name,
                sort_key="advertiser__name",
            ),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column(
                "dates",
                label=_("Dates"),
                accessor=lambda c: (
                    f"{c.start_date:%d/%m/%Y} → {c.end_date:%d/%m/%Y}"
                    if c.start_date and c.end_date
                    else "—"
                ),
                sort_key="start_date",
            ),
            Column(
                "approved_at",
                label=_("Approved at"),
                accessor=lambda c: local(c.approved_at, "%d/%m/%Y"),
                sort_key="approved_at",
            ),
            Column(
                "booked_net",
                label=_("Booked excl. VAT"),
                accessor=lambda c: fcfa(c.booked_net),
                sort_key="booked_net",
            ),
            NumberColumn(
                "aired_in_period", label=_("Aired in the period"), sort_key="aired_in_period"
            ),
            Column(
                "delivered_in_period",
                label=_("Delivered excl. VAT"),
                accessor=lambda c: fcfa(c.delivered_in_period),
                sort_key="delivered_in_period",
            ),
        ]


class ListingViewSet(ReportScreenViewSet):
    """A listing of the period: `<url_prefix>/` and its `results/` fragment."""

    view_class = PeriodReportView

    def get_urlpatterns(self):
        names = {
            "index_url_name": self.get_url_name("index"),
            "index_results_url_name": self.get_url_name("index_results"),
        }
        return [
            path("", self.view_class.as_view(**names), name="index"),
            path(
                "results/",
                self.view_class.as_view(results_only=True, **names),
                name="index_results",
            ),
        ]


class AiringReportViewSet(ListingViewSet):
    """`/admin/reports/airings/` (`reports_airings:index`)."""

    name = "reports_airings"
    url_prefix = "reports/airings"
    icon = "time"
    view_class = AiringReportView
    menu_label = _("Airings of the period")
    menu_name = "bf1-report-airings"
    menu_order = 20


class CampaignReportViewSet(ListingViewSet):
    """`/admin/reports/campaigns/` (`reports_campaigns:index`)."""

    name = "reports_campaigns"
    url_prefix = "reports/campaigns"
    icon = "doc-full"
    view_class = CampaignReportView
    menu_label = _("Campaigns of the period")
    menu_name = "bf1-report-campaigns"
    menu_order = 30
