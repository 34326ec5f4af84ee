"""Technical checks of an advertising spot, by its content and never by its name.

`inspect_video()` and `inspect_image()` read a file already on disk (a finished
chunked upload) and return a `SpotReport`: the facts a broadcaster needs (container,
codec, resolution, frame rate, duration, audio, EBU R128 loudness) plus the blocking
errors and the non-blocking warnings. `inspect_spot()` picks the right one from the
file's magic bytes. `extract_poster()` returns a JPEG still for previews.

Memory stays bounded whatever the file size: the container is demuxed packet by
packet, frames are decoded one at a time, and the loudness is measured by FFmpeg's
`ebur128` filter fed frame by frame (no numpy, nothing accumulated).

Messages are stored as issues (a code and raw values) and rendered through gettext
when read, so a report saved as JSON shows in the reader's language. Blocking issues
come from the rules of issue 4: not a real video/image, unreadable or truncated, no
video stream, a duration more than 0.5 s away from the declared length, a resolution
below 1280x720; warnings: loudness outside -23 LUFS +/- 2, a frame rate other than 25
fps, a shape other than 16:9.
"""

from __future__ import annotations

import io
import math
import os
import warnings
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop

# Broadcast rules (issue 4).
MIN_WIDTH = 1280
MIN_HEIGHT = 720
DURATION_TOLERANCE_S = 0.5
TARGET_LOUDNESS_LUFS = -23.0
LOUDNESS_TOLERANCE_LU = 2.0
TARGET_FPS = 25.0
FPS_TOLERANCE = 0.01
TARGET_ASPECT = Fraction(16, 9)
ASPECT_TOLERANCE = 0.01
# Seconds decoded at the end of a video, to catch a cut or damaged tail.
TAIL_DECODE_S = 2.0
# Above this many pixels an image is refused before being decoded (8K UHD fits).
MAX_IMAGE_PIXELS = 40_000_000
# Below this the ebur128 filter reports silence (its absolute gate).
SILENCE_LUFS = -70.0

VIDEO_CONTAINERS = ("mp4", "mov")
IMAGE_FORMATS = ("jpeg", "png", "webp")

ERROR = "error"
WARNING = "warning"

