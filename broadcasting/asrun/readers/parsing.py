"""What every as-run reader shares: clock times, durations and SMPTE timecodes,
dates, time zones, the file's text encoding, and the sink that turns read values
into `AsRunRow`s (or `RowProblem`s for the rows it must skip)."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils.translation import gettext as _
from timecode import Timecode

from ..rows import AsRunFileError, AsRunRow, ReadResult, RowProblem

DEFAULT_FPS = 25
MAX_FPS = 300
FIRST_YEAR, LAST_YEAR = 2000, 2100
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d", "%Y%m%d", "%d/%m/%y")
DROP_FRAME_RATES = {29.97: "29.97", 59.94: "59.94"}

_SECONDS = re.compile(r"^\d+(?:[.,]\d+)?$")
_CLOCK = re.compile(
    r"^(?:(?P<h>\d{1,3}):)?(?P<m>\d{1,3}):(?P<s>\d{1,2})"
    r"(?:(?P<dec>[.,]\d{1,6})|(?P<sep>[:;])(?P<f>\d{1,2}))?$"
)
_ISO_DURATION = re.compile(r"^P(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+(?:[.,]\d+)?)S)?)$")
_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*(?P<sign>[+-])(?P<h>\d{1,2}):?(?P<m>\d{2})?$")


def parse_clock(text: str, fps: float = DEFAULT_FPS) -> float:
    """Seconds in "30", "30.04" (or "30,04"), "mm:ss", "hh:mm:ss", "hh:mm:ss.mmm",
    an SMPTE timecode "hh:mm:ss:ff" / "hh:mm:ss;ff" at `fps` (";" is drop frame at
    29.97 and 59.94) or an ISO 8601 duration "PT1M30S". The leading part may pass
    its usual bound (a broadcast day's "25:10:00", a long programme); a leading
    "-" makes it negative (for the caller to refuse). ValueError
    when the text is none of these."""
    value = (text or "").strip()
    if value.startswith("-") and len(value) > 1:
        return -parse_clock(value[1:], fps)
    if _SECONDS.match(value):
        return float(value.replace(",", "."))
    match = _CLOCK.match(value)
    if match:
        return _clock_seconds(match, value, fps)
    match = _ISO_DURATION.match(value.upper())
    if match and any(match.groups()):
        hours, minutes = int(match["h"] or 0), int(match["m"] or 0)
        return hours * 3600 + minutes * 60 + float((match["s"] or "0").replace(",", "."))
    raise ValueError(value)


def _clock_seconds(match: re.Match, value: str, fps: float) -> float:
    hours, minutes, seconds = int(match["h"] or 0), int(match["m"]), int(match["s"])
    if seconds >= 60 or (match["h"] is not None and minutes >= 60):
        raise ValueError(value)
    whole = hours * 3600 + minutes * 60 + seconds
    if match["dec"]:
        return whole + float("0" + match["dec"].replace(",", "."))
    if match["f"] is None:
        return float(whole)
    frames = int(match["f"])
    if not 1 <= fps <= MAX_FPS or frames >= math.ceil(fps):
        raise ValueError(value)
    rate = DROP_FRAME_RATES.get(round(fps, 2))
    if match["sep"] == ";" and rate:
        return (
            Timecode(rate, f"{hours:02d}:{minutes:02d}:{seconds:02d};{frames:02d}").frame_number
            * 1001
            / (round(fps) * 1000)
        )
    return whole + frames / fps


_HOURS_MINUTES = re.compile(r"^(?P<h>\d{1,2})[:hH](?P<m>\d{2})$")


def parse_time_of_day(text: str, fps: float = DEFAULT_FPS) -> float:
    """Seconds since midnight of a clock time: "19:30" or "19h30" (hours and
    minutes), "19:30:10", "19:30:10.250" or a timecode "19:30:10:12" at `fps`;
    hours may pass 24 (a broadcast day's "25:10:00"). ValueError otherwise
    (a bare number, a negative or ISO duration is no time of day)."""
    value = (text or "").strip()
    match = _HOURS_MINUTES.match(value)
    if match:
        if int(match["m"]) >= 60:
            raise ValueError(value)
        return int(match["h"]) * 3600 + int(match["m"]) * 60.0
    match = _CLOCK.match(value)
    if not match or match["h"] is None:
        raise ValueError(value)
    return _clock_seconds(match, value, fps)


def timecode_to_seconds(text: str, fps: float = DEFAULT_FPS) -> float:
    """The seconds of an SMPTE timecode "hh:mm:ss:ff" (or any `parse_clock` text)."""
    return parse_clock(text, fps)


def seconds_to_timecode(seconds: float, fps: int = DEFAULT_FPS) -> str:
    """ "hh:mm:ss:ff" for `seconds`, rounded to the nearest frame (non-drop)."""
    frames = round(seconds * fps)
    whole, frame = divmod(frames, fps)
    hours, rest = divmod(whole, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}:{frame:02d}"


@functools.lru_cache(maxsize=1024)
def parse_date(text: str, hint: str = "") -> dt.date:
    """A date written with `hint` (a strptime format) or one of the usual ways
    ("2026-12-05", "05/12/2026", "05.12.2026"...). ValueError otherwise.
    Cached: a month's file writes the same thirty dates again and again."""
    value = (text or "").strip()
    for fmt in ((hint,) if hint else ()) + DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def parse_moment(text: str, *, date_hint: str = "", fps: float = DEFAULT_FPS) -> dt.datetime:
    """A date and time in one text: ISO 8601 (with or without its offset, "Z"
    included) or a date and a clock time separated by a space or a "T". Naive when
    the text names no zone. ValueError otherwise."""
    value = (text or "").strip()
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        pass
    parts = re.split(r"[ T]+", value, maxsplit=1)
    if len(parts) != 2:
        raise ValueError(value)
    return at_seconds(parse_date(parts[0], date_hint), parse_time_of_day(parts[1], fps))


def at_seconds(day: dt.date, seconds: float) -> dt.datetime:
    """The naive moment `seconds` after the start of `day` (past 24 h: the next day).
    At the end of the calendar, the day's midnight (refused later as out of range)."""
    midnight = dt.datetime.combine(day, dt.time())
    try:
        return midnight + dt.timedelta(seconds=seconds)
    except OverflowError:
        return midnight


def default_zone(zone: dt.tzinfo | None = None) -> dt.tzinfo:
    """`zone`, else the station's zone (settings.TIME_ZONE)."""
    if zone is not None:
        return zone
    return ZoneInfo(getattr(settings, "TIME_ZONE", None) or "Africa/Ouagadougou")


def zone_named(text: str) -> dt.tzinfo | None:
    """The zone a file names: "Z"/"UTC", an offset "+01:00", or an IANA name;
    None when the text is empty or names no zone known here."""
    value = (text or "").strip()
    if not value:
        return None
    if value.upper() in {"Z", "UTC", "GMT"}:
        return dt.UTC
    match = _OFFSET.match(value.upper())
    if match:
        delta = dt.timedelta(hours=int(match["h"]), minutes=int(match["m"] or 0))
        return dt.timezone(-delta if match["sign"] == "-" else delta)
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def normalise_code(text: str) -> str:
    return (text or "").strip().upper()


def decode_text(data: bytes) -> str:
    """The file's text: UTF-16 when it starts with its byte order mark, else UTF-8
    (with or without BOM), else Windows-1252 (the usual encoding of files written
    on Windows), else Latin-1. A file that is not text at all is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise AsRunFileError(_("The as-run file’s text cannot be decoded.")) from None
    else:
        text = None
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if looks_binary(text):
        raise AsRunFileError(_("Unrecognised as-run file format: the file is not text."))
    return text


def looks_binary(text: str) -> bool:
    """True when the text holds NUL bytes or many control characters."""
    head = text[:65536]
    if "\x00" in head:
        return True
    controls = sum(1 for char in head if ord(char) < 32 and char not in "\t\r\n\f")
    return controls > max(8, len(head) // 100)


class RowSink:
    """Collects the rows of one file: each read row is checked (a date between
    2000 and 2100, no negative duration), made aware in the file's zone and
    converted to the station's, or set aside as a problem with its line."""

    def __init__(self, zone: dt.tzinfo):
        self.zone = zone
        self.rows: list[AsRunRow] = []
        self.problems: list[RowProblem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(RowProblem(line=line, message=str(message)))

    def add(
        self,
        *,
        line: int,
        when: dt.datetime,
        duration: float | None,
        code: str = "",
        title: str = "",
        status: str = "",
        channel: str = "",
        zone: dt.tzinfo | None = None,
    ) -> None:
        """Keep one row; `when` naive is read in `zone` (else the sink's zone)."""
        if not FIRST_YEAR <= when.year <= LAST_YEAR:
            self.problem(line, out_of_range_message(when))
            return
        if duration is not None and duration < 0:
            self.problem(
                line, _("Negative duration (%(value)s s): row skipped.") % {"value": duration}
            )
            return
        if when.tzinfo is None:
            when = when.replace(tzinfo=zone or self.zone)
        self.rows.append(
            AsRunRow(
                line=line,
                channel=(channel or "").strip(),
                aired_at=when.astimezone(self.zone),
                duration_seconds=float(duration or 0.0),
                house_code=normalise_code(code),
                title=(title or "").strip(),
                status=(status or "").strip().lower(),
            )
        )

    def result(self, format: str, *, message_id: str = "", channel: str = "") -> ReadResult:
        return ReadResult(
            format=format,
            rows=tuple(self.rows),
            problems=tuple(self.problems),
            message_id=message_id,
            channel=channel,
        )


def out_of_range_message(when: dt.datetime) -> str:
    return _("Date %(date)s outside the accepted years (%(first)s–%(last)s): row skipped.") % {
        "date": when.date().isoformat(),
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


def bad_time_message(value: str) -> str:
    return _("Unreadable time “%(value)s”: row skipped.") % {"value": value}


def bad_date_message(value: str) -> str:
    return _("Unreadable date “%(value)s”: row skipped.") % {"value": value}


def missing_date_message() -> str:
    return _("No date for this row (neither in the row nor in the file’s name): row skipped.")


def bad_duration_message(value: str) -> str:
    return _("Unreadable duration “%(value)s”: row skipped.") % {"value": value}
