"""Technical checks of an image spot (JPEG, PNG or WebP), with Pillow."""

from __future__ import annotations

import os
import warnings
from fractions import Fraction
from pathlib import Path

from core.files import IMAGE_FORMATS, VIDEO_CONTAINERS, sniff_path

from .report import SpotReport
from .rules import aspect_rule, aspect_text, check_size, error_detail, found_label, resolution_rule

# Above this many pixels an image is refused before being decoded (8K UHD fits).
MAX_IMAGE_PIXELS = 40_000_000

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
    check_size(report, max_size)
    found = sniff_path(path)
    report.container = found
    if found not in IMAGE_FORMATS:
        report.kind = "video" if found in VIDEO_CONTAINERS else "unknown"
        report.add("not_image", found=found_label(found))
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
        report.add("unreadable", detail=error_detail(exc))
        return report
    report.display_aspect = aspect_text(Fraction(report.width, report.height))
    resolution_rule(report)
    aspect_rule(report)
    return report
