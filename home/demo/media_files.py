"""Pictures and clips for the demo's advertiser stories (seed_demo).

Two pure functions, no database: `poster_png` draws a poster card (flat brand colour,
a lighter diagonal band, a large white title and a subtitle, wrapped and centred) and
`clip_mp4` turns the same card into a short broadcast-like MP4 (H.264 + mono AAC, a bar
sweeping across, a seconds countdown). Pillow draws, PyAV (which ships FFmpeg) encodes.
The text comes from the caller and is drawn as given; a TrueType font of the machine is
used when one is found, Pillow's own font otherwise.
"""

from __future__ import annotations

import array
import io
import math
import re
import struct
import unicodedata
from functools import lru_cache

import av
from PIL import Image, ImageDraw, ImageFont

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_ELLIPSIS = "…"
# Only the first characters can ever be shown (three title lines at most).
_MAX_CHARS = 240
_TRUETYPE_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/Library/Fonts/Arial Bold.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
    # Bare names: Pillow looks for them in the system's font folders.
    "DejaVuSans-Bold.ttf",
    "LiberationSans-Bold.ttf",
    "arialbd.ttf",
)
FPS = 25
_SAMPLE_RATE = 48_000
_AUDIO_FRAME = 1024
_TONE_HZ = 1000
_TONE_AMPLITUDE = 0.05  # quiet: about -26 dBFS


def _rgb(colour: str) -> tuple[int, int, int]:
    """`#RRGGBB` as an RGB triple; ValueError for anything else."""
    if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
        raise ValueError(f"colour must be '#RRGGBB', got {colour!r}")
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _mix(rgb: tuple[int, int, int], other: tuple[int, int, int], share: float):
    return tuple(round(a + (b - a) * share) for a, b in zip(rgb, other, strict=True))


def _check_size(size, *, even: bool) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in size)
    except (TypeError, ValueError):
        raise ValueError(f"size must be (width, height), got {size!r}") from None
    if not (16 <= width <= 4096 and 16 <= height <= 4096):
        raise ValueError(f"size out of range 16..4096: {size!r}")
    if even and (width % 2 or height % 2):
        raise ValueError(f"width and height must be even for yuv420p: {size!r}")
    return width, height


@lru_cache(maxsize=32)
def _font(size: int):
    """A bold TrueType font of the machine at `size` px, else Pillow's own font."""
    for candidate in _TRUETYPE_CANDIDATES:
        try:
            return ImageFont.truetype(candidate, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size=size)  # FreeType build, Pillow >= 10.1
    except (TypeError, OSError, ImportError):
        return ImageFont.load_default()


def _clean(text) -> str:
    """Printable one-line text: control characters become spaces, runs collapse."""
    text = "" if text is None else str(text)[: _MAX_CHARS * 2]
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    text = " ".join(text.split())
    if len(text) > _MAX_CHARS:
        text = text[:_MAX_CHARS].rstrip() + _ELLIPSIS
    return text


def _width(font, text: str) -> float:
    return font.getlength(text) if text else 0.0


