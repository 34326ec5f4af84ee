"""A still of a video spot for previews."""

from __future__ import annotations

import io
import math
import os
from pathlib import Path

from core.files import VIDEO_CONTAINERS, sniff_path

from .video import open_video


def extract_poster(
    path: str | os.PathLike, *, at: float = 1.0, max_width: int = 1280, quality: int = 85
) -> bytes:
    """A JPEG of one frame: at `at` seconds, or the middle of a clip shorter than
    twice that. The picture keeps its display shape (pixel aspect applied) and is
    at most `max_width` wide. Raises ValueError when no frame can be decoded."""
    from PIL import Image

    path = Path(path)
    found = sniff_path(path)
    if found not in VIDEO_CONTAINERS:
        raise ValueError("not an MP4 or MOV file")
    with open_video(path) as container:
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
