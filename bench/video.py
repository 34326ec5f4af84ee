"""The video spots of the upload bench (bench/upload.py), generated once and
cached in the temp folder (BENCH_UPLOAD_CACHE to choose another): a 30 s spot,
1280x720 at 25 fps, H.264 with an AAC sound track (1 kHz at -23 LUFS), whose
noise pictures keep the bitrate at about 53 Mb/s so that the file weighs about
200 MB; and a small flat red one that warms the server up."""

from __future__ import annotations

import array
import math
import os
import random
import tempfile
from fractions import Fraction
from pathlib import Path

MB = 1_000_000
# The spot: as long as the campaign's declared length, heavy enough to weigh ~200 MB.
SECONDS = 30
WIDTH, HEIGHT, FPS = 1280, 720, 25
TARGET_BYTES = 200 * MB
AUDIO_BIT_RATE = 128_000
VIDEO_BIT_RATE = TARGET_BYTES * 8 // SECONDS - AUDIO_BIT_RATE  # ~53 Mb/s
SAMPLE_RATE = 48_000
AMPLITUDE_MINUS_23_LUFS = 0.0708  # a 1 kHz sine on both channels measures -23 LUFS
NOISE_PICTURES = 50  # distinct noise pictures, cycled (x264 references the previous one)
CACHE_VERSION = 1


def cache_dir() -> Path:
    folder = os.environ.get("BENCH_UPLOAD_CACHE") or Path(tempfile.gettempdir()) / "bf1-bench"
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _audio_second(amplitude: float) -> bytes:
    """One second of a 1 kHz sine (exactly 1000 periods), float32 samples."""
    step = 2 * math.pi * 1000 / SAMPLE_RATE
    return array.array("f", (amplitude * math.sin(step * i) for i in range(SAMPLE_RATE))).tobytes()


def make_video(path: Path, *, noise: bool, video_bit_rate: int) -> Path:
    """Write a 30 s 1280x720 25 fps H.264/AAC MP4 at `video_bit_rate`: random
    noise pictures (which no encoder can shrink) or a flat red picture. The
    sound (1 kHz at -23 LUFS) is encoded alongside each picture so the muxer
    never holds more than a few packets."""
    import av

    rate = Fraction(FPS)
    samples_per_frame = SAMPLE_RATE // FPS
    second = _audio_second(AMPLITUDE_MINUS_23_LUFS)
    with av.open(str(path), mode="w", format="mp4") as out:
        video = out.add_stream("libx264", rate=rate)
        video.width, video.height, video.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        video.bit_rate = video_bit_rate
        video.options = {"preset": "ultrafast"}
        audio = out.add_stream("aac", rate=SAMPLE_RATE, layout="stereo")
        audio.bit_rate = AUDIO_BIT_RATE

        pictures = []
        generator = random.Random(2026)
        for _picture in range(NOISE_PICTURES if noise else 1):
            frame = av.VideoFrame(WIDTH, HEIGHT, "yuv420p")
            for plane_index, plane in enumerate(frame.planes):
                if noise:
                    plane.update(generator.randbytes(plane.buffer_size))
                else:  # BF1 red #DC2626 in BT.601 YUV
                    plane.update(bytes([(96, 90, 221)[plane_index]]) * plane.buffer_size)
            pictures.append(frame)

        for index in range(SECONDS * FPS):
            frame = pictures[index % len(pictures)]
            frame.pts = index
            frame.time_base = 1 / rate
            for packet in video.encode(frame):
                out.mux(packet)
            position = index * samples_per_frame
            start = (position % SAMPLE_RATE) * 4
            sound = av.AudioFrame(format="fltp", layout="stereo", samples=samples_per_frame)
            for plane in sound.planes:
                plane.update(second[start : start + samples_per_frame * 4])
            sound.sample_rate = SAMPLE_RATE
            sound.pts = position
            sound.time_base = Fraction(1, SAMPLE_RATE)
            for packet in audio.encode(sound):
                out.mux(packet)
        for stream in (video, audio):
            for packet in stream.encode():
                out.mux(packet)
    return path


def cached_video(name: str, *, noise: bool, video_bit_rate: int) -> Path:
    """The video `name` from the cache, generated (to a temporary name, then
    renamed) when missing."""
    path = cache_dir() / f"{name}-v{CACHE_VERSION}.mp4"
    if path.exists():
        return path
    partial = path.with_suffix(f".{os.getpid()}.part")
    try:
        make_video(partial, noise=noise, video_bit_rate=video_bit_rate)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def big_video() -> Path:
    return cached_video("spot-30s-200mb", noise=True, video_bit_rate=VIDEO_BIT_RATE)


def small_video() -> Path:
    return cached_video("spot-30s-flat", noise=False, video_bit_rate=1_000_000)
