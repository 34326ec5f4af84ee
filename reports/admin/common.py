"""What the report screens of the admin share: who may open them (the
commercial administrators), their URLs, and their entries in Wagtail's own
"Reports" menu (“Rapports”, beside Wagtail's reports)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from accounts.permissions import is_campaign_staff
from broadcasting.admin import AdministratorPolicy
from campaigns.models import Campaign

# The URL name of each screen (the overview's namespace is the reports' one).
URL_NAMESPACE = "reports_admin"
URL_NAMES = {
    "overview": f"{URL_NAMESPACE}:overview",
    "airings": "reports_airings:index",
    "campaigns": "reports_campaigns:index",
}


def reports_policy():
    """Administrators only: the role decides, not the model permissions."""
    return AdministratorPolicy(Campaign, actions=("view",))


def admin_url(name: str, querystring: str = "") -> str:
    """The URL of a screen ("overview", "airings", "campaigns"), with a query."""
    url = reverse(URL_NAMES[name])
    return f"{url}?{querystring}" if querystring else url


def local(moment, fmt: str = "%d/%m/%Y %H:%M") -> str:
    return timezone.localtime(moment).strftime(fmt) if moment else "—"


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_campaign_staff(request.user)


class ReportScreenViewSet(ViewSet):
    """A report screen: its entry joins Wagtail's own "Reports" menu, shown to
    the commercial administrators only."""

    menu_hook = "register_reports_menu_item"
    menu_item_class = StaffMenuItem
