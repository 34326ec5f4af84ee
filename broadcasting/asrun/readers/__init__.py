"""As-run file readers: one module per format, and `read_asrun`, which tells the
format from the content and returns normalised rows.

- XML whose root is `BxfMessage` -> BXF (`bxf.py`); root `AsRun`, `EtereAsRun`
  or `AsRunLog` -> Etere (`etere.py`); any other root is refused;
- a mapping given -> CSV (`csv_reader.py`);
- a file named like `2026_12_05_00_00_00_AsRun1.LOG`, or tab-separated lines
  shaped like AirBox's -> AirBox (`airbox.py`);
- a CSV whose header names a date and a time -> CSV with the guessed mapping;
- anything else is refused.

A whole file is refused with `AsRunFileError` (its message in the user's
language); a bad row only becomes a `RowProblem` and the reading goes on."""

from __future__ import annotations

import datetime as dt
import os
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from core.typography import file_size

from ..rows import AsRunFileError, AsRunRow, ReadResult, RowProblem
from .airbox import looks_like_airbox, read_airbox
from .bxf import BxfDialect
from .csv_reader import CsvMapping, header_of, read_csv
from .etere import ROOTS as ETERE_ROOTS
from .etere import EtereDialect
from .parsing import (
    DEFAULT_FPS,
    decode_text,
    default_zone,
    parse_clock,
    parse_time_of_day,
    seconds_to_timecode,
    timecode_to_seconds,
)
from .xml_stream import stream

DEFAULT_MAX_BYTES = 50 * 1000 * 1000
FORMATS = ("bxf", "airbox", "etere", "csv")

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "AsRunFileError",
    "AsRunRow",
    "CsvMapping",
    "ReadResult",
    "RowProblem",
    "max_bytes_allowed",
    "parse_clock",
    "parse_time_of_day",
    "read_asrun",
    "read_asrun_file",
    "seconds_to_timecode",
    "timecode_to_seconds",
]


def max_bytes_allowed() -> int:
    """settings.ASRUN_MAX_BYTES, else 50 MB."""
    return int(getattr(settings, "ASRUN_MAX_BYTES", DEFAULT_MAX_BYTES) or DEFAULT_MAX_BYTES)


def too_large(size: int, limit: int) -> AsRunFileError:
    return AsRunFileError(
        _("The as-run file is too large (%(size)s; at most %(limit)s).")
        % {"size": file_size(size), "limit": file_size(limit)}
    )


def read_asrun_file(
    fileobj: BinaryIO,
    *,
    filename: str = "",
    mapping: CsvMapping | None = None,
    zone: dt.tzinfo | None = None,
    max_bytes: int | None = None,
    fps: float = DEFAULT_FPS,
) -> ReadResult:
    """`read_asrun` on an open binary file (an upload, a file of the inbox):
    a file over the limit is refused from its declared size, or after reading
    one byte past the limit, never read whole."""
    limit = max_bytes if max_bytes is not None else max_bytes_allowed()
    declared = getattr(fileobj, "size", None)
    if isinstance(declared, int) and declared > limit:
        raise too_large(declared, limit)
    data = fileobj.read(limit + 1)
    if len(data) > limit:
        raise too_large(declared if isinstance(declared, int) else len(data), limit)
    name = filename or os.path.basename(str(getattr(fileobj, "name", "") or ""))
    return read_asrun(data, filename=name, mapping=mapping, zone=zone, max_bytes=limit, fps=fps)


def read_asrun(
    data: bytes,
    *,
    filename: str = "",
    mapping: CsvMapping | None = None,
    zone: dt.tzinfo | None = None,
    max_bytes: int | None = None,
    fps: float = DEFAULT_FPS,
) -> ReadResult:
    """The rows of an as-run file, its format told from its content. `zone`: the
    zone of times the file writes without one (default: settings.TIME_ZONE);
    every `aired_at` is returned in it. `max_bytes`: default
    settings.ASRUN_MAX_BYTES, else 50 MB. `fps`: for AirBox and BXF timecodes
    (a CSV uses its mapping's). Raises AsRunFileError when the whole file is refused."""
    limit = max_bytes if max_bytes is not None else max_bytes_allowed()
    if len(data) > limit:
        raise too_large(len(data), limit)
    if not data.strip():
        raise AsRunFileError(_("The as-run file is empty."))
    zone = default_zone(zone)
    if _is_xml(data):
        return _read_xml(data, zone=zone, fps=fps)
    if mapping is not None and mapping.encoding:
        try:
            text = data.decode(mapping.encoding)
        except (LookupError, UnicodeDecodeError):
            raise AsRunFileError(
                _("The file cannot be read in the encoding “%(encoding)s” of its mapping.")
                % {"encoding": mapping.encoding}
            ) from None
    else:
        text = decode_text(data)
    if mapping is not None:
        return read_csv(text, mapping=mapping, zone=zone)
    if looks_like_airbox(text, filename):
        return read_airbox(text, filename=filename, zone=zone, fps=fps)
    if CsvMapping.guess(header_of(text)) is not None:
        return read_csv(text, mapping=None, zone=zone)
    raise AsRunFileError(
        _(
            "Unrecognised as-run file format: %(name)s is neither BXF, Etere, AirBox "
            "nor a CSV with a mapping."
        )
        % {"name": _("“%(name)s”") % {"name": filename} if filename else _("the file")}
    )


def _is_xml(data: bytes) -> bool:
    head = data[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


def _read_xml(data: bytes, *, zone: dt.tzinfo, fps: float) -> ReadResult:
    def choose(root: str, attrs: dict[str, str]):
        if root == "BxfMessage":
            return BxfDialect(attrs, zone=zone, fps=fps)
        if root.lower() in ETERE_ROOTS:
            return EtereDialect(attrs, zone=zone)
        raise AsRunFileError(
            _(
                "Unrecognised as-run file format: an XML file whose root is “%(root)s” "
                "(BXF or Etere expected)."
            )
            % {"root": root}
        )

    return stream(data, choose).result()
