"""The Office or OpenDocument file that a ZIP or an OLE compound file really holds.

- docx, xlsx, pptx: a ZIP holding `[Content_Types].xml` with the main part of a
  document, a workbook or a presentation (macro-enabled variants are flagged);
- odt, ods, odp: a ZIP whose first entry, `mimetype`, names an OpenDocument type;
- doc, xls, ppt: an OLE compound file holding a Word, Excel or PowerPoint stream
  (a `_VBA_PROJECT` stream flags macros)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from .kinds import FileKind

# The largest `[Content_Types].xml` read from an Office file (it is a few KB).
MAX_CONTENT_TYPES_BYTES = 1024 * 1024

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


@dataclass(frozen=True)
class OfficeDocument:
    """What a ZIP or OLE file holds: its kind (None when it is no document the
    project knows) and whether it carries macros."""

    kind: FileKind | None
    macros: bool = False


UNKNOWN = OfficeDocument(kind=None)


def zip_document(upload) -> OfficeDocument:
    """The OOXML or OpenDocument file in a ZIP (an open file, left at its start)."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if infos and infos[0].filename == "mimetype" and infos[0].file_size <= 100:
                mimetype = archive.read(infos[0]).decode("ascii", "replace").strip()
                return OfficeDocument(kind=ODF_KINDS.get(mimetype))
            content_types = archive.getinfo("[Content_Types].xml")
            if content_types.file_size > MAX_CONTENT_TYPES_BYTES:
                return UNKNOWN
            declared = archive.read(content_types).decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, NotImplementedError):
        return UNKNOWN
    finally:
        upload.seek(0)
    if "macroEnabled" in declared or any(n.lower().endswith("vbaproject.bin") for n in names):
        return OfficeDocument(kind=None, macros=True)
    kind = next((kind for main_type, kind in OOXML_KINDS if main_type in declared), None)
    return OfficeDocument(kind=kind)


def ole_document(upload) -> OfficeDocument:
    """The Word, Excel or PowerPoint file in an OLE compound file: the names of their
    streams are looked for in the file, read by chunks that overlap so that no name
    is cut in two (an open file, left at its start)."""
    found: FileKind | None = None
    overlap = 64
    tail = b""
    upload.seek(0)
    try:
        while chunk := upload.read(1024 * 1024):
            window = tail + chunk
            if OLE_MACROS in window:
                return OfficeDocument(kind=None, macros=True)
            if found is None:
                found = next((kind for stream, kind in OLE_KINDS if stream in window), None)
            tail = window[-overlap:]
    finally:
        upload.seek(0)
    return OfficeDocument(kind=found)