def _split_long(font, word: str, max_width: float) -> list[str]:
    """A word wider than the line, cut into pieces that fit."""
    pieces, current = [], ""
    for ch in word:
        if current and _width(font, current + ch) > max_width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def _wrap(font, text: str, max_width: float, max_lines: int) -> tuple[list[str], bool]:
    """Greedy word wrap; returns (lines, everything_fitted)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if not word:
            continue
        trial = f"{current} {word}" if current else word
        if _width(font, trial) <= max_width:
            current = trial
            continue
        if current:
            lines.append(current)
        pieces = _split_long(font, word, max_width) if _width(font, word) > max_width else [word]
        lines.extend(pieces[:-1])
        current = pieces[-1]
        if len(lines) > max_lines:
            return lines[:max_lines], False
    if current:
        lines.append(current)
    return lines[:max_lines], len(lines) <= max_lines


def _ellipsize(font, line: str, max_width: float) -> str:
    while line and _width(font, line + _ELLIPSIS) > max_width:
        line = line[:-1]
    return line.rstrip() + _ELLIPSIS


def _fit(text: str, sizes: list[int], max_width: float, max_lines: int):
    """The largest font size whose wrapped text fits in `max_lines` lines
    (the last line ellipsized at the smallest size if nothing fits)."""
    for px in sizes:
        font = _font(px)
        lines, fitted = _wrap(font, text, max_width, max_lines)
        if fitted:
            return font, lines
    if lines:
        lines[-1] = _ellipsize(font, lines[-1], max_width)
    return font, lines


def _line_height(font) -> int:
    left, top, right, bottom = font.getbbox("ÀÉgjy")
    return max(1, round((bottom - top) * 1.2))


def _draw_lines(draw, lines, font, *, top: int, width: int, fill, stroke) -> int:
    """Centred lines from `top`; returns the y below the last one."""
    step = _line_height(font)
    outline = max(1, step // 30)
    for line in lines:
        x = (width - _width(font, line)) / 2
        draw.text((x, top), line, font=font, fill=fill, stroke_width=outline, stroke_fill=stroke)
        top += step
    return top


def _card(title: str, subtitle: str, rgb, size: tuple[int, int]) -> Image.Image:
    """The poster: flat colour, lighter diagonal band, corner accents, text."""
    width, height = size
    image = Image.new("RGB", size, rgb)
    draw = ImageDraw.Draw(image)
    light = _mix(rgb, (255, 255, 255), 0.22)
    dark = _mix(rgb, (0, 0, 0), 0.35)
    band = height * 0.45
    draw.polygon(
        [
            (width * 0.30, height),
            (width * 0.30 + band, height),
            (width * 0.70 + band, 0),
            (width * 0.70, 0),
        ],
        fill=light,
    )
    accent = max(4, height // 60)
    draw.rectangle((0, height - accent * 2, width, height), fill=dark)
    radius = height // 5
    draw.ellipse((-radius, -radius, radius, radius), fill=_mix(rgb, (0, 0, 0), 0.18))

    max_width = width * 0.86
    title_sizes = [max(10, round(height * s)) for s in (0.12, 0.10, 0.085, 0.07, 0.06)]
    title_font, title_lines = _fit(_clean(title), title_sizes, max_width, 3)
    sub_sizes = [max(8, round(height * s)) for s in (0.05, 0.042)]
    sub_font, sub_lines = _fit(_clean(subtitle), sub_sizes, max_width, 2)

    gap = round(height * 0.04) if title_lines and sub_lines else 0
    block = (
        len(title_lines) * _line_height(title_font) + gap + len(sub_lines) * _line_height(sub_font)
    )
    top = max(0, (height - block) // 2 - height // 40)
    white = (255, 255, 255)
    y = _draw_lines(draw, title_lines, title_font, top=top, width=width, fill=white, stroke=dark)
    _draw_lines(
        draw,
        sub_lines,
        sub_font,
        top=y + gap,
        width=width,
        fill=_mix(white, rgb, 0.08),
        stroke=dark,
    )
    return image


def poster_png(
    title: str,
    subtitle: str,
    *,
    colour: str = "#DC2626",
    size: tuple[int, int] = (1280, 720),
) -> bytes:
    """A PNG poster: `colour` background (`#RRGGBB`, ValueError otherwise), a lighter
    diagonal band, the title in large white bold text and the subtitle below, wrapped
    and centred. Same inputs, same bytes (no timestamp is written)."""
    rgb = _rgb(colour)
    dimensions = _check_size(size, even=False)
    image = _card(title, subtitle, rgb, dimensions)
    # An adaptive palette keeps the flat colours exact and the file small.
    image = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=0)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _video_codec() -> str:
    return "libx264" if "libx264" in av.codecs_available else "mpeg4"


def _tone_frame(start: int, samples: int):
    """`samples` mono float samples of the quiet tone from sample `start`."""
    step = 2 * math.pi * _TONE_HZ / _SAMPLE_RATE
    values = array.array(
        "f", (_TONE_AMPLITUDE * math.sin(step * (start + i)) for i in range(samples))
    )
    frame = av.AudioFrame(format="fltp", layout="mono", samples=samples)
    frame.planes[0].update(values.tobytes())
    frame.sample_rate = _SAMPLE_RATE
    frame.pts = start
    return frame


def _draw_motion(base: Image.Image, index: int, total: int, rgb) -> Image.Image:
    """One video frame: the card, a bar sweeping across, a countdown, a progress line."""
    width, height = base.size
    frame = base.copy()
    draw = ImageDraw.Draw(frame)
    progress = index / max(1, total - 1)
    bar_w = width // 6
    bar_h = max(6, height // 28)
    x = round(-bar_w + (width + bar_w) * progress)
    y = round(height * 0.86)
    draw.rectangle((x, y, x + bar_w, y + bar_h), fill=(255, 255, 255))
    draw.rectangle((0, height - 4, round(width * progress), height), fill=(255, 255, 255))
    remaining = math.ceil((total - index) / FPS)
    font = _font(max(10, height // 12))
    pad = height // 30
    label = str(remaining)
    box = round(height * 0.14)
    left = width - box - pad
    draw.ellipse((left, pad, left + box, pad + box), fill=_mix(rgb, (0, 0, 0), 0.4))
    text_w = _width(font, label)
    _left, t, _right, b = font.getbbox(label)
    draw.text(
        (left + (box - text_w) / 2, pad + (box - (b - t)) / 2 - t),
        label,
        font=font,
        fill=(255, 255, 255),
    )
    return frame


_BOXES = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}


def _atoms(data, start: int, end: int):
    """(kind, position, header length, size) of the MP4 boxes in data[start:end]."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1:
            size, header = struct.unpack_from(">Q", data, pos + 8)[0], 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise ValueError("malformed MP4 box")
        yield kind, pos, header, size
        pos += size


