"""The panel of this month's key figures on the admin's home page, beside the
pending counts of the campaigns (commercial administrators only)."""

from __future__ import annotations

from wagtail.admin.ui.components import Component

from accounts.permissions import is_campaign_staff

from ..period import resolve_period
from ..selectors.key_figures_cache import cached_key_figures
from .common import admin_url


class MonthFiguresPanel(Component):
    """This month's key figures, beside the pending counts of the campaigns."""

    name = "reports_month_figures"
    order = 60
    template_name = "reports/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        period = resolve_period({})
        return {
            "figures": cached_key_figures(period),
            "overview_url": admin_url("overview", period.querystring()),
        }


def add_month_figures_panel(request, panels) -> None:
    """Put the panel right after the campaigns' pending counts (first when
    they are not there), for the commercial administrators only."""
    if not is_campaign_staff(request.user):
        return
    names = [getattr(panel, "name", "") for panel in panels]
    position = (
        names.index("campaigns_pending_counts") + 1 if "campaigns_pending_counts" in names else 0
    )
    panels.insert(position, MonthFiguresPanel())
