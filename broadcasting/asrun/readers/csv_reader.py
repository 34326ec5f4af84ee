"""Any as-run exported as CSV, read through a column mapping saved per source.

A column is named by its header (compared without case, accents or extra
spaces) or by its number, counted from 1 as a spreadsheet user counts (an int,
or a text of digits such as "3"). The separator (";", ",", tab or "|") and the
encoding (UTF-8 with or without BOM, else Windows-1252) are detected unless the
mapping sets them. Times and durations may be seconds ("30", "30,04"), "mm:ss",
"hh:mm:ss" or SMPTE timecodes "hh:mm:ss:ff" at the mapping's fps (25 by default).
Without a mapping, a file whose header names a date and a time (or a date-time)
in French or English is read with the mapping `CsvMapping.guess` finds."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..rows import AsRunFileError, ReadResult
from .parsing import (
    DEFAULT_FPS,
    RowSink,
    at_seconds,
    bad_date_message,
    bad_duration_message,
    bad_time_message,
    missing_date_message,
    parse_clock,
    parse_date,
    parse_moment,
    parse_time_of_day,
)

Column = str | int | None
SEPARATORS = ";,\t|"
FIELDS = ("datetime", "date", "time", "duration", "code", "title", "channel", "status")
ALIASES = {
    "datetime": (
        "datetime",
        "date time",
        "date/heure",
        "date et heure",
        "aired at",
        "diffuse le",
        "actual start",
    ),
    "date": ("date", "jour", "air date", "date de diffusion", "broadcast date"),
    "time": (
        "time",
        "heure",
        "start",
        "start time",
        "heure de diffusion",
        "heure de debut",
        "on air",
    ),
    "duration": ("duration", "duree", "length", "dur", "duree reelle", "actual duration"),
    "code": (
        "house code",
        "code",
        "code maison",
        "house number",
        "clip id",
        "asset code",
        "cart",
        "id",
    ),
    "title": ("title", "titre", "description", "name", "nom", "libelle"),
    "channel": ("channel", "chaine", "station"),
    "status": ("status", "statut", "etat", "state"),
}


def normalise(name: str) -> str:
    """ "  Durée  réelle " -> "duree reelle"."""
    decomposed = unicodedata.normalize("NFKD", str(name or ""))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.lower().replace("_", " ").split())


@dataclass(frozen=True)
class CsvMapping:
    """Where each value sits in a CSV as-run. `date` + `time`, or `datetime`, is
    required; the other columns are optional. `header`: None to guess (a header
    is assumed when a column is named). `separator`/`encoding`: '' to detect."""

    date: Column = None
    time: Column = None
    duration: Column = None
    code: Column = None
    title: Column = None
    datetime: Column = None
    channel: Column = None
    status: Column = None
    date_format: str = ""
    fps: float = DEFAULT_FPS
    header: bool | None = None
    separator: str = ""
    encoding: str = ""

    @classmethod
    def guess(cls, header: Sequence[str]) -> CsvMapping | None:
        """The mapping a header row names, None when it names no date and time."""
        names = [normalise(cell) for cell in header]
        found: dict[str, str] = {}
        for field in FIELDS:
            for alias in ALIASES[field]:
                if alias in names and header[names.index(alias)] not in found.values():
                    found[field] = header[names.index(alias)]
                    break
        if "datetime" not in found and not {"date", "time"} <= found.keys():
            return None
        return cls(**found, header=True)

    def named(self) -> bool:
        return any(
            isinstance(getattr(self, field), str) and not _is_number(getattr(self, field))
            for field in FIELDS
        )


def _is_number(column: Column) -> bool:
    return isinstance(column, int) or (isinstance(column, str) and column.strip().isdigit())


def detect_separator(text: str) -> str:
    """The separator of a CSV text: csv.Sniffer on its start, else the candidate
    found the same number of times (and most often) on its first lines."""
    sample = text[:16384]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
        if found in SEPARATORS:
            return found
    except csv.Error:
        pass
    lines = [line for line in sample.splitlines()[:20] if line.strip()]
    best, best_count = ",", 0
    for candidate in SEPARATORS:
        counts = {line.count(candidate) for line in lines}
        if len(counts) == 1 and (count := counts.pop()) > best_count:
            best, best_count = candidate, count
    return best


def header_of(text: str, separator: str = "") -> list[str]:
    """The first row of a CSV text (for guessing a mapping); [] when unreadable."""
    rows = csv.reader(
        io.StringIO(text[:16384], newline=""), delimiter=separator or detect_separator(text)
    )
    try:
        return [cell.strip() for cell in next(rows, [])]
    except csv.Error:
        return []


class _Columns:
    """The mapping's columns as 0-based positions in this file."""

    def __init__(self, mapping: CsvMapping, header: list[str] | None):
        normalised = [normalise(cell) for cell in header or ()]
        self.positions: dict[str, int | None] = {}
        for field in FIELDS:
            column = getattr(mapping, field)
            if column is None or column == "":
                self.positions[field] = None
            elif _is_number(column):
                self.positions[field] = int(column) - 1
            elif normalise(column) in normalised:
                self.positions[field] = normalised.index(normalise(column))
            else:
                raise AsRunFileError(
                    _(
                        "Column “%(name)s” of the mapping is not in the file "
                        "(its columns: %(columns)s)."
                    )
                    % {"name": column, "columns": ", ".join(header or ()) or "—"}
                )
        if self.positions["datetime"] is None and None in (
            self.positions["date"],
            self.positions["time"],
        ):
            raise AsRunFileError(
                _("The CSV mapping needs a date and a time column, or a date-time column.")
            )

    def value(self, cells: list[str], field: str) -> str:
        position = self.positions[field]
        return (
            cells[position].strip() if position is not None and 0 <= position < len(cells) else ""
        )