def _shift_chunk_offsets(moov: bytearray, start: int, end: int, delta: int) -> None:
    for kind, pos, header, size in _atoms(moov, start, end):
        body = pos + header
        if kind in _BOXES:
            _shift_chunk_offsets(moov, body, pos + size, delta)
        elif kind in (b"stco", b"co64"):
            fmt, width = (">I", 4) if kind == b"stco" else (">Q", 8)
            (count,) = struct.unpack_from(">I", moov, body + 4)
            for at in range(body + 8, body + 8 + count * width, width):
                (offset,) = struct.unpack_from(fmt, moov, at)
                struct.pack_into(fmt, moov, at, offset + delta)


def _faststart(data: bytes) -> bytes:
    """The moov box moved ahead of mdat, as FFmpeg's `movflags=+faststart` does
    (which needs a file it can reopen by name, not a memory buffer): a browser can
    then start playing before the whole clip has arrived."""
    try:
        boxes = {kind: (pos, size) for kind, pos, _h, size in _atoms(data, 0, len(data))}
        if b"moov" not in boxes or b"mdat" not in boxes:
            return data
        (moov_at, moov_size), (mdat_at, _size) = boxes[b"moov"], boxes[b"mdat"]
        if moov_at < mdat_at:
            return data
        moov = bytearray(data[moov_at : moov_at + moov_size])
        header = 16 if struct.unpack_from(">I", moov)[0] == 1 else 8
        _shift_chunk_offsets(moov, header, moov_size, moov_size)
    except (ValueError, struct.error):
        return data
    rest = data[:moov_at] + data[moov_at + moov_size :]
    return rest[:mdat_at] + bytes(moov) + rest[mdat_at:]


def clip_mp4(
    title: str,
    *,
    seconds: int = 4,
    colour: str = "#DC2626",
    size: tuple[int, int] = (640, 360),
) -> bytes:
    """A short MP4 clip: H.264 (mpeg4 if the FFmpeg build lacks libx264) yuv420p at
    25 fps showing the poster card with a sweeping bar and a countdown, plus a quiet
    1 kHz mono AAC track. `seconds` in 1..30, even width and height (ValueError)."""
    if isinstance(seconds, bool) or not isinstance(seconds, int):
        raise ValueError(f"seconds must be an integer, got {seconds!r}")
    if not 1 <= seconds <= 30:
        raise ValueError(f"seconds must be between 1 and 30, got {seconds}")
    rgb = _rgb(colour)
    width, height = _check_size(size, even=True)
    base = _card(title, "", rgb, (width, height))

    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4") as container:
        codec = _video_codec()
        video = container.add_stream(codec, rate=FPS)
        video.width, video.height = width, height
        video.pix_fmt = "yuv420p"
        if codec == "libx264":
            video.options = {"crf": "30", "preset": "veryfast", "g": str(FPS * 2)}
        else:
            video.bit_rate = 500_000
            video.gop_size = FPS * 2
        audio = container.add_stream("aac", rate=_SAMPLE_RATE, layout="mono")
        audio.bit_rate = 48_000

        total = seconds * FPS
        samples_total = seconds * _SAMPLE_RATE
        start = 0
        for index in range(total):
            image = _draw_motion(base, index, total, rgb)
            frame = av.VideoFrame.from_image(image).reformat(format="yuv420p")
            frame.pts = index
            container.mux(video.encode(frame))
            # Keep the sound interleaved with the pictures it goes with.
            until = (index + 1) * _SAMPLE_RATE // FPS
            while start < until:
                count = min(_AUDIO_FRAME, samples_total - start)
                container.mux(audio.encode(_tone_frame(start, count)))
                start += count
        container.mux(video.encode())
        container.mux(audio.encode())
    return _faststart(buffer.getvalue())
