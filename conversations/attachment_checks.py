"""Checks the files attached to a message by their bytes, never by their name or
the type the browser declared (`core.files`, the project's one sniffer, tells
what a file is; this module keeps the conversations' types, limits and messages).

Accepted: PDF; JPEG, PNG and WebP pictures; Office and OpenDocument files without
macros; and, where video is allowed (a thread about a spot or an airing, a
problem report), MP4 and QuickTime videos. At most 5 files per message, 20 MB
each (200 MB for a video). Each file is stored under a random name with the
extension of what it really is (accounts/views/media.py picks the type from it)."""

from __future__ import annotations

from collections.abc import Iterable

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.files import (
    VIDEO_CONTAINERS,
    VIDEO_KINDS,
    FileKind,
    detect_document,
    display_name,
    refusal,
    sniff_upload,
)

MAX_ATTACHMENTS = 5
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_VIDEO_BYTES = 200 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000


class Refused(Exception):
    """One file is refused: `reason` says why, in a sentence naming the file."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _too_large(name: str, size: int, limit: int) -> Refused:
    return Refused(
        _("“%(name)s” is too large (%(size)s): this file may weigh %(limit)s MB at most.")
        % {"name": name, "size": filesizeformat(size), "limit": limit // (1024 * 1024)}
    )


def identify(upload, *, allow_video: bool = False) -> FileKind:
    """What the file really is, or `Refused` with a message naming it."""
    name = display_name(upload)
    size = getattr(upload, "size", None) or 0
    if size <= 0:
        raise Refused(_("“%(name)s” is empty.") % {"name": name})
    if size > (MAX_VIDEO_BYTES if allow_video else MAX_FILE_BYTES):
        raise _too_large(name, size, MAX_VIDEO_BYTES if allow_video else MAX_FILE_BYTES)
    if allow_video:
        container = sniff_upload(upload)
        if container in VIDEO_CONTAINERS:
            return VIDEO_KINDS[container]
    if size > MAX_FILE_BYTES:
        raise _too_large(name, size, MAX_FILE_BYTES)
    detected = detect_document(upload, max_image_pixels=MAX_IMAGE_PIXELS)
    reason = refusal(detected, name)
    if reason:
        raise Refused(reason)
    if detected.kind is None:
        if allow_video:
            message = _(
                "“%(name)s” is not a file we accept: send a PDF, a JPEG, PNG or WebP picture, "
                "an Office document (Word, Excel, PowerPoint) or an MP4 or MOV video."
            )
        else:
            message = _(
                "“%(name)s” is not a document we accept: send a PDF, a JPEG, PNG or WebP "
                "picture, or an Office document (Word, Excel, PowerPoint)."
            )
        raise Refused(message % {"name": name})
    return detected.kind


def check_attachments(
    uploads: Iterable, *, allow_video: bool = False
) -> tuple[list[tuple[object, FileKind]], list[str]]:
    """Check every file: ([(upload, kind)...] of the accepted ones, [messages]).
    More than MAX_ATTACHMENTS files are refused as a whole."""
    uploads = [upload for upload in uploads if upload is not None]
    if len(uploads) > MAX_ATTACHMENTS:
        return [], [
            _("You may attach %(limit)s files at most (you sent %(count)s).")
            % {"limit": MAX_ATTACHMENTS, "count": len(uploads)}
        ]
    accepted, errors = [], []
    for upload in uploads:
        try:
            accepted.append((upload, identify(upload, allow_video=allow_video)))
        except Refused as refused:
            errors.append(refused.reason)
    return accepted, errors
