"""`/reports/overview/`: the staff are sent to the admin overview (same period
and filters); an advertiser sees its own report (spend booked and delivered,
airings by status and band, its campaigns) with its own exports. Other roles
get a 403, visitors the login page.

`report_context` builds what both overviews show (the admin overview and
listings of reports/admin/ use it too)."""

from __future__ import annotations

import importlib.util
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts.permissions import is_campaign_staff
from accounts.roles import Role, has_role

from .. import charts, selectors
from ..filters import ReportFilters, filter_choices, resolve_filters
from ..period import Period, resolve_period

DATASETS = ("overview", "airings", "campaigns")
EXPORT_FORMATS = (
    ("xlsx", "reports:export_xlsx", _("Excel (XLSX)"), "fa-file-excel", "doc-full"),
    ("pdf", "reports:export_pdf", _("PDF"), "fa-file-pdf", "doc-full-inverse"),
    ("csv", "reports:export_csv", _("CSV"), "fa-file-csv", "table"),
)
# The package each export format needs on the server (checked without importing it).
EXPORT_PACKAGES = {"xlsx": "openpyxl", "pdf": "reportlab"}
ADVERTISER_CAMPAIGNS_PER_PAGE = 20


def missing_package(fmt: str) -> str:
    """The package an export format needs and the server lacks, "" if none."""
    package = EXPORT_PACKAGES.get(fmt)
    if package and importlib.util.find_spec(package) is None:
        return package
    return ""


def report_params(period: Period, filters: ReportFilters, **extra) -> dict[str, str]:
    """The query parameters of the screen: the resolved period, the chosen
    filters, then `extra`."""
    return {**period.as_params(), **filters.as_params(), **extra}


def report_querystring(period: Period, filters: ReportFilters, **extra) -> str:
    return urlencode(report_params(period, filters, **extra))


def export_links(period: Period, filters: ReportFilters, dataset: str) -> list[dict]:
    """The export links of a screen, carrying exactly its period and filters
    (the export views live in reports/views/exports.py; a format whose view is
    not there is left out; `missing` names the package a format lacks on the
    server, and the page says so instead of offering a link that would fail)."""
    query = report_querystring(period, filters, dataset=dataset)
    links = []
    for key, url_name, label, fa_icon, wagtail_icon in EXPORT_FORMATS:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        links.append(
            {
                "format": key,
                "url": f"{url}?{query}",
                "label": label,
                "icon": fa_icon,
                "wagtail_icon": wagtail_icon,
                "missing": missing_package(key),
            }
        )
    return links


def report_context(params, *, advertiser=None) -> dict:
    """Everything the overview templates show for these query parameters."""
    period = resolve_period(params)
    filters = resolve_filters(params, advertiser=advertiser)
    data = selectors.overview(period, filters, advertiser=advertiser)
    return {
        "period": period,
        "filters": filters,
        "report": data,
        "chart": charts.monthly_chart(data["monthly"], show_fill=data["is_station"]),
        "choices": filter_choices(advertiser=advertiser),
        "report_messages": [*period.messages, *filters.messages],
        "exports": export_links(period, filters, "overview"),
        "airing_exports": export_links(period, filters, "airings"),
        "campaign_exports": export_links(period, filters, "campaigns"),
        "querystring": report_querystring(period, filters),
    }


@require_GET
def overview(request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if is_campaign_staff(user):
        target = reverse("reports_admin:overview")
        query = request.GET.urlencode()
        return redirect(f"{target}?{query}" if query else target)
    if not has_role(user, Role.ADVERTISER) or user.advertiser_id is None:
        raise PermissionDenied
    advertiser = user.advertiser
    context = report_context(request.GET, advertiser=advertiser)
    campaigns = selectors.campaign_rows(
        context["period"], context["filters"], advertiser=advertiser
    )
    page = Paginator(campaigns, ADVERTISER_CAMPAIGNS_PER_PAGE).get_page(request.GET.get("page"))
    context.update(advertiser=advertiser, campaigns_page=page)
    return render(request, "reports/advertiser/overview.html", context)
