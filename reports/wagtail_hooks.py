"""Wagtail admin of the reports: the screens of `reports.admin` (commercial
administrators only) registered with one `ViewSetGroup`, their entries in
Wagtail's own "Reports" menu (“Rapports”), the dashboard panel with this
month's key figures, and the dashboard's site summary kept a minute
(admin/shell_cache.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin.dashboard import add_month_figures_panel
from .admin.empty_panels import leave_out_empty_wagtail_panels
from .admin.listings import AiringReportViewSet, CampaignReportViewSet
from .admin.overview import OverviewViewSet
from .admin.shell_cache import cache_summary_items


class ReportsViewSetGroup(ViewSetGroup):
    """The report screens. Wagtail already has a "Reports" menu (its own
    reports, for the editors): the screens join it, in this order before
    Wagtail's, rather than making a second menu of the same name."""

    menu_label = _("Reports")
    menu_icon = "table"
    add_to_admin_menu = False  # each screen registers its entry in Wagtail's "Reports"
    items = (OverviewViewSet, AiringReportViewSet, CampaignReportViewSet)


@hooks.register("register_admin_viewset")
def register_reports():
    return ReportsViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_reports_panels(request, panels):
    add_month_figures_panel(request, panels)


# After Wagtail's panels and every app's own: the empty Wagtail panels are left out.
hooks.register("construct_homepage_panels", leave_out_empty_wagtail_panels, order=1000)

# After every other app's summary items (they append theirs with the default order 0).
hooks.register("construct_homepage_summary_items", cache_summary_items, order=1000)


@hooks.register("register_admin_viewset")
def register_conversation_report():
    """`/admin/reports/messages/`: the conversations' service levels (its own
    registration, beside the group, so that the group's list stays as it is)."""
    from .admin.conversations import ConversationReportViewSet

    return ConversationReportViewSet()
