"""Wagtail admin URLs answered before Wagtail's own (bf1portal/urls.py includes
these first).

Wagtail's reports and redirects listing, with exports through `core.tabular`:
their CSV/XLSX ("Télécharger CSV/XLSX", `?export=csv`) write a value that begins
like a formula as text (the site history lists objects by name, an advertiser's
name is typed by the advertiser). The views are Wagtail's, with
`SafeSpreadsheetExportMixin`; the URL names stay Wagtail's.

Two URLs that Wagtail's views answer with a server error:

- `/admin/failwhale/`: Wagtail's deliberate error ("This is a test of the
  emergency broadcast system"), there to try an error-reporting service. The
  portal does not serve it: the admin's "page not found" instead.
- `/admin/pages/<id>/set_position/` of the root page, which has no parent to
  reorder: "page not found" too; any other page goes on to Wagtail's view.

Every admin URL answers 200, 302, 403 or 404 (home/tests/test_admin_urls.py
walks them all)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.admin.views import home as wagtail_home
from wagtail.admin.views.pages.ordering import set_page_position
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.contrib.redirects.views import IndexView as RedirectIndexView
from wagtail.models import Page
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core.tabular import SafeSpreadsheetExportMixin


@require_admin_access
def set_position_of_a_child_page(request, page_to_move_id):
    page = get_object_or_404(Page, id=page_to_move_id)
    if page.is_root():
        return wagtail_home.default(request)  # raises Http404 (the admin's page)
    return set_page_position(request, page_to_move_id)


def _safe_export(view_class):
    return type(f"Safe{view_class.__name__}", (SafeSpreadsheetExportMixin, view_class), {})


# (path under /admin/, Wagtail's listing with an export): its page and its results.
EXPORTING_LISTINGS = (
    ("reports/locked/", LockedPagesView),
    ("reports/workflow/", WorkflowView),
    ("reports/workflow_tasks/", WorkflowTasksView),
    ("reports/site-history/", LogEntriesView),
    ("reports/aging-pages/", AgingPagesView),
    ("redirects/", RedirectIndexView),
)

urlpatterns = [
    path("failwhale/", wagtail_home.default),
    path("pages/<int:page_to_move_id>/set_position/", set_position_of_a_child_page),
]
for route, view_class in EXPORTING_LISTINGS:
    safe = _safe_export(view_class)
    urlpatterns += [
        path(route, require_admin_access(safe.as_view())),
        path(f"{route}results/", require_admin_access(safe.as_view(results_only=True))),
    ]
urlpatterns = decorate_urlpatterns(urlpatterns, display_custom_404)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
