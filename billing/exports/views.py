"""The journal export in the Wagtail admin: /admin/billing/journal/?start=&end=&format=csv|xlsx
(the commercial administrators and the accountants)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.permissions import admin_staff
from accounts.roles import Role

from .journal import csv_bytes, journal_rows, xlsx_bytes

MAX_DAYS = 366 * 2
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _bad(message: str) -> HttpResponse:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


@require_GET
def journal_export(request):
    if not admin_staff(request.user, Role.ADMINISTRATOR, Role.ACCOUNTANT):
        raise PermissionDenied
    start, end = _day(request.GET.get("start")), _day(request.GET.get("end"))
    if start is None or end is None:
        return _bad(_("Enter the start and end of the period as dates (YYYY-MM-DD)."))
    if end < start:
        return _bad(_("The end of the period is before its start."))
    if (end - start).days > MAX_DAYS:
        return _bad(_("The journal covers two years at most: choose a shorter period."))
    kind = request.GET.get("format", "csv")
    if kind not in ("csv", "xlsx"):
        return _bad(_("Choose the CSV or XLSX format."))
    rows = journal_rows(start, end)
    name = f"journal-{start:%Y%m%d}-{end:%Y%m%d}.{kind}"
    if kind == "xlsx":
        response = HttpResponse(xlsx_bytes(rows), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
