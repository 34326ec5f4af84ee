"""Checks the attachments of a coverage request by their bytes, never by their
name or the type the browser declared.

Accepted: PDF; JPEG, PNG and WebP pictures (opened with Pillow); Office documents
(docx, xlsx, pptx: a ZIP holding `[Content_Types].xml` with the main part of a
document, a workbook or a presentation; doc, xls, ppt: an OLE compound file
holding a Word, Excel or PowerPoint stream) and OpenDocument files (odt, ods,
odp). Documents with macros are refused, and so is anything else: a program
renamed .pdf (`MZ`, `\\x7fELF`...) first of all.

Each file gets the extension of what it really is when it is stored, so that it
is never served as something else (accounts/media_views.py picks the type from
the name)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
MAX_IMAGE_PIXELS = 40_000_000
# The largest `[Content_Types].xml` read from an Office file (it is a few KB).
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EXECUTABLE_SIGNATURES = (
    b"MZ",  # Windows (PE, DOS)
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # macOS (Mach-O)
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # macOS universal binary, Java class
    b"#!",  # script
)


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str


PDF = FileKind("pdf", "application/pdf")
IMAGE_KINDS = {
    "JPEG": FileKind("jpg", "image/jpeg"),
    "PNG": FileKind("png", "image/png"),
    "WEBP": FileKind("webp", "image/webp"),
}
# Main content types of [Content_Types].xml (OOXML) and the kind they make.
OOXML_KINDS = (
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        FileKind(
            "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        ),
    ),
)
ODF_KINDS = {
    "application/vnd.oasis.opendocument.text": FileKind(
        "odt", "application/vnd.oasis.opendocument.text"
    ),
    "application/vnd.oasis.opendocument.spreadsheet": FileKind(
        "ods", "application/vnd.oasis.opendocument.spreadsheet"
    ),
    "application/vnd.oasis.opendocument.presentation": FileKind(
        "odp", "application/vnd.oasis.opendocument.presentation"
    ),
}


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


# Names of the streams of an OLE file (UTF-16 in its directory) and the kind
# they make; "Book" is the stream of Excel 5/95 workbooks.
OLE_KINDS = (
    (_utf16("WordDocument"), FileKind("doc", "application/msword")),
    (_utf16("Workbook"), FileKind("xls", "application/vnd.ms-excel")),
    (_utf16("Book\x00"), FileKind("xls", "application/vnd.ms-excel")),
    (_utf16("PowerPoint Document"), FileKind("ppt", "application/vnd.ms-powerpoint")),
)
OLE_MACROS = _utf16("_VBA_PROJECT")


class Refused(Exception):
    """One file is refused: `reason` says why, in a sentence naming the file."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def display_name(upload) -> str:
    """The file's name as the user chose it (no folder, at most 80 characters)."""
    name = str(getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = name.strip() or _("(no name)")
    return name if len(name) <= 80 else f"{name[:77]}…"


def _read_head(upload, size: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _image_kind(upload) -> FileKind | None:
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        upload.seek(0)
    if image_format not in IMAGE_KINDS or width * height > MAX_IMAGE_PIXELS:
        return None
    return IMAGE_KINDS[image_format]


def _zip_kind(upload, name: str) -> FileKind | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if infos and infos[0].filename == "mimetype" and infos[0].file_size <= 100:
                mimetype = archive.read(infos[0]).decode("ascii", "replace").strip()
                return ODF_KINDS.get(mimetype)
            content_types = archive.getinfo("[Content_Types].xml")
            if content_types.file_size > MAX_CONTENT_TYPES_BYTES:
                return None
            declared = archive.read(content_types).decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, NotImplementedError):
        return None
    finally:
        upload.seek(0)
    if "macroEnabled" in declared or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise Refused(
            _("“%(name)s” contains macros: save it without macros (docx, xlsx, pptx) or as a PDF.")
            % {"name": name}
        )
    for main_type, kind in OOXML_KINDS:
        if main_type in declared:
            return kind
    return None


def _ole_kind(upload, name: str) -> FileKind | None:
    """Look for the names of the Word, Excel or PowerPoint streams in the file
    (read by chunks that overlap, so that no name is cut in two)."""
    found: FileKind | None = None
    overlap = 64
    tail = b""
    upload.seek(0)
    try:
        while chunk := upload.read(1024 * 1024):
            window = tail + chunk
            if OLE_MACROS in window:
                raise Refused(
                    _(
                        "“%(name)s” contains macros: save it without macros "
                        "(docx, xlsx, pptx) or as a PDF."
                    )
                    % {"name": name}
                )
            if found is None:
                found = next((kind for stream, kind in OLE_KINDS if stream in window), None)
            tail = window[-overlap:]
    finally:
        upload.seek(0)
    return found


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
    head = _read_head(upload)
    if head.startswith(EXECUTABLE_SIGNATURES):
        raise Refused(
            _("“%(name)s” is a program, not a document: it is refused whatever its name.")
            % {"name": name}
        )
    kind: FileKind | None = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")) or (
        head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    ):
        kind = _image_kind(upload)
    elif head.startswith(ZIP_MAGIC):
        kind = _zip_kind(upload, name)
    elif head.startswith(OLE_MAGIC):
        kind = _ole_kind(upload, name)
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
