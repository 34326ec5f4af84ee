"""Uploading a spot to a campaign: the page, the chunked JSON API its script
uses, and a plain multipart form for browsers without JavaScript.

Every endpoint is for the campaign's advertiser only (`campaign_for_user`: any
other company's campaign answers 404) and for a campaign that still accepts
spots. A chunked upload belongs to one user and one campaign. Finishing checks
the file by its content (`media_checks.inspect_spot`), stores it when it passes
(`spot_storage.store_spot`) and always removes the temporary upload."""

from __future__ import annotations

import contextlib
import json
import os
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import role_required
from accounts.roles import Role
from core.numbers import parse_int

from .. import chunked_upload, media_checks
from ..exceptions import CampaignError
from ..models import Spot
from ..selectors import campaign_for_user
from ..services import SPOT_UPLOAD_STATUSES
from ..spot_storage import store_spot

CHUNK_SIZE = 5 * 1024 * 1024
# Largest file the form without JavaScript takes (the whole request is read first).
FORM_MAX_BYTES = 50 * 1000 * 1000
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}


def _owner(request, campaign) -> str:
    return f"{request.user.pk}:{campaign.pk}"


def _max_size(kind: str) -> int:
    if kind == "image":
        return settings.SPOT_IMAGE_MAX_BYTES
    return settings.SPOT_VIDEO_MAX_BYTES


def _guess_kind(filename: str, kind: str | None) -> str:
    if kind in ("video", "image"):
        return kind
    ext = os.path.splitext(filename or "")[1].lower()
    return "image" if ext in IMAGE_EXTENSIONS else "video"


def _closed_message(campaign) -> str | None:
    if campaign.status in SPOT_UPLOAD_STATUSES:
        return None
    return _("This campaign is “%(status)s”: no spot can be added to it.") % {
        "status": campaign.get_status_display()
    }


def _error(message: str, *, status: int = 400, code: str = "invalid", **extra) -> JsonResponse:
    return JsonResponse({"ok": False, "error": message, "code": code, **extra}, status=status)


def _chunk_error(exc: chunked_upload.ChunkedUploadError) -> JsonResponse:
    status = {"not_found": 404, "wrong_offset": 409, "busy": 409}.get(exc.code, 400)
    extra = {"offset": exc.offset} if exc.offset is not None else {}
    return _error(str(exc), status=status, code=exc.code, **extra)


def _namespace(request) -> str:
    """Where these routes are included ("campaigns:spot_upload" or "spot_upload")."""
    match = getattr(request, "resolver_match", None)
    return match.namespace if match and match.namespace else "campaigns:spot_upload"


def _url(request, campaign, name: str) -> str:
    return reverse(f"{_namespace(request)}:{name}", kwargs={"uuid": campaign.uuid})


def _spot_url(request, campaign) -> str:
    try:
        return reverse("campaigns:detail", kwargs={"uuid": campaign.uuid})
    except NoReverseMatch:
        return _url(request, campaign, "page")


def _campaign(request, uuid):
    """The user's campaign (404 otherwise) and, when it no longer accepts spots,
    the reason."""
    campaign = campaign_for_user(request.user, uuid)
    return campaign, _closed_message(campaign)


def _check_and_store(request, campaign, path, filename, replaces=None):
    """(report, spot or None, error message or None) for a complete file."""
    report = media_checks.inspect_spot(
        path,
        declared_length=campaign.spot_length,
        max_video_size=settings.SPOT_VIDEO_MAX_BYTES,
        max_image_size=settings.SPOT_IMAGE_MAX_BYTES,
    )
    if not report.ok:
        return report, None, None
    try:
        spot = store_spot(
            campaign=campaign,
            user=request.user,
            path=path,
            filename=filename,
            report=report,
            replaces=replaces,
        )
    except CampaignError as exc:
        return report, None, str(exc)
    return report, spot, None


