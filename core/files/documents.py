"""What a document upload really is: a PDF, a picture, an Office or OpenDocument
file, a program, or nothing the project accepts."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .images import read_image
from .kinds import IMAGE_KINDS, PDF, FileKind
from .office import ole_document, zip_document
from .signatures import IMAGE_FORMATS, is_executable, read_head, sniff_bytes


@dataclass(frozen=True)
class Detected:
    """`kind` is None when the file is no document the project accepts; then
    `executable` or `macros` may say why."""

    kind: FileKind | None
    executable: bool = False
    macros: bool = False


def detect_document(upload, *, max_image_pixels: int) -> Detected:
    """Look at an open file (an upload, left at its start): a program first of all,
    then a PDF, a JPEG/PNG/WebP picture that Pillow reads (at most
    `max_image_pixels`), an Office document (OOXML, OpenDocument, OLE)."""
    head = read_head(upload)
    if is_executable(head):
        return Detected(kind=None, executable=True)
    found = sniff_bytes(head)
    if found == "pdf":
        return Detected(kind=PDF)
    if found in IMAGE_FORMATS:
        facts = read_image(upload)
        if facts is None or facts.format not in IMAGE_KINDS or facts.pixels > max_image_pixels:
            return Detected(kind=None)
        return Detected(kind=IMAGE_KINDS[facts.format])
    if found in ("zip", "ole"):
        document = zip_document(upload) if found == "zip" else ole_document(upload)
        return Detected(kind=document.kind, macros=document.macros)
    return Detected(kind=None)


def refusal(detected: Detected, name: str) -> str:
    """Why a document `name` is refused whatever the caller accepts (a program, or
    macros), in a sentence naming the file; "" when neither."""
    if detected.executable:
        return _("“%(name)s” is a program, not a document: it is refused whatever its name.") % {
            "name": name
        }
    if detected.macros:
        return _(
            "“%(name)s” contains macros: save it without macros (docx, xlsx, pptx) or as a PDF."
        ) % {"name": name}
    return ""
