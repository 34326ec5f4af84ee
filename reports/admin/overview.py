"""`/admin/reports/overview/`: the figures of the period, its chart, its
exports, read with `reports.period.resolve_period`,
`reports.filters.resolve_filters` and `reports.selectors`, like the exports."""

from __future__ import annotations

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from billing.selectors.documents import revenue

from ..views.overview import report_context
from .common import URL_NAMESPACE, ReportScreenViewSet, admin_url, reports_policy


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
        period = context["period"]
        context["billing"] = revenue(period.start, period.end)
        return context


class OverviewViewSet(ReportScreenViewSet):
    """`/admin/reports/overview/` (`reports_admin:overview`)."""

    name = URL_NAMESPACE
    url_prefix = "reports"
    icon = "table"
    menu_label = _("Overview and statistics")
    menu_name = "bf1-report-overview"
    menu_order = 10

    def get_urlpatterns(self):
        return [path("overview/", OverviewView.as_view(), name="overview")]
