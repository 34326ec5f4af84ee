"""What an accepted file is: its extension and its content type."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str


PDF = FileKind("pdf", "application/pdf")
# Pillow's format names of the pictures the project accepts.
IMAGE_KINDS = {
    "JPEG": FileKind("jpg", "image/jpeg"),
    "PNG": FileKind("png", "image/png"),
    "WEBP": FileKind("webp", "image/webp"),
}
# The video containers the project accepts (`signatures.VIDEO_CONTAINERS`).
VIDEO_KINDS = {
    "mp4": FileKind("mp4", "video/mp4"),
    "mov": FileKind("mov", "video/quicktime"),
}
