"""Technical checks of a video spot (MP4 or MOV), with PyAV (FFmpeg).

The facts a broadcaster needs: container, codec, resolution, frame rate, duration,
audio and EBU R128 loudness. Memory stays bounded whatever the file size: the
container is demuxed packet by packet, frames are decoded one at a time, and the
loudness is measured by FFmpeg's `ebur128` filter fed frame by frame (no numpy,
nothing accumulated). A cut or damaged file is caught by its boxes, its packets and
the decoding of its last seconds."""

from __future__ import annotations

import os
from pathlib import Path

from core.files import IMAGE_FORMATS, VIDEO_CONTAINERS, sniff_path
from core.files.signatures import ISO_TOP_LEVEL_BOXES

from .report import SpotReport
from .rules import (
    aspect_text,
    check_size,
    display_ratio,
    error_detail,
    found_label,
    fraction_text,
    video_rules,
)

# Seconds decoded at the end of a video, to catch a cut or damaged tail.
TAIL_DECODE_S = 2.0
# Below this the ebur128 filter reports silence (its absolute gate).
SILENCE_LUFS = -70.0
# Containers FFmpeg reads that broadcast does not take.
OTHER_VIDEO_CONTAINERS = ("webm", "matroska", "avi", "flv", "asf", "mpeg-ps", "mpeg-ts", "ogg")


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
                return header[4:8] not in ISO_TOP_LEVEL_BOXES
            if position + box_size > size:
                # A cut file: the box holding the media or its index runs past the
                # end. Junk that is no box at all (trailing bytes) is tolerated.
                return header[4:8] not in ISO_TOP_LEVEL_BOXES
            position += box_size
    return True


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


def open_video(path: Path):
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
    check_size(report, max_size)
    found = sniff_path(path)
    report.container = found
    if found in IMAGE_FORMATS or found in ("gif", "bmp", "tiff", "heif"):
        report.kind = "image"
        report.add("not_video", found=found_label(found))
        return report
    if found in OTHER_VIDEO_CONTAINERS:
        report.add("wrong_container", found=found_label(found))
        return report
    if found not in VIDEO_CONTAINERS:
        report.kind = "unknown"
        report.add("not_video", found=found_label(found))
        return report
    if not _iso_boxes_complete(path, report.size_bytes):
        report.add("truncated")
        # Still try to read the header for the report; errors are already set.
    try:
        _read_video(path, report, full_decode=full_decode)
    except Exception as exc:  # noqa: BLE001 - any FFmpeg failure means unreadable
        if not report.has("truncated"):
            report.add("unreadable", detail=error_detail(exc))
        return report
    video_rules(report, declared_length)
    return report


def _read_video(path: Path, report: SpotReport, *, full_decode: bool) -> None:
    import av

    with open_video(path) as container:
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
            report.frame_rate_text = fraction_text(rate)
        if report.width and report.height:
            sar = video.sample_aspect_ratio
            report.display_aspect = aspect_text(display_ratio(report.width, report.height, sar))
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

    with open_video(path) as container:
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
