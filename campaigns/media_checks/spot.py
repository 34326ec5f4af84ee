"""A spot file whatever it holds: a video or an image, chosen from its content."""

from __future__ import annotations

import os
from pathlib import Path

from core.files import IMAGE_FORMATS, VIDEO_CONTAINERS, sniff_path

from .image import inspect_image
from .report import SpotReport
from .video import OTHER_VIDEO_CONTAINERS, inspect_video


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
    found = sniff_path(path)
    if found in IMAGE_FORMATS:
        return inspect_image(path, max_size=max_image_size)
    if found in VIDEO_CONTAINERS or found in OTHER_VIDEO_CONTAINERS:
        return inspect_video(path, declared_length=declared_length, max_size=max_video_size)
    report = SpotReport(kind="unknown", container=found, size_bytes=path.stat().st_size)
    report.add("not_media")
    return report
