"""Wagtail admin of the reports: the screens under /admin/reports/, their
entries in the admin's "Reports" menu (“Rapports”, administrators only) and the
dashboard panel with this month's key figures."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from accounts.permissions import is_campaign_staff

from . import admin_views, selectors
from .period import resolve_period


def _admin_urlpatterns():
    listings = []
    for name, view_class in (
        ("airings", admin_views.AiringReportView),
        ("campaigns", admin_views.CampaignReportView),
    ):
        listings += [
            path(f"{name}/", view_class.as_view(), name=name),
            path(f"{name}/results/", view_class.as_view(results_only=True), name=f"{name}_results"),
        ]
    return [path("overview/", admin_views.OverviewView.as_view(), name="overview"), *listings]


@hooks.register("register_admin_urls")
def register_reports_urls():
    namespace = admin_views.URL_NAMESPACE
    return [path("reports/", include((_admin_urlpatterns(), namespace), namespace=namespace))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_campaign_staff(request.user)


@hooks.register("register_reports_menu_item")
def register_overview_menu_item():
    return StaffMenuItem(
        _("Overview and statistics"),
        reverse("reports_admin:overview"),
        name="bf1-report-overview",
        icon_name="table",
        order=10,
    )


@hooks.register("register_reports_menu_item")
def register_airings_menu_item():
    return StaffMenuItem(
        _("Airings of the period"),
        reverse("reports_admin:airings"),
        name="bf1-report-airings",
        icon_name="time",
        order=20,
    )


@hooks.register("register_reports_menu_item")
def register_campaigns_menu_item():
    return StaffMenuItem(
        _("Campaigns of the period"),
        reverse("reports_admin:campaigns"),
        name="bf1-report-campaigns",
        icon_name="doc-full",
        order=30,
    )


class MonthFiguresPanel(Component):
    """This month's key figures, beside the pending counts of the campaigns."""

    name = "reports_month_figures"
    order = 60
    template_name = "reports/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        period = resolve_period({})
        return {
            "figures": selectors.key_figures(period),
            "overview_url": admin_views.admin_url("overview", period.querystring()),
        }


@hooks.register("construct_homepage_panels")
def add_month_figures_panel(request, panels):
    if not is_campaign_staff(request.user):
        return
    names = [getattr(panel, "name", "") for panel in panels]
    position = (
        names.index("campaigns_pending_counts") + 1 if "campaigns_pending_counts" in names else 0
    )
    panels.insert(position, MonthFiguresPanel())
