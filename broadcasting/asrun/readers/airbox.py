"""PlayBox AirBox as-run logs (`2026_12_05_00_00_00_AsRun1.LOG`).

Tab-separated text, one played event a line. The columns assumed (1-based, as
traffic systems configure AirBox's log: time in 2, description in 4, clip id in 8)::

    1 date          "05.12.2026" or "2026-12-05" (may be empty: the file name's date)
    2 start time    "19:30:10", "19:30:10.120" or a timecode "19:30:10:03" (25 fps)
    3 event type    "Clip", "Live", "Logo"… (not used)
    4 description   the title
    5 duration      "00:00:30:00", "00:00:30.000" or seconds (empty: unknown)
    6 status        the automation's word ("Played", "Skipped", "Aborted"…)
    7 file          the clip's path (not used)
    8 clip id       the house code (BF1-000123), empty for programmes
    9+ ignored

A line with fewer than 4 columns, a comment (starting with "#", ";" or "//") or
a header (its time column says "Time"/"Heure") is not an event and is skipped
silently; an event line whose date or time cannot be read is reported.
Without a date column, times follow the file name's date and roll to the next
day when they go back by more than six hours (a log that crosses midnight)."""

from __future__ import annotations

import datetime as dt
import os
import re

from ..rows import ReadResult
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
    parse_time_of_day,
)

FILE_NAME = re.compile(
    r"(?P<y>\d{4})_(?P<m>\d{2})_(?P<d>\d{2})_\d{2}_\d{2}_\d{2}_AsRun\d*\.LOG$", re.IGNORECASE
)
TIME_LIKE = re.compile(r"^\d{1,2}:\d{2}:\d{2}(?:[.,:;]\d{1,3})?$")
HEADER_WORDS = frozenset({"time", "heure", "start", "start time", "heure de début"})
COMMENTS = ("#", ";", "//")
MIN_COLUMNS = 4
ROLLOVER = 6 * 3600


def date_from_name(filename: str) -> dt.date | None:
    """The date in an AirBox log's name, None when the name is not one."""
    match = FILE_NAME.search(os.path.basename(filename or ""))
    if not match:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def looks_like_airbox(text: str, filename: str = "") -> bool:
    """True for an AirBox log: its name, or most of its first lines being
    tab-separated with at least 8 columns and a clock time in the second."""
    if FILE_NAME.search(os.path.basename(filename or "")):
        return True
    lines = [
        line
        for line in text[:65536].splitlines()[:50]
        if line.strip() and not line.startswith(COMMENTS)
    ]
    if not lines:
        return False
    events = sum(1 for line in lines if _is_event_shape(line.split("\t")))
    return events >= max(1, len(lines) // 2)


def _is_event_shape(cells: list[str]) -> bool:
    return len(cells) >= 8 and bool(TIME_LIKE.match(cells[1].strip()))


def read_airbox(
    text: str, *, filename: str = "", zone: dt.tzinfo, fps: float = DEFAULT_FPS
) -> ReadResult:
    sink = RowSink(zone)
    file_day = date_from_name(filename)
    day_offset = 0
    previous = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith(COMMENTS):
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        if len(cells) < MIN_COLUMNS or cells[1].lower() in HEADER_WORDS:
            continue
        cells += [""] * (8 - len(cells))
        try:
            seconds = parse_time_of_day(cells[1], fps)
        except ValueError:
            sink.problem(number, bad_time_message(cells[1]))
            continue
        if cells[0]:
            try:
                day = parse_date(cells[0])
            except ValueError:
                sink.problem(number, bad_date_message(cells[0]))
                continue
        elif file_day is not None:
            if previous is not None and seconds < previous - ROLLOVER:
                day_offset += 1
            previous = seconds
            day = file_day + dt.timedelta(days=day_offset)
        else:
            sink.problem(number, missing_date_message())
            continue
        duration = None
        if cells[4]:
            try:
                duration = parse_clock(cells[4], fps)
            except ValueError:
                sink.problem(number, bad_duration_message(cells[4]))
                continue
        sink.add(
            line=number,
            when=at_seconds(day, seconds),
            duration=duration,
            code=cells[7],
            title=cells[3],
            status=cells[5],
        )
    return sink.result("airbox")
