"""Media files generated in the tests with PyAV and Pillow (no numpy, no binary
fixtures in the repository). Small and fast: a flat picture compresses to almost
nothing, so a 1280x720 clip of a few seconds takes well under a second."""

from __future__ import annotations

import array
import math
from fractions import Fraction
from pathlib import Path

import av
from PIL import Image

SAMPLE_RATE = 48_000
# A 1 kHz sine of this peak amplitude on both stereo channels measures -23 LUFS.
AMPLITUDE_MINUS_23_LUFS = 0.0708


def make_video(
    path: Path,
    *,
    width: int = 1280,
    height: int = 720,
    fps: int | Fraction = 25,
    seconds: float = 2.0,
    audio: bool = True,
    amplitude: float = AMPLITUDE_MINUS_23_LUFS,
    channels: int = 2,
    container_format: str | None = None,
    video_codec: str = "libx264",
    audio_codec: str = "aac",
    options: dict[str, str] | None = None,
) -> Path:
    """Write a clip: a changing colour picture and a 1 kHz sine of `amplitude`
    (peak, 1.0 = full scale) on every channel."""
    path = Path(path)
    rate = Fraction(fps)
    with av.open(str(path), mode="w", format=container_format, options=options or {}) as out:
        vstream = out.add_stream(video_codec, rate=rate)
        vstream.width = width
        vstream.height = height
        vstream.pix_fmt = "yuv420p"
        if video_codec == "libx264":
            vstream.options = {"preset": "ultrafast", "tune": "zerolatency"}
        elif video_codec == "libvpx":
            vstream.options = {"deadline": "realtime", "cpu-used": "8"}
        astream = None
        if audio:
            layout = "stereo" if channels == 2 else "mono"
            astream = out.add_stream(audio_codec, rate=SAMPLE_RATE, layout=layout)

        frame_count = round(seconds * rate)
        colours = [(220, 38, 38), (185, 28, 28), (254, 226, 226), (248, 250, 252)]
        for index in range(frame_count):
            if index % 25 == 0:
                picture = Image.new("RGB", (width, height), colours[(index // 25) % 4])
                frame = av.VideoFrame.from_image(picture)
            frame.pts = index
            frame.time_base = 1 / rate
            for packet in vstream.encode(frame):
                out.mux(packet)
        for packet in vstream.encode():
            out.mux(packet)

        if astream is not None:
            total = round(seconds * SAMPLE_RATE)
            position = 0
            step = 2 * math.pi * 1000 / SAMPLE_RATE
            # One second holds exactly 1000 periods: compute it once, then slice.
            second = array.array(
                "f", (amplitude * math.sin(step * i) for i in range(SAMPLE_RATE))
            ).tobytes()
            second += second[: 1024 * 4]
            while position < total:
                count = min(1024, total - position)
                start = (position % SAMPLE_RATE) * 4
                samples = second[start : start + count * 4]
                layout = "stereo" if channels == 2 else "mono"
                aframe = av.AudioFrame(format="fltp", layout=layout, samples=count)
                for plane in aframe.planes:
                    plane.update(samples)
                aframe.sample_rate = SAMPLE_RATE
                aframe.pts = position
                aframe.time_base = Fraction(1, SAMPLE_RATE)
                for packet in astream.encode(aframe):
                    out.mux(packet)
                position += count
            for packet in astream.encode():
                out.mux(packet)
    return path


def make_faststart_video(path: Path, **kwargs) -> Path:
    """An MP4 with its index (moov) before the data, as web encoders write it: a
    cut copy of it still opens, so only the content checks can catch it."""
    return make_video(path, options={"movflags": "faststart"}, **kwargs)


def make_webm(path: Path) -> Path:
    return make_video(
        path,
        width=320,
        height=180,
        seconds=1,
        container_format="webm",
        video_codec="libvpx",
        audio_codec="libopus",
    )


def cut(source: Path, target: Path, fraction: float = 0.5) -> Path:
    """A copy of `source` holding only its first `fraction` of bytes."""
    data = Path(source).read_bytes()
    Path(target).write_bytes(data[: int(len(data) * fraction)])
    return Path(target)


def make_image(
    path: Path, *, width: int = 1280, height: int = 720, image_format: str = "JPEG"
) -> Path:
    picture = Image.new("RGB", (width, height), (220, 38, 38))
    for x in range(0, width, 40):
        for y in range(0, min(height, 40)):
            picture.putpixel((x, y), (255, 255, 255))
    picture.save(path, format=image_format)
    return Path(path)
