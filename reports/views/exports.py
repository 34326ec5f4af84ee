"""The report exports and the page of a long export's job.

- `/reports/export/` (XLSX), `/reports/export/pdf/`, `/reports/export/csv/`,
  with the query string of the screen (`start`, `end`, the filters and
  `dataset`: overview, airings or campaigns). The same people as the overview:
  the commercial administrators (everything) and the advertisers (their own
  company's figures only: the advertiser is forced, `?advertiser=` ignored);
  other roles get a 403, visitors the login page.
- A small export is written to a temporary file and sent at once; one of more
  than `REPORTS_SYNC_EXPORT_MAX_ROWS` lines becomes an `ExportJob` and the
  browser goes to its page, `/reports/jobs/<uuid>/`, which shows the progress
  (WebSocket, with `status/` polled as a fallback) and offers the file when it
  is ready (`download/`). A job is its requester's only: anyone else gets a 404.
- A failed job (an error, or a worker that died: reports/sweeper.py) shows
  its reason and a "Relancer" button: a POST to `relaunch/` (CSRF, the
  requester only) starts a new job with the same parameters, within the
  requester's own scope, and the browser goes to the new job's page.
- When openpyxl or reportlab is missing on the server, a French page names
  the package (503) instead of an error 500."""

from __future__ import annotations

import tempfile
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import is_campaign_staff
from accounts.roles import Role, has_role
from core.errors import DomainError

from .. import services
from ..exports import CONTENT_TYPES, Export, MissingDependency, check_dependency
from ..models import ExportJob


def report_audience(user):
    """The advertiser an export is limited to: None for the commercial staff
    (every figure), the user's company for an advertiser. PermissionDenied for
    anyone else (the overview's rule, reports/views/overview.py)."""
    if is_campaign_staff(user):
        return None
    if has_role(user, Role.ADVERTISER) and user.advertiser_id is not None:
        return user.advertiser
    raise PermissionDenied


def sync_max_rows() -> int:
    return getattr(settings, "REPORTS_SYNC_EXPORT_MAX_ROWS", 10_000)


def _missing(request, exc: MissingDependency):
    return render(
        request,
        "reports/exports/missing_dependency.html",
        {"message": exc.message, "package": exc.package, "format": exc.fmt.upper()},
        status=503,
    )


def _export(request, fmt: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    advertiser = report_audience(request.user)
    try:
        check_dependency(fmt)
        export = Export.from_params(request.GET, fmt=fmt, advertiser=advertiser)
        rows = export.row_count()
        if rows > sync_max_rows():
            job = services.start(export=export, requester=request.user, row_count=rows)
            return redirect("reports:export_job", uuid=job.uuid)
        scratch = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the FileResponse
        try:
            export.write(scratch)
        except BaseException:
            scratch.close()
            raise
    except MissingDependency as exc:
        return _missing(request, exc)
    scratch.seek(0)
    response = FileResponse(
        scratch,
        as_attachment=True,
        filename=export.file_name(),
        content_type=CONTENT_TYPES[fmt],
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def export_xlsx(request):
    return _export(request, "xlsx")


@require_GET
def export_pdf(request):
    return _export(request, "pdf")


@require_GET
def export_csv(request):
    return _export(request, "csv")


# --- Jobs ------------------------------------------------------------------------------
def _own_job(request, uuid) -> ExportJob:
    """The signed-in user's job; 404 for anyone else's or an unknown one."""
    return get_object_or_404(ExportJob, uuid=uuid, requester=request.user)


def _signed_in(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        report_audience(request.user)  # the same people as the exports (403 otherwise)
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@_signed_in
def export_job(request, uuid):
    job = _own_job(request, uuid)
    export = Export.from_params(job.params, fmt=job.format, advertiser=job.advertiser)
    return render(
        request,
        "reports/exports/job.html",
        {"job": job, "state": services.state(job), "heading": export.heading()},
    )


@require_GET
@_signed_in
def export_job_status(request, uuid):
    job = _own_job(request, uuid)
    response = JsonResponse(services.state(job))
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@_signed_in
def export_job_download(request, uuid):
    job = _own_job(request, uuid)
    handle = services.file_of(job)
    if handle is None:
        raise Http404
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=job.file_name,
        content_type=CONTENT_TYPES.get(job.format, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@_signed_in
def export_job_relaunch(request, uuid):
    job = _own_job(request, uuid)
    try:
        check_dependency(job.format)
        new = services.relaunch(
            job=job, requester=request.user, advertiser=report_audience(request.user)
        )
    except MissingDependency as exc:
        return _missing(request, exc)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("reports:export_job", uuid=job.uuid)
    return redirect("reports:export_job", uuid=new.uuid)
