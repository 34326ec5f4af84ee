"""Technical checks of an advertising spot, by its content and never by its name.

`inspect_video()` (video.py) and `inspect_image()` (image.py) read a file already
on disk (a finished chunked upload) and return a `SpotReport` (report.py): the facts
a broadcaster needs (container, codec, resolution, frame rate, duration, audio, EBU
R128 loudness) plus the blocking errors and the non-blocking warnings of the
broadcast rules (rules.py). `inspect_spot()` (spot.py) picks the right one from the
file's magic bytes (`core.files`). `extract_poster()` (poster.py) returns a JPEG
still for previews.

Blocking issues come from the rules of issue 4: not a real video/image, unreadable
or truncated, no video stream, a duration more than 0.5 s away from the declared
length, a resolution below 1280x720; warnings: loudness outside -23 LUFS +/- 2, a
frame rate other than 25 fps, a shape other than 16:9."""

from core.files import IMAGE_FORMATS, VIDEO_CONTAINERS
from core.files import sniff_path as sniff

from .image import inspect_image
from .poster import extract_poster
from .report import ERROR, MESSAGES, WARNING, SpotReport, render_issue
from .rules import (
    ASPECT_TOLERANCE,
    DURATION_TOLERANCE_S,
    FPS_TOLERANCE,
    LOUDNESS_TOLERANCE_LU,
    MIN_HEIGHT,
    MIN_WIDTH,
    TARGET_ASPECT,
    TARGET_FPS,
    TARGET_LOUDNESS_LUFS,
)
from .spot import inspect_spot
from .video import SILENCE_LUFS, TAIL_DECODE_S, inspect_video

__all__ = [
    "ASPECT_TOLERANCE",
    "DURATION_TOLERANCE_S",
    "ERROR",
    "FPS_TOLERANCE",
    "IMAGE_FORMATS",
    "LOUDNESS_TOLERANCE_LU",
    "MESSAGES",
    "MIN_HEIGHT",
    "MIN_WIDTH",
    "SILENCE_LUFS",
    "TAIL_DECODE_S",
    "TARGET_ASPECT",
    "TARGET_FPS",
    "TARGET_LOUDNESS_LUFS",
    "VIDEO_CONTAINERS",
    "WARNING",
    "SpotReport",
    "extract_poster",
    "inspect_image",
    "inspect_spot",
    "inspect_video",
    "render_issue",
    "sniff",
]