# code -> (level, English msgid). Values are formatted with the active locale.
MESSAGES: dict[str, tuple[str, str]] = {
    "empty": (ERROR, gettext_noop("The file is empty.")),
    "too_big": (
        ERROR,
        gettext_noop("The file weighs %(size_mb)s MB, more than the %(max_mb)s MB allowed."),
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


def render_issue(issue: dict[str, Any]) -> str:
    """The message of one issue, translated into the active language."""
    _level, msgid = MESSAGES[issue["code"]]
    params = {
        key: _num(value, _PLACES.get(key, 1)) for key, value in issue.get("params", {}).items()
    }
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


# ---------------------------------------------------------------------------
# Content sniffing
# ---------------------------------------------------------------------------

_ISO_BOX_TYPES = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid"}
_QUICKTIME_BRANDS = {b"qt  "}
_ISO_TOP_LEVEL_BOXES = _ISO_BOX_TYPES | {b"moof", b"mfra", b"meta", b"sidx", b"styp"}


def sniff(path: str | os.PathLike) -> str | None:
    """The format of a file from its first bytes: mp4, mov, jpeg, png, webp, or the
    name of another known format (webm, avi, ...), or None when unknown."""
    with open(path, "rb") as handle:
        head = handle.read(64)
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
    if head[:1] == b"\x47":
        # MPEG-TS: a sync byte every 188 bytes.
        with open(path, "rb") as handle:
            probe = handle.read(188 * 3 + 1)
        if len(probe) > 376 and probe[188] == 0x47 and probe[376] == 0x47:
            return "mpeg-ts"
    if head.startswith((b"ID3", b"\xff\xfb", b"\xff\xf3")):
        return "mp3"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"BM"):
        return "bmp"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml", b"<svg")):
        return "html/xml"
    return None


def _found_label(found: str | None) -> str:
    if found is None:
        return gettext("unknown")
    return found.upper()


def _iso_boxes_complete(path: Path, size: int) -> bool:
    """Whether the top-level boxes of an MP4/MOV file fit in the file. A file cut
    short has a last box (usually mdat) that claims more bytes than remain."""
    position = 0
    with open(path, "rb") as handle:
        while position < size:
            handle.seek(position)
            header = handle.read(16)
            if len(header) < 8:
                return True  # a few trailing bytes: no box cut there
            box_size = int.from_bytes(header[:4], "big")
            if box_size == 1:
                if len(header) < 16:
                    return False
                box_size = int.from_bytes(header[8:16], "big")
            elif box_size == 0:
                return True  # the box runs to the end of the file
            if box_size < 8:
                return header[4:8] not in _ISO_TOP_LEVEL_BOXES
            if position + box_size > size:
                # A cut file: the box holding the media or its index runs past the
                # end. Junk that is no box at all (trailing bytes) is tolerated.
                return header[4:8] not in _ISO_TOP_LEVEL_BOXES
            position += box_size
    return True


# ---------------------------------------------------------------------------
# Video
# ---------------------------------------------------------------------------


def _fraction_text(rate: Fraction | None) -> str | None:
    if rate is None:
        return None
    rate = Fraction(rate)
    return f"{rate.numerator}/{rate.denominator}"


def _aspect(width: int, height: int, sar: Fraction | None) -> Fraction:
    ratio = Fraction(width, height)
    if sar is not None and sar > 0:
        ratio *= Fraction(sar)
    return ratio


def _aspect_text(ratio: Fraction) -> str:
    for known in (Fraction(16, 9), Fraction(4, 3), Fraction(21, 9), Fraction(1, 1)):
        if abs(float(ratio - known)) < ASPECT_TOLERANCE:
            return f"{known.numerator}:{known.denominator}"
    limited = ratio.limit_denominator(100)
    if abs(float(limited - ratio)) < 0.005:
        return f"{limited.numerator}:{limited.denominator}"
    return f"{float(ratio):.2f}:1"


def _check_size(report: SpotReport, max_size: int | None) -> None:
    if max_size is not None and report.size_bytes > max_size:
        report.add(
            "too_big",
            size_mb=report.size_bytes / 1_000_000,
            max_mb=max_size / 1_000_000,
        )


def _error_detail(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
    return str(text)[:120]


class _Loudness:
    """EBU R128 integrated loudness through FFmpeg's ebur128 filter, fed one
    decoded audio frame at a time."""

    def __init__(self, stream) -> None:
        import av.filter

        self.graph = av.filter.Graph()
        source = self.graph.add_abuffer(template=stream)
        resample = self.graph.add("aresample", "48000")
        meter = self.graph.add("ebur128", "metadata=1")
        sink = self.graph.add("abuffersink")
        source.link_to(resample)
        resample.link_to(meter)
        meter.link_to(sink)
        self.graph.configure()
        self.value: float | None = None

    def push(self, frame) -> None:
        self.graph.push(frame)
        self._drain()

    def close(self) -> float | None:
        self.graph.push(None)
        self._drain()
        return self.value

    def _drain(self) -> None:
        import av

        while True:
            try:
                frame = self.graph.pull()
            except (av.BlockingIOError, av.EOFError):
                return
            measured = frame.metadata.get("lavfi.r128.I")
            if measured is not None:
                self.value = float(measured)


class _DamagedError(Exception):
    """A packet or frame that FFmpeg flagged as corrupt."""


def _open_video(path: Path):
    import av

    # The demuxer is forced: FFmpeg never guesses a format (no playlist or concat
    # file can make it read another file) and follows no external reference.
    return av.open(str(path), mode="r", format="mov", options={"enable_drefs": "0"})


def inspect_video(
    path: str | os.PathLike,
    *,
    declared_length: int | float,
    max_size: int | None = None,
    full_decode: bool = False,
) -> SpotReport:
    """Check a video spot. `declared_length` is the spot length booked, in seconds.
    The whole container is demuxed; the last seconds are decoded (everything when
    `full_decode`) so that a cut or damaged file is caught."""
    path = Path(path)
    report = SpotReport(kind="video", declared_length=declared_length)
    report.size_bytes = path.stat().st_size
    if report.size_bytes == 0:
        report.add("empty")
        return report
    _check_size(report, max_size)
    found = sniff(path)
    report.container = found
    if found in IMAGE_FORMATS or found in ("gif", "bmp", "tiff", "heif"):
        report.kind = "image"
        report.add("not_video", found=_found_label(found))
        return report
    if found in ("webm", "matroska", "avi", "flv", "asf", "mpeg-ps", "mpeg-ts", "ogg"):
        report.add("wrong_container", found=_found_label(found))
        return report
    if found not in VIDEO_CONTAINERS:
        report.kind = "unknown"
        report.add("not_video", found=_found_label(found))
        return report
    if not _iso_boxes_complete(path, report.size_bytes):
        report.add("truncated")
        # Still try to read the header for the report; errors are already set.
    try:
        _read_video(path, report, full_decode=full_decode)
    except Exception as exc:  # noqa: BLE001 - any FFmpeg failure means unreadable
        if not report.has("truncated"):
            report.add("unreadable", detail=_error_detail(exc))
        return report
    _video_rules(report, declared_length)
    return report


def _read_video(path: Path, report: SpotReport, *, full_decode: bool) -> None:
    import av

    with _open_video(path) as container:
        if not container.streams.video:
            report.add("no_video")
            return
        video = container.streams.video[0]
        audio = container.streams.audio[0] if container.streams.audio else None
        context = video.codec_context
        report.video_codec = context.name
        report.width = context.width
        report.height = context.height
        rate = video.average_rate or video.guessed_rate or video.base_rate
        if rate:
            report.frame_rate = round(float(rate), 3)
            report.frame_rate_text = _fraction_text(rate)
        if report.width and report.height:
            sar = video.sample_aspect_ratio
            report.display_aspect = _aspect_text(_aspect(report.width, report.height, sar))
        header_duration = None
        if video.duration and video.time_base:
            header_duration = float(video.duration * video.time_base)
        elif container.duration:
            header_duration = container.duration / av.time_base
        report.has_audio = audio is not None
        if audio is not None:
            report.audio_codec = audio.codec_context.name

        video.thread_type = "AUTO"
        meter = None
        if audio is not None:
            try:
                meter = _Loudness(audio)
            except Exception:  # noqa: BLE001 - the report says it was not measured
                meter = None
        start = None
        end = None
        packets = 0
        wanted = [video] + ([audio] if audio is not None else [])
        for packet in container.demux(wanted):
            if packet.size == 0 and packet.pts is None:
                continue  # flush packet
            if packet.is_corrupt:
                raise _DamagedError("corrupt packet")
            if packet.stream is video:
                packets += 1
                if packet.pts is not None:
                    begin = float(packet.pts * packet.time_base)
                    finish = float((packet.pts + (packet.duration or 0)) * packet.time_base)
                    start = begin if start is None else min(start, begin)
                    end = finish if end is None else max(end, finish)
                if full_decode:
                    for frame in packet.decode():
                        if frame.is_corrupt:
                            raise _DamagedError("corrupt frame")
            elif meter is not None:
                try:
                    for frame in packet.decode():
                        meter.push(frame)
                except av.FFmpegError:
                    meter = None  # a damaged sound track: say so, keep checking
                    report.add("loudness_unmeasured")
        if packets == 0:
            if not report.has("truncated"):
                report.add("truncated")
            return
        if meter is not None:
            try:
                value = meter.close()
            except av.FFmpegError:
                value = None
            if value is None:
                report.add("loudness_unmeasured")
            elif value <= SILENCE_LUFS:
                report.add("silent")
            else:
                report.loudness_lufs = round(value, 1)
        elif audio is None:
            report.add("no_audio")

        measured = (end - start) if end is not None and start is not None else None
        report.duration = round(measured if measured else (header_duration or 0.0), 3)
        expected_frames = video.frames or 0
        if not report.has("truncated") and (
            (expected_frames and packets < expected_frames)
            or (header_duration and measured is not None and measured < header_duration - 0.1)
        ):
            report.add("truncated")

    if not full_decode and not report.has("truncated"):
        _decode_tail(path, report)


def _decode_tail(path: Path, report: SpotReport) -> None:
    """Decode the last seconds of the video: a damaged end fails here."""

    with _open_video(path) as container:
        video = container.streams.video[0]
        video.thread_type = "AUTO"
        target = max(0.0, (report.duration or 0.0) - TAIL_DECODE_S)
        if target > 0 and video.time_base:
            container.seek(int(target / video.time_base), stream=video, backward=True)
        decoded = 0
        for frame in container.decode(video):
            if frame.is_corrupt:
                raise _DamagedError("corrupt frame")
            decoded += 1
        if decoded == 0:
            raise _DamagedError("no frame could be decoded")


def _video_rules(report: SpotReport, declared_length: int | float) -> None:
    if report.has("no_video") or report.has("truncated"):
        return
    if report.duration is not None and abs(report.duration - declared_length) > (
        DURATION_TOLERANCE_S
    ):
        report.add(
            "duration_mismatch",
            duration=report.duration,
            declared=declared_length,
            tolerance=DURATION_TOLERANCE_S,
        )
    _resolution_rule(report)
    if report.loudness_lufs is not None and (
        abs(report.loudness_lufs - TARGET_LOUDNESS_LUFS) > LOUDNESS_TOLERANCE_LU
    ):
        report.add(
            "loudness",
            lufs=report.loudness_lufs,
            target=TARGET_LOUDNESS_LUFS,
            tolerance=LOUDNESS_TOLERANCE_LU,
        )
    if report.frame_rate is not None and abs(report.frame_rate - TARGET_FPS) > FPS_TOLERANCE:
        report.add("frame_rate", fps=report.frame_rate, target=TARGET_FPS)
    _aspect_rule(report)


def _resolution_rule(report: SpotReport) -> None:
    if report.width is None or report.height is None:
        return
    if report.width < MIN_WIDTH or report.height < MIN_HEIGHT:
        report.add(
            "low_resolution",
            width=report.width,
            height=report.height,
            min_width=MIN_WIDTH,
            min_height=MIN_HEIGHT,
        )


def _aspect_rule(report: SpotReport) -> None:
    if report.display_aspect and report.display_aspect != "16:9":
        report.add("aspect", aspect=report.display_aspect)


# ---------------------------------------------------------------------------
# Image
# ---------------------------------------------------------------------------

_PIL_FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}


def inspect_image(path: str | os.PathLike, *, max_size: int | None = None) -> SpotReport:
    """Check an image spot (JPEG, PNG or WebP) with Pillow: header, integrity
    (`verify()` then a full decode), size in pixels capped before decoding."""
    from PIL import Image

    path = Path(path)
    report = SpotReport(kind="image")
    report.size_bytes = path.stat().st_size
    if report.size_bytes == 0:
        report.add("empty")
        return report
    _check_size(report, max_size)
    found = sniff(path)
    report.container = found
    if found not in IMAGE_FORMATS:
        report.kind = "video" if found in VIDEO_CONTAINERS else "unknown"
        report.add("not_image", found=_found_label(found))
        return report
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=list(_PIL_FORMATS)) as image:
                report.container = _PIL_FORMATS.get(image.format or "", found)
                report.width, report.height = image.size
                if report.width * report.height > MAX_IMAGE_PIXELS:
                    report.add(
                        "image_too_large",
                        width=report.width,
                        height=report.height,
                        max_mp=MAX_IMAGE_PIXELS / 1_000_000,
                    )
                    return report
                if getattr(image, "n_frames", 1) > 1:
                    report.add("animated_image")
                image.verify()
            # verify() leaves the image unusable: reopen to decode every pixel,
            # which catches a truncated file that verify() lets through.
            with Image.open(path, formats=list(_PIL_FORMATS)) as image:
                image.load()
    except Exception as exc:  # noqa: BLE001 - any decoder failure means unreadable
        report.add("unreadable", detail=_error_detail(exc))
        return report
    report.display_aspect = _aspect_text(Fraction(report.width, report.height))
    _resolution_rule(report)
    _aspect_rule(report)
    return report


