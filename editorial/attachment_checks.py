"""Checks the attachments of a coverage request by their bytes, never by their
name or the type the browser declared (`core.files` tells what a file is; this
module keeps the coverage desk's types, limits and messages).

Accepted: PDF; JPEG, PNG and WebP pictures (opened with Pillow); Office documents
(docx, xlsx, pptx: a ZIP holding `[Content_Types].xml` with the main part of a
document, a workbook or a presentation; doc, xls, ppt: an OLE compound file
holding a Word, Excel or PowerPoint stream) and OpenDocument files (odt, ods,
odp). Documents with macros are refused, and so is anything else: a program
renamed .pdf (`MZ`, `\\x7fELF`...) first of all.

Each file gets the extension of what it really is when it is stored, so that it
is never served as something else (accounts/views/media.py picks the type from
the name)."""

from __future__ import annotations

from collections.abc import Iterable

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.files import (
    EXECUTABLE_SIGNATURES,
    IMAGE_KINDS,
    OLE_MAGIC,
    PDF,
    ZIP_MAGIC,
    FileKind,
    detect_document,
    display_name,
    refusal,
)

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
MAX_IMAGE_PIXELS = 40_000_000

__all__ = [
    "EXECUTABLE_SIGNATURES",
    "IMAGE_KINDS",
    "MAX_ATTACHMENTS",
    "MAX_ATTACHMENT_BYTES",
    "MAX_IMAGE_PIXELS",
    "OLE_MAGIC",
    "PDF",
    "ZIP_MAGIC",
    "FileKind",
    "Refused",
    "check_attachments",
    "display_name",
    "identify",
]


class Refused(Exception):
    """One file is refused: `reason` says why, in a sentence naming the file."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def identify(upload) -> FileKind:
    """What the file really is, or `Refused` with a message naming it."""
    name = display_name(upload)
    size = getattr(upload, "size", None) or 0
    if size <= 0:
        raise Refused(_("“%(name)s” is empty.") % {"name": name})
    if size > MAX_ATTACHMENT_BYTES:
        raise Refused(
            _("“%(name)s” is too large (%(size)s): each file may weigh %(limit)s MB at most.")
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": MAX_ATTACHMENT_BYTES // (1024 * 1024),
            }
        )
    detected = detect_document(upload, max_image_pixels=MAX_IMAGE_PIXELS)
    reason = refusal(detected, name)
    if reason:
        raise Refused(reason)
    kind = detected.kind
    if kind is None:
        raise Refused(
            _(
                "“%(name)s” is not a document we accept: send a PDF, a JPEG, PNG or WebP "
                "picture, or an Office document (Word, Excel, PowerPoint)."
            )
            % {"name": name}
        )
    return kind


def check_attachments(uploads: Iterable) -> tuple[list[tuple[object, FileKind]], list[str]]:
    """Check every file: ([(upload, kind)...] of the accepted ones, [messages]).
    A request with more than MAX_ATTACHMENTS files is refused as a whole."""
    uploads = [upload for upload in uploads if upload is not None]
    if len(uploads) > MAX_ATTACHMENTS:
        return [], [
            _("You may attach %(limit)s files at most (you sent %(count)s).")
            % {"limit": MAX_ATTACHMENTS, "count": len(uploads)}
        ]
    accepted, errors = [], []
    for upload in uploads:
        try:
            accepted.append((upload, identify(upload)))
        except Refused as refused:
            errors.append(refused.reason)
    return accepted, errors