def read_csv(text: str, *, mapping: CsvMapping | None, zone: dt.tzinfo) -> ReadResult:
    chosen = mapping.separator if mapping else ""
    separator = chosen if len(chosen) == 1 else detect_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    sink = RowSink(zone)
    try:
        if mapping is None:
            mapping = CsvMapping.guess(header_of(text, separator))
            if mapping is None:
                raise AsRunFileError(
                    _("Unrecognised as-run file format: a CSV file needs a column mapping.")
                )
        has_header = mapping.header if mapping.header is not None else mapping.named()
        header = next(reader, None) if has_header else None
        columns = _Columns(mapping, header)
        _read_rows(reader, columns, mapping, sink, has_header=has_header)
    except csv.Error:
        raise AsRunFileError(
            _("Unreadable CSV file near line %(line)s.") % {"line": max(reader.line_num, 1)}
        ) from None
    return sink.result("csv")


def _read_rows(reader, columns: _Columns, mapping: CsvMapping, sink: RowSink, *, has_header):
    line = reader.line_num
    first = not has_header
    for cells in reader:
        number, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        when = _moment(
            cells, columns, mapping, number, sink, quiet=first and mapping.header is None
        )
        first = False
        if when is None:
            continue
        duration = None
        if raw := columns.value(cells, "duration"):
            try:
                duration = parse_clock(raw, mapping.fps)
            except ValueError:
                sink.problem(number, bad_duration_message(raw))
                continue
        sink.add(
            line=number,
            when=when,
            duration=duration,
            code=columns.value(cells, "code"),
            title=columns.value(cells, "title"),
            status=columns.value(cells, "status"),
            channel=columns.value(cells, "channel"),
        )


def _moment(
    cells, columns: _Columns, mapping: CsvMapping, number: int, sink: RowSink, *, quiet: bool
):
    """The row's moment, or None after noting a problem (none for an unannounced
    header: the first row of a file mapped by numbers, when its time is no time)."""
    if columns.positions["datetime"] is not None:
        raw = columns.value(cells, "datetime")
        try:
            return parse_moment(raw, date_hint=mapping.date_format, fps=mapping.fps)
        except ValueError:
            if not quiet:
                sink.problem(number, bad_time_message(raw))
            return None
    raw_time, raw_date = columns.value(cells, "time"), columns.value(cells, "date")
    try:
        seconds = parse_time_of_day(raw_time, mapping.fps)
    except ValueError:
        if not quiet:
            sink.problem(number, bad_time_message(raw_time))
        return None
    if not raw_date:
        sink.problem(number, missing_date_message())
        return None
    try:
        return at_seconds(parse_date(raw_date, mapping.date_format), seconds)
    except ValueError:
        sink.problem(number, bad_date_message(raw_date))
        return None