def inspect_spot(
    path: str | os.PathLike,
    *,
    declared_length: int | float,
    max_video_size: int | None = None,
    max_image_size: int | None = None,
) -> SpotReport:
    """Check a file whatever it holds: a video or an image, chosen from its
    content. Anything else is refused as "not a video or an image"."""
    path = Path(path)
    if path.stat().st_size == 0:
        report = SpotReport(kind="unknown")
        report.add("empty")
        return report
    found = sniff(path)
    if found in IMAGE_FORMATS:
        return inspect_image(path, max_size=max_image_size)
    if found in VIDEO_CONTAINERS or found in (
        "webm",
        "matroska",
        "avi",
        "flv",
        "asf",
        "mpeg-ps",
        "mpeg-ts",
        "ogg",
    ):
        return inspect_video(path, declared_length=declared_length, max_size=max_video_size)
    report = SpotReport(kind="unknown", container=found, size_bytes=path.stat().st_size)
    report.add("not_media")
    return report


# ---------------------------------------------------------------------------
# Poster
# ---------------------------------------------------------------------------


def extract_poster(
    path: str | os.PathLike, *, at: float = 1.0, max_width: int = 1280, quality: int = 85
) -> bytes:
    """A JPEG of one frame: at `at` seconds, or the middle of a clip shorter than
    twice that. The picture keeps its display shape (pixel aspect applied) and is
    at most `max_width` wide. Raises ValueError when no frame can be decoded."""
    from PIL import Image

    path = Path(path)
    found = sniff(path)
    if found not in VIDEO_CONTAINERS:
        raise ValueError("not an MP4 or MOV file")
    with _open_video(path) as container:
        if not container.streams.video:
            raise ValueError("no video stream")
        video = container.streams.video[0]
        video.thread_type = "AUTO"
        duration = None
        if video.duration and video.time_base:
            duration = float(video.duration * video.time_base)
        elif container.duration:
            duration = container.duration / 1_000_000
        target = at if duration is None or duration >= 2 * at else (duration or 0) / 2
        if target > 0 and video.time_base:
            container.seek(int(target / video.time_base), stream=video, backward=True)
        chosen = None
        for frame in container.decode(video):
            chosen = frame
            if frame.time is None or frame.time >= target - 1e-3:
                break
        if chosen is None:
            raise ValueError("no frame could be decoded")
        image = chosen.to_image()
        sar = video.sample_aspect_ratio
    if sar is not None and sar > 0 and sar != 1:
        image = image.resize((max(1, math.floor(image.width * float(sar))), image.height))
    if image.width > max_width:
        height = max(1, round(image.height * max_width / image.width))
        image = image.resize((max_width, height), Image.Resampling.LANCZOS)
    if image.mode != "RGB":
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()
