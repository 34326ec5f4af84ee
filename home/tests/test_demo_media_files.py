"""The demo's poster and clip generators (pure functions, no database)."""

import io

import av
import pytest
from PIL import Image, ImageFont

from home.demo import media_files
from home.demo.media_files import clip_mp4, poster_png

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _open_png(data: bytes) -> Image.Image:
    assert data.startswith(PNG_MAGIC)
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "PNG"
    return image


# --- poster ---------------------------------------------------------------


def test_poster_is_a_small_png_of_the_default_size():
    data = poster_png("Grande promo de la rentrée", "Du 1er au 30 septembre sur BF1")
    image = _open_png(data)
    assert image.size == (1280, 720)
    assert len(data) < 150_000


def test_poster_honours_size_and_colour():
    data = poster_png("Titre", "Sous-titre", colour="#1d4ed8", size=(400, 300))
    image = _open_png(data).convert("RGB")
    assert image.size == (400, 300)
    # The top-right-ish background keeps the requested colour exactly.
    assert image.getpixel((399 - 5, 150)) == (0x1D, 0x4E, 0xD8)


def test_poster_is_deterministic():
    first = poster_png("Même titre", "Même sous-titre", colour="#B91C1C")
    assert poster_png("Même titre", "Même sous-titre", colour="#B91C1C") == first
    assert poster_png("Autre titre", "Même sous-titre", colour="#B91C1C") != first
    assert b"tIME" not in first  # no timestamp chunk


@pytest.mark.parametrize(
    ("title", "subtitle"),
    [
        ("", ""),
        ("x" * 500, "y" * 500),
        (" ".join(["Annonce"] * 120), "mot " * 200),
        ("Fête 🎉🔥📺 du Faso 🇧🇫", "😀" * 50),
        ("مرحبا بكم في بي إف 1", "שלום עולם, ברוכים הבאים"),
        ("Ligne\nsuivante\ttab\x00nul\u202eRTL override", "\r\n\x1b[31m"),
        ("   ", "\u200f\u200e"),
    ],
    ids=["empty", "500-chars", "many-words", "emoji", "rtl", "control", "blank"],
)
def test_hostile_titles_do_not_crash(title, subtitle):
    image = _open_png(poster_png(title, subtitle, size=(640, 360)))
    assert image.size == (640, 360)


@pytest.mark.parametrize(
    "colour",
    ["DC2626", "#DC262", "#DC26261", "#GGGGGG", "red", "", "#DC2626\n", " #DC2626", None, 0xDC2626],
)
def test_poster_refuses_a_bad_colour(colour):
    with pytest.raises(ValueError):
        poster_png("Titre", "Sous-titre", colour=colour)


@pytest.mark.parametrize("size", [(0, 720), (1280,), (10_000, 720), ("a", "b"), None])
def test_poster_refuses_a_bad_size(size):
    with pytest.raises(ValueError):
        poster_png("Titre", "Sous-titre", size=size)


def test_poster_without_any_system_font(monkeypatch):
    """No TrueType font on the machine, and not even a FreeType build of Pillow."""
    monkeypatch.setattr(media_files, "_TRUETYPE_CANDIDATES", ("/nonexistent/font.ttf",))
    monkeypatch.setattr(
        ImageFont, "load_default", lambda *a, **k: ImageFont.load_default_imagefont()
    )
    media_files._font.cache_clear()
    try:
        image = _open_png(poster_png("Titre sans police " * 10, "Sous-titre"))
        assert image.size == (1280, 720)
    finally:
        media_files._font.cache_clear()


# --- clip -----------------------------------------------------------------


def _probe(data: bytes) -> dict:
    with av.open(io.BytesIO(data)) as container:
        video = container.streams.video
        audio = container.streams.audio
        assert len(video) == 1
        assert len(audio) == 1
        v, a = video[0], audio[0]
        frames = sum(1 for _ in container.decode(video=0))
        return {
            "size": (v.codec_context.width, v.codec_context.height),
            "rate": v.average_rate,
            "pix_fmt": v.codec_context.pix_fmt,
            "codec": v.codec_context.name,
            "video_seconds": float(v.duration * v.time_base),
            "audio_seconds": float(a.duration * a.time_base),
            "audio_channels": a.codec_context.channels,
            "audio_codec": a.codec_context.name,
            "frames": frames,
        }


@pytest.fixture(scope="module")
def default_clip() -> bytes:
    return clip_mp4("Test", seconds=4)


def test_clip_is_a_small_mp4_with_video_and_audio(default_clip):
    info = _probe(default_clip)
    assert len(default_clip) < 500_000
    assert info["size"] == (640, 360)
    assert info["rate"] == 25
    assert info["pix_fmt"] == "yuv420p"
    assert info["codec"] in {"h264", "mpeg4"}
    assert info["video_seconds"] == pytest.approx(4, abs=0.2)
    assert info["frames"] == 100
    assert info["audio_codec"] == "aac"
    assert info["audio_channels"] == 1
    assert info["audio_seconds"] == pytest.approx(4, abs=0.2)


def test_clip_is_fast_start(default_clip):
    """moov comes before mdat, and the moved chunk offsets still decode (above)."""
    assert default_clip[4:8] == b"ftyp"
    assert default_clip.index(b"moov") < default_clip.index(b"mdat")


def test_clip_honours_seconds_size_and_colour():
    data = clip_mp4("Courte annonce 🎬 مرحبا", seconds=1, colour="#15803D", size=(320, 180))
    info = _probe(data)
    assert info["size"] == (320, 180)
    assert info["video_seconds"] == pytest.approx(1, abs=0.2)
    assert info["frames"] == 25


def test_clip_falls_back_to_mpeg4(monkeypatch):
    monkeypatch.setattr(media_files, "_video_codec", lambda: "mpeg4")
    data = clip_mp4("Repli", seconds=1, size=(320, 180))
    info = _probe(data)
    assert info["codec"] == "mpeg4"
    assert info["video_seconds"] == pytest.approx(1, abs=0.2)


@pytest.mark.parametrize("seconds", [0, -1, 31, 2.5, "4", None, True])
def test_clip_refuses_bad_seconds(seconds):
    with pytest.raises(ValueError):
        clip_mp4("Titre", seconds=seconds)


@pytest.mark.parametrize("size", [(641, 360), (640, 361), (0, 0)])
def test_clip_refuses_an_odd_or_bad_size(size):
    with pytest.raises(ValueError):
        clip_mp4("Titre", seconds=1, size=size)


def test_clip_refuses_a_bad_colour():
    with pytest.raises(ValueError):
        clip_mp4("Titre", seconds=1, colour="#12345")


def test_faststart_leaves_other_bytes_alone():
    assert media_files._faststart(b"not an mp4") == b"not an mp4"
    assert media_files._faststart(b"") == b""
