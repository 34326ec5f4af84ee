"""Uploaded files judged by their content, never by their name or the type the
browser declared: the one sniffer of the project.

- `sniff_bytes` / `sniff_path` / `sniff_upload`: the format from the first bytes
  (videos, images, PDF, ZIP, OLE compound files and the other formats worth naming);
- `is_executable`: a program, whatever its name;
- `read_image`: what Pillow really reads in a picture (format and size);
- `zip_document` / `ole_document`: the Office or OpenDocument file a ZIP or an OLE
  file really holds, and whether it carries macros;
- `detect_document`: all of the above for a document upload (PDF, picture, Office).

Each caller keeps its own accepted types, limits and messages: spots
(`campaigns.media_checks`), coverage attachments (`editorial.attachment_checks`),
profile photos (`accounts.uploads`) and the campaign's authorisation document."""

from .documents import Detected, detect_document, refusal
from .images import ImageFacts, read_image
from .kinds import IMAGE_KINDS, PDF, VIDEO_KINDS, FileKind
from .names import display_name
from .office import OfficeDocument, ole_document, zip_document
from .signatures import (
    EXECUTABLE_SIGNATURES,
    IMAGE_FORMATS,
    OLE_MAGIC,
    VIDEO_CONTAINERS,
    ZIP_MAGIC,
    is_executable,
    read_head,
    sniff_bytes,
    sniff_path,
    sniff_upload,
)

__all__ = [
    "EXECUTABLE_SIGNATURES",
    "IMAGE_FORMATS",
    "IMAGE_KINDS",
    "OLE_MAGIC",
    "PDF",
    "VIDEO_CONTAINERS",
    "VIDEO_KINDS",
    "ZIP_MAGIC",
    "Detected",
    "FileKind",
    "ImageFacts",
    "OfficeDocument",
    "detect_document",
    "display_name",
    "is_executable",
    "ole_document",
    "read_head",
    "read_image",
    "refusal",
    "sniff_bytes",
    "sniff_path",
    "sniff_upload",
    "zip_document",
]
