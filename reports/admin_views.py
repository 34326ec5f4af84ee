"""The "Rapports" screens of the Wagtail admin (commercial administrators
only, the same rule as the "Campaigns" and "Diffusion" menus):

- `/admin/reports/overview/`: the figures of the period, its chart, its exports;
- `/admin/reports/airings/` and `/admin/reports/campaigns/`: Wagtail
  `ReportView` listings of the period with the same filters, each exportable.

Every screen reads the period with `reports.period.resolve_period` and the
filters with `reports.filters.resolve_filters`, and its figures or rows from
`reports.selectors`, like the exports."""

from __future__ import annotations

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput

from broadcasting.admin_views import AdministratorPolicy
from campaigns.admin_views import inspect_url
from campaigns.models import Campaign, Status
from simulator.pricing import fcfa

from . import selectors
from .filters import advertiser_choices, band_choices, resolve_filters, sector_choices
from .period import resolve_period
from .views import export_links, report_context, report_querystring

URL_NAMESPACE = "reports_admin"


def reports_policy():
    """Administrators only: the role decides, not the model permissions."""
    return AdministratorPolicy(Campaign, actions=("view",))


def admin_url(name: str, querystring: str = "") -> str:
    url = reverse(f"{URL_NAMESPACE}:{name}")
    return f"{url}?{querystring}" if querystring else url


def _local(moment, fmt: str = "%d/%m/%Y %H:%M") -> str:
    return timezone.localtime(moment).strftime(fmt) if moment else "—"


# --- The overview ------------------------------------------------------------------------


class OverviewView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = "view"
    template_name = "reports/admin/overview.html"
    page_title = _("Reports: overview")
    header_icon = "table"

    @cached_property
    def permission_policy(self):
        return reports_policy()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(report_context(self.request.GET))
        query = context["querystring"]
        context.update(
            form_action=admin_url("overview"),
            airings_url=admin_url("airings", query),
            campaigns_url=admin_url("campaigns", query),
            reset_url=admin_url("overview"),
        )
        return context


# --- The listings ------------------------------------------------------------------------


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


class _PeriodReportView(ReportView):
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
    listing_name = ""

    @cached_property
    def permission_policy(self):
        return reports_policy()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Exports go through reports/export_urls.py, never Wagtail's own ones.
        self.is_export = False
        self.period = resolve_period(request.GET)
        self.report_filters = resolve_filters(request.GET)

    def get_index_url(self):
        return reverse(f"{URL_NAMESPACE}:{self.listing_name}")

    def get_index_results_url(self):
        return reverse(f"{URL_NAMESPACE}:{self.listing_name}_results")

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


class AiringReportView(_PeriodReportView):
    page_title = _("Reports: airings")
    header_icon = "time"
    dataset = "airings"
    listing_name = "airings"
    verbose_name = _("airing")
    verbose_name_plural = _("airings")

    def get_queryset(self):
        self.queryset = selectors.airing_rows(self.period, self.report_filters)
        return super().get_queryset()

    @cached_property
    def columns(self):
        statuses = dict(selectors.AiringStatus.choices)
        return [
            Column(
                "day",
                label=_("Break"),
                accessor=lambda a: _local(a.break_slot.starts_at),
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


class CampaignReportView(_PeriodReportView):
    page_title = _("Reports: campaigns")
    header_icon = "doc-full"
    dataset = "campaigns"
    listing_name = "campaigns"
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
                accessor=lambda c: _local(c.approved_at, "%d/%m/%Y"),
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
