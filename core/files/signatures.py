"""The format of a file from its first bytes (its "magic"), never from its name."""

from __future__ import annotations

import os

# Enough bytes for every signature below, MPEG-TS included (a sync byte every 188).
HEAD_BYTES = 188 * 3 + 1
# The signatures proper are looked for in the first bytes only.
_SIGNATURE_BYTES = 64

VIDEO_CONTAINERS = ("mp4", "mov")
IMAGE_FORMATS = ("jpeg", "png", "webp")

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

_ISO_BOX_TYPES = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid"}
_QUICKTIME_BRANDS = {b"qt  "}
ISO_TOP_LEVEL_BOXES = frozenset(_ISO_BOX_TYPES | {b"moof", b"mfra", b"meta", b"sidx", b"styp"})


def sniff_bytes(data: bytes) -> str | None:
    """The format of a file from its first bytes (give `HEAD_BYTES` of them): mp4,
    mov, jpeg, png, webp, pdf, zip, ole (Office 97-2003 compound file), or the name
    of another known format (webm, avi, gif...), or None when unknown."""
    head = data[:_SIGNATURE_BYTES]
    if len(head) >= 12 and head[4:8] in _ISO_BOX_TYPES:
        if head[4:8] == b"ftyp":
            major = head[8:12]
            if major in _QUICKTIME_BRANDS:
                return "mov"
            if major.startswith((b"M4A", b"M4B", b"M4P")):
                return "m4a"
            if major in (b"heic", b"heix", b"mif1", b"msf1", b"avif"):
                return "heif"
            return "mp4"
        return "mov"  # old QuickTime files open on a moov/mdat/wide box
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "avi"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm" if b"webm" in head else "matroska"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"FLV"):
        return "flv"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"):
        return "asf"
    if head.startswith(b"\x00\x00\x01\xba"):
        return "mpeg-ps"
    # MPEG-TS: a sync byte every 188 bytes.
    if head[:1] == b"\x47" and len(data) > 376 and data[188] == 0x47 and data[376] == 0x47:
        return "mpeg-ts"
    if head.startswith((b"ID3", b"\xff\xfb", b"\xff\xf3")):
        return "mp3"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"BM"):
        return "bmp"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml", b"<svg")):
        return "html/xml"
    return None


def is_executable(data: bytes) -> bool:
    """Whether the first bytes are those of a program or a script."""
    return data.startswith(EXECUTABLE_SIGNATURES)


def read_head(upload, size: int = HEAD_BYTES) -> bytes:
    """The first `size` bytes of an open file (an upload), left at its start."""
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def sniff_path(path: str | os.PathLike) -> str | None:
    """`sniff_bytes` of a file on disk."""
    with open(path, "rb") as handle:
        return sniff_bytes(handle.read(HEAD_BYTES))


def sniff_upload(upload) -> str | None:
    """`sniff_bytes` of an open file (an upload), left at its start."""
    return sniff_bytes(read_head(upload))