def _replaces(campaign, value) -> Spot | None | bool:
    """The spot named by `value` in this campaign; None when not given; False when
    it names no spot of this campaign."""
    if not value:
        return None
    try:
        # Checked before the query: PostgreSQL refuses a NUL byte in a parameter.
        key = UUID(str(value))
    except ValueError:
        return False
    spot = Spot.objects.filter(campaign=campaign, uuid=key).first()
    return spot if spot is not None else False


def _report_payload(report) -> dict:
    return report.as_dict()


# --- The page ---------------------------------------------------------------------
@role_required(Role.ADVERTISER)
@require_http_methods(["GET", "POST"])
def upload_page(request, uuid):
    campaign, closed = _campaign(request, uuid)
    context = {
        "campaign": campaign,
        "closed": closed,
        "chunk_size": CHUNK_SIZE,
        "start_url": _url(request, campaign, "start"),
        "base_url": _url(request, campaign, "page"),
        "form_max_mb": FORM_MAX_BYTES // 1_000_000,
        "video_max_mb": settings.SPOT_VIDEO_MAX_BYTES // 1_000_000,
        "image_max_mb": settings.SPOT_IMAGE_MAX_BYTES // 1_000_000,
        # in bytes, for the `fr_filesize` filter ("1 Go", not "1073 Mo")
        "form_max_bytes": FORM_MAX_BYTES,
        "video_max_bytes": settings.SPOT_VIDEO_MAX_BYTES,
        "image_max_bytes": settings.SPOT_IMAGE_MAX_BYTES,
        "refused_spots": [s for s in campaign.spots.all() if s.review_state == "refused"],
    }
    if request.method == "POST":
        return _form_upload(request, campaign, closed, context)
    return render(request, "campaigns/upload.html", context)


def _form_upload(request, campaign, closed, context):
    """The upload without JavaScript: one multipart POST, then the same checks."""
    errors: list[str] = []
    report = spot = error = None
    uploaded = request.FILES.get("file")
    replaces = _replaces(campaign, request.POST.get("replaces"))
    if closed:
        errors.append(closed)
    elif uploaded is None:
        errors.append(_("Choose a file to send."))
    elif replaces is False:
        errors.append(_("Only a refused spot of this campaign can be replaced."))
    elif uploaded.size > FORM_MAX_BYTES:
        errors.append(
            _(
                "Without JavaScript, files up to %(max)s MB can be sent. "
                "Turn JavaScript on to send a larger file."
            )
            % {"max": FORM_MAX_BYTES // 1_000_000}
        )
    else:
        kind = _guess_kind(uploaded.name, None)
        owner = _owner(request, campaign)
        session = None
        try:
            session = chunked_upload.start_upload(
                owner_id=owner,
                filename=uploaded.name,
                total_size=uploaded.size,
                max_size=max(_max_size(kind), _max_size("video")),
            )
            chunked_upload.append_chunk(
                upload_id=session.upload_id, owner_id=owner, offset=0, data=uploaded.chunks()
            )
            path = chunked_upload.finish(upload_id=session.upload_id, owner_id=owner)
            report, spot, error = _check_and_store(
                request, campaign, path, uploaded.name, replaces or None
            )
        except chunked_upload.ChunkedUploadError as exc:
            errors.append(str(exc))
        finally:
            if session is not None:
                with contextlib.suppress(chunked_upload.ChunkedUploadError):
                    chunked_upload.abort(upload_id=session.upload_id, owner_id=owner)
        if report is not None and not report.ok:
            errors.extend(report.errors)
        elif not errors and error:
            errors.append(error)
        elif spot is not None:
            messages.success(request, _("Your spot was received. It is awaiting review."))
            for warning in report.warnings:
                messages.warning(request, warning)
            return redirect(_spot_url(request, campaign))
    context.update({"errors": errors, "report": report})
    return render(request, "campaigns/upload.html", context, status=400)


# --- The chunked API ----------------------------------------------------------------
def _json_body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):  # "[[[[…" nested too deep
        return {}
    return data if isinstance(data, dict) else {}


