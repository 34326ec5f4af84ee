"""Serving a private billing file (a PDF, a certificate) as a download, never
inline and never kept by a shared cache: one helper for the admin and the client area."""

from __future__ import annotations

import mimetypes

from django.http import FileResponse, Http404


def serve_file(field_file, filename: str) -> FileResponse:
    """`field_file` downloaded as `filename` plus the stored file's extension."""
    if not field_file or not field_file.name:
        raise Http404
    try:
        handle = field_file.open("rb")
    except OSError as exc:  # missing from the storage
        raise Http404 from exc
    extension = field_file.name.rsplit(".", 1)[-1].lower() if "." in field_file.name else "bin"
    content_type = mimetypes.guess_type(f"x.{extension}")[0] or "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=f"{filename}.{extension}", content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
