"""Uploaded files under MEDIA_URL, served with a permission check.

In production nginx serves public image renditions (`images/`) straight from the
disk; every other `/media/...` request reaches this view, which asks
`accounts.media_access` who may read the file (see
docs/decisions/0005-private-media.md).

Whoever may not read a file gets the same 404 as for a file that does not exist, so
the answer never reveals that a file is there. When `PRIVATE_MEDIA_ACCEL_REDIRECT`
names an nginx `internal` location and the storage is the local disk, nginx sends the
bytes (X-Accel-Redirect: byte ranges for video seeking, sendfile); otherwise Django
streams the file from the storage (local disk or S3)."""

from __future__ import annotations

import mimetypes
import os
import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from ..media_access import Access, media_access, normalise_media_path

# Types a browser may show inline; any other file (HTML, SVG, office files...) is
# sent as a download so that it never runs as a page of our origin.
INLINE_TYPE_PREFIXES = ("video/", "audio/")
INLINE_TYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/avif",
    "application/pdf",
}
PUBLIC_MAX_AGE = 60 * 60
# A shared cache (a CDN) keeps a public file a minute only: a file stops being
# public when its page is unpublished or an advertiser withdraws consent for a
# story's video, and nothing can purge a copy held elsewhere.
PUBLIC_SHARED_MAX_AGE = 60
PRIVATE_MAX_AGE = 60 * 60


def _local_path(path: str) -> str | None:
    try:
        return default_storage.path(path)
    except NotImplementedError:  # remote storage (S3)
        return None


def _is_file(path: str) -> bool:
    local = _local_path(path)
    if local is not None:
        return os.path.isfile(local)
    return default_storage.exists(path)


def _file_response(path: str, filename: str, as_attachment: bool, content_type: str):
    accel_prefix = getattr(settings, "PRIVATE_MEDIA_ACCEL_REDIRECT", "")
    if accel_prefix and _local_path(path) is not None:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{accel_prefix.rstrip('/')}/{quote(path)}"
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
        return response
    try:
        handle = default_storage.open(path, "rb")
    except OSError as exc:  # a folder, or a file gone since the check
        raise Http404 from exc
    return FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type=content_type
    )


@require_safe
def serve_private_media(request, path: str):
    """Serve `MEDIA_URL + path` to whoever may read it; 404 to everyone else."""
    path = normalise_media_path(path)
    if path is None:
        raise Http404
    access = media_access(request.user, path)
    if access is Access.DENIED or not _is_file(path):
        raise Http404
    filename = posixpath.basename(path)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    inline = content_type in INLINE_TYPES or content_type.startswith(INLINE_TYPE_PREFIXES)
    response = _file_response(path, filename, not inline, content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if access is Access.PUBLIC:
        patch_cache_control(
            response, public=True, max_age=PUBLIC_MAX_AGE, s_maxage=PUBLIC_SHARED_MAX_AGE
        )
    else:
        patch_cache_control(response, private=True, max_age=PRIVATE_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
    return response
