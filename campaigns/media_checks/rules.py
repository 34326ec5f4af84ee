"""The broadcast rules of issue 4 and the checks an image and a video share.

Blocking: a resolution below 1280x720, a duration more than 0.5 s away from the
declared length; warnings: loudness outside -23 LUFS +/- 2, a frame rate other
than 25 fps, a shape other than 16:9."""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import gettext

from .report import SpotReport

MIN_WIDTH = 1280
MIN_HEIGHT = 720
DURATION_TOLERANCE_S = 0.5
TARGET_LOUDNESS_LUFS = -23.0
LOUDNESS_TOLERANCE_LU = 2.0
TARGET_FPS = 25.0
FPS_TOLERANCE = 0.01
TARGET_ASPECT = Fraction(16, 9)
ASPECT_TOLERANCE = 0.01

# Formats the spot messages never named: shown as "unknown", as they always were.
_UNNAMED_FORMATS = frozenset({"ole"})


def found_label(found: str | None) -> str:
    """The format found, as a message names it."""
    if found is None or found in _UNNAMED_FORMATS:
        return gettext("unknown")
    return found.upper()


def fraction_text(rate: Fraction | None) -> str | None:
    if rate is None:
        return None
    rate = Fraction(rate)
    return f"{rate.numerator}/{rate.denominator}"


def display_ratio(width: int, height: int, sar: Fraction | None) -> Fraction:
    ratio = Fraction(width, height)
    if sar is not None and sar > 0:
        ratio *= Fraction(sar)
    return ratio


def aspect_text(ratio: Fraction) -> str:
    for known in (Fraction(16, 9), Fraction(4, 3), Fraction(21, 9), Fraction(1, 1)):
        if abs(float(ratio - known)) < ASPECT_TOLERANCE:
            return f"{known.numerator}:{known.denominator}"
    limited = ratio.limit_denominator(100)
    if abs(float(limited - ratio)) < 0.005:
        return f"{limited.numerator}:{limited.denominator}"
    return f"{float(ratio):.2f}:1"


def check_size(report: SpotReport, max_size: int | None) -> None:
    if max_size is not None and report.size_bytes > max_size:
        report.add(
            "too_big",
            size_bytes=report.size_bytes,
            max_bytes=max_size,
        )


def error_detail(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
    return str(text)[:120]


def video_rules(report: SpotReport, declared_length: int | float) -> None:
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
    resolution_rule(report)
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
    aspect_rule(report)


def resolution_rule(report: SpotReport) -> None:
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


def aspect_rule(report: SpotReport) -> None:
    if report.display_aspect and report.display_aspect != "16:9":
        report.add("aspect", aspect=report.display_aspect)