@role_required(Role.ADVERTISER)
@require_http_methods(["POST"])
def start(request, uuid):
    campaign, closed = _campaign(request, uuid)
    if closed:
        return _error(closed, status=409, code="closed")
    data = _json_body(request)
    filename = str(data.get("filename") or "")
    size = data.get("size")
    if not filename or not isinstance(size, int) or isinstance(size, bool):
        return _error(_("Send the file's name and size."), code="invalid")
    kind = _guess_kind(filename, data.get("kind"))
    try:
        session = chunked_upload.start_upload(
            owner_id=_owner(request, campaign),
            filename=filename,
            total_size=size,
            max_size=_max_size(kind),
        )
    except chunked_upload.ChunkedUploadError as exc:
        return _chunk_error(exc)
    return JsonResponse(
        {
            "ok": True,
            "upload_id": session.upload_id,
            "chunk_size": CHUNK_SIZE,
            "start_url": _url(request, campaign, "start"),
            "base_url": _url(request, campaign, "page"),
            "received": 0,
            "size": session.total_size,
        },
        status=201,
    )


@role_required(Role.ADVERTISER)
@require_http_methods(["PUT", "POST"])
def chunk(request, uuid, upload_id):
    campaign, closed = _campaign(request, uuid)
    if closed:
        return _error(closed, status=409, code="closed")
    offset = parse_int(request.GET.get("offset", ""))
    if offset is None:
        return _error(_("Say at which byte this piece starts (offset)."), code="invalid")
    try:
        received = chunked_upload.append_chunk(
            upload_id=upload_id, owner_id=_owner(request, campaign), offset=offset, data=request
        )
    except chunked_upload.ChunkedUploadError as exc:
        return _chunk_error(exc)
    return JsonResponse({"ok": True, "received": received})


@role_required(Role.ADVERTISER)
@require_http_methods(["GET", "DELETE"])
def upload_status(request, uuid, upload_id):
    campaign, _closed = _campaign(request, uuid)
    owner = _owner(request, campaign)
    try:
        if request.method == "DELETE":
            chunked_upload.abort(upload_id=upload_id, owner_id=owner)
            return JsonResponse({"ok": True, "aborted": True})
        session = chunked_upload.get_upload(upload_id, owner)
        received = chunked_upload.status(upload_id, owner)
    except chunked_upload.ChunkedUploadError as exc:
        return _chunk_error(exc)
    return JsonResponse(
        {"ok": True, "received": received, "size": session.total_size, "state": session.state}
    )


@role_required(Role.ADVERTISER)
@require_http_methods(["POST"])
def abort(request, uuid, upload_id):
    campaign, _closed = _campaign(request, uuid)
    try:
        chunked_upload.abort(upload_id=upload_id, owner_id=_owner(request, campaign))
    except chunked_upload.ChunkedUploadError as exc:
        return _chunk_error(exc)
    return JsonResponse({"ok": True, "aborted": True})


@role_required(Role.ADVERTISER)
@require_http_methods(["POST"])
def finish(request, uuid, upload_id):
    campaign, closed = _campaign(request, uuid)
    owner = _owner(request, campaign)
    if closed:
        return _error(closed, status=409, code="closed")
    replaces = _replaces(campaign, _json_body(request).get("replaces"))
    if replaces is False:
        return _error(_("Only a refused spot of this campaign can be replaced."))
    try:
        session = chunked_upload.get_upload(upload_id, owner)
        path = chunked_upload.finish(upload_id=upload_id, owner_id=owner)
    except chunked_upload.ChunkedUploadError as exc:
        return _chunk_error(exc)
    try:
        report, spot, error = _check_and_store(
            request, campaign, path, session.filename, replaces or None
        )
    finally:
        with contextlib.suppress(chunked_upload.ChunkedUploadError):
            chunked_upload.abort(upload_id=upload_id, owner_id=owner)
    payload = {"ok": spot is not None, "report": _report_payload(report)}
    if spot is None:
        if error:
            payload["error"] = error
        else:
            payload["error"] = _("The file was refused:") + " " + " ".join(report.errors)
        return JsonResponse(payload, status=400)
    payload.update({"spot": str(spot.uuid), "spot_url": _spot_url(request, campaign)})
    return JsonResponse(payload, status=201)
