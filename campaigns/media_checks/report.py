"""The report of one spot file: what was measured, and the issues found.

Messages are stored as issues (a code and raw values) and rendered through gettext
when read, so a report saved as JSON shows in the reader's language."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop

from core.typography import file_size

ERROR = "error"
WARNING = "warning"

# code -> (level, English msgid). Values are formatted with the active locale.
MESSAGES: dict[str, tuple[str, str]] = {
    "empty": (ERROR, gettext_noop("The file is empty.")),
    "too_big": (
        ERROR,
        gettext_noop("The file weighs %(size_bytes)s, more than the %(max_bytes)s allowed."),
    ),
    "not_media": (
        ERROR,
        gettext_noop(
            "This file is not a video or an image (its content was checked, not its name)."
        ),
    ),
    "not_video": (
        ERROR,
        gettext_noop("This file is not a video: its content is %(found)s. Send an MP4 or MOV."),
    ),
    "not_image": (
        ERROR,
        gettext_noop("This file is not an image in JPEG, PNG or WebP: its content is %(found)s."),
    ),
    "wrong_container": (
        ERROR,
        gettext_noop("The video is in %(found)s format: send MP4 or MOV."),
    ),
    "unreadable": (
        ERROR,
        gettext_noop("The file cannot be read: it is damaged or incomplete (%(detail)s)."),
    ),
    "truncated": (
        ERROR,
        gettext_noop(
            "The file is incomplete (truncated): it ends before the end of its video. "
            "Send it again."
        ),
    ),
    "no_video": (ERROR, gettext_noop("The file contains no video stream.")),
    "duration_mismatch": (
        ERROR,
        gettext_noop(
            "The spot lasts %(duration)s s but %(declared)s s were declared "
            "(%(tolerance)s s tolerance)."
        ),
    ),
    "low_resolution": (
        ERROR,
        gettext_noop(
            "The resolution is %(width)sx%(height)s: at least %(min_width)sx%(min_height)s "
            "is required."
        ),
    ),
    "image_too_large": (
        ERROR,
        gettext_noop(
            "The image is %(width)sx%(height)s pixels, more than the %(max_mp)s megapixels allowed."
        ),
    ),
    "loudness": (
        WARNING,
        gettext_noop(
            "The integrated loudness is %(lufs)s LUFS: broadcast expects %(target)s LUFS "
            "(plus or minus %(tolerance)s LU)."
        ),
    ),
    "loudness_unmeasured": (
        WARNING,
        gettext_noop("The loudness of the sound track could not be measured."),
    ),
    "silent": (WARNING, gettext_noop("The sound track is silent.")),
    "no_audio": (WARNING, gettext_noop("The spot has no sound track.")),
    "frame_rate": (
        WARNING,
        gettext_noop("The frame rate is %(fps)s frames per second: broadcast uses %(target)s."),
    ),
    "aspect": (
        WARNING,
        gettext_noop("The picture is %(aspect)s, not 16:9: it may be shown with black bars."),
    ),
    "animated_image": (
        WARNING,
        gettext_noop("The image is animated: only its first frame will be shown."),
    ),
}


def _num(value: Any, places: int = 1) -> str:
    """A number for a message: at most `places` decimals, trailing zeros dropped,
    written the way the active language writes numbers (27.4 / 27,4)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int):
        return str(value)
    text = f"{value:.{places}f}".rstrip("0").rstrip(".") if places else f"{value:.0f}"
    if text in ("-0", ""):
        text = "0"
    return number_format(Decimal(text))


# Parameters shown with more than one decimal.
_PLACES = {"fps": 3, "target": 1}

# Reports saved before sizes were stored in bytes keep their message in MB.
_LEGACY_MESSAGES = {
    ("too_big", "max_mb"): gettext_noop(
        "The file weighs %(size_mb)s MB, more than the %(max_mb)s MB allowed."
    ),
}


def _param(key: str, value: Any) -> str:
    if key.endswith("_bytes"):
        return file_size(value)  # "1 Go", "1,2 Go"
    return _num(value, _PLACES.get(key, 1))


def render_issue(issue: dict[str, Any]) -> str:
    """The message of one issue, translated into the active language."""
    _level, msgid = MESSAGES[issue["code"]]
    raw = issue.get("params", {})
    for (code, key), legacy in _LEGACY_MESSAGES.items():
        if issue["code"] == code and key in raw:
            msgid = legacy
    params = {key: _param(key, value) for key, value in raw.items()}
    return gettext(msgid) % params if params else gettext(msgid)


@dataclass
class SpotReport:
    """What was measured in one file, and what is wrong with it.

    `issues` holds {"code", "level", "params"} dicts; `errors` and `warnings` render
    them in the active language. `as_dict()` is JSON-serialisable and
    `SpotReport.from_dict()` reads it back."""

    kind: str  # "video", "image" or "unknown"
    container: str | None = None  # mp4, mov, jpeg, png, webp; or what was found
    size_bytes: int = 0
    video_codec: str | None = None
    width: int | None = None
    height: int | None = None
    frame_rate: float | None = None
    frame_rate_text: str | None = None  # "25/1", "30000/1001"
    duration: float | None = None  # seconds
    declared_length: int | None = None
    has_audio: bool = False
    audio_codec: str | None = None
    loudness_lufs: float | None = None  # EBU R128 integrated loudness
    display_aspect: str | None = None  # "16:9", "4:3"
    issues: list[dict[str, Any]] = field(default_factory=list)

    # -- issues -------------------------------------------------------------
    def add(self, code: str, **params: Any) -> None:
        level = MESSAGES[code][0]
        self.issues.append({"code": code, "level": level, "params": params})

    def has(self, code: str) -> bool:
        return any(issue["code"] == code for issue in self.issues)

    def issue(self, code: str) -> dict[str, Any] | None:
        return next((issue for issue in self.issues if issue["code"] == code), None)

    @property
    def errors(self) -> list[str]:
        """Blocking problems, in the active language."""
        return [render_issue(i) for i in self.issues if i["level"] == ERROR]

    @property
    def warnings(self) -> list[str]:
        """Problems shown but not blocking, in the active language."""
        return [render_issue(i) for i in self.issues if i["level"] == WARNING]

    @property
    def error_codes(self) -> list[str]:
        return [i["code"] for i in self.issues if i["level"] == ERROR]

    @property
    def warning_codes(self) -> list[str]:
        return [i["code"] for i in self.issues if i["level"] == WARNING]

    @property
    def ok(self) -> bool:
        return not any(i["level"] == ERROR for i in self.issues)

    # -- serialisation ------------------------------------------------------
    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        data["errors"] = self.errors
        data["warnings"] = self.warnings
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SpotReport:
        names = set(cls.__dataclass_fields__)
        report = cls(**{k: v for k, v in data.items() if k in names})
        report.issues = [dict(i) for i in report.issues if i.get("code") in MESSAGES]
        return report
