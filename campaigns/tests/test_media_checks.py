"""Spot files are judged by their content: the facts a broadcaster needs are
measured, and every refusal or warning names the measured value."""

from __future__ import annotations

import io
import json
import shutil
from fractions import Fraction

import pytest
from django.utils import translation
from PIL import Image

from campaigns.media_checks import (
    SpotReport,
    extract_poster,
    inspect_image,
    inspect_spot,
    inspect_video,
    sniff,
)
from campaigns.tests import media_fixtures as mf


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    """Every file the tests look at, generated once."""
    folder = tmp_path_factory.mktemp("spots")
    files = {
        "good": mf.make_video(folder / "good.mp4", seconds=3),
        "mov": mf.make_video(folder / "good.mov", seconds=2, container_format="mov"),
        "small_30fps": mf.make_video(
            folder / "small.mp4", width=640, height=360, fps=30, seconds=2
        ),
        "ntsc": mf.make_video(folder / "ntsc.mp4", fps=Fraction(30000, 1001), seconds=2),
        "silent_track": mf.make_video(folder / "silent.mp4", amplitude=0.0, seconds=2),
        "no_audio": mf.make_video(folder / "mute.mp4", audio=False, seconds=2),
        "four_three": mf.make_video(folder / "43.mp4", width=1440, height=1080, seconds=2),
        "loud_mono": mf.make_video(folder / "loud.mp4", amplitude=1.0, channels=1, seconds=2),
        "half_stereo": mf.make_video(folder / "half.mp4", amplitude=0.5, seconds=2),
        "faststart": mf.make_faststart_video(folder / "web.mp4", seconds=4),
        "webm": mf.make_webm(folder / "clip.webm"),
    }
    files["cut"] = mf.cut(files["good"], folder / "cut.mp4")
    files["faststart_cut"] = mf.cut(files["faststart"], folder / "web-cut.mp4")
    files["faststart_tail_cut"] = mf.cut(files["faststart"], folder / "web-tail.mp4", 0.97)
    files["webm_named_mp4"] = folder / "clip.mp4"
    shutil.copy(files["webm"], files["webm_named_mp4"])
    files["empty"] = folder / "empty.mp4"
    files["empty"].write_bytes(b"")
    files["html"] = folder / "page.mp4"
    files["html"].write_text("<!DOCTYPE html><html><body>Spot BF1</body></html>\n")
    files["text"] = folder / "notes.mp4"
    files["text"].write_text("just some text, not a video\n" * 20)
    files["jpeg"] = mf.make_image(folder / "a.jpg", width=1920, height=1080)
    files["png"] = mf.make_image(folder / "b.png", image_format="PNG")
    files["webp"] = mf.make_image(folder / "c.webp", image_format="WEBP")
    files["small_image"] = mf.make_image(folder / "d.jpg", width=800, height=600)
    files["square_image"] = mf.make_image(
        folder / "e.png", width=1400, height=1400, image_format="PNG"
    )
    files["png_named_jpg"] = folder / "f.jpg"
    shutil.copy(files["png"], files["png_named_jpg"])
    files["image_cut"] = mf.cut(files["jpeg"], folder / "g.jpg", 0.5)
    return files


def codes(report: SpotReport) -> tuple[set[str], set[str]]:
    return set(report.error_codes), set(report.warning_codes)


# -- videos that pass ---------------------------------------------------------


def test_a_broadcast_ready_mp4_passes_with_its_facts_measured(media):
    report = inspect_video(media["good"], declared_length=3)

    assert report.ok, report.errors
    assert report.warnings == []
    assert report.kind == "video"
    assert report.container == "mp4"
    assert report.video_codec == "h264"
    assert (report.width, report.height) == (1280, 720)
    assert report.frame_rate == 25.0
    assert report.frame_rate_text == "25/1"
    assert report.duration == pytest.approx(3.0, abs=0.05)
    assert report.has_audio is True
    assert report.audio_codec == "aac"
    assert report.loudness_lufs == pytest.approx(-23.0, abs=1.5)
    assert report.display_aspect == "16:9"
    assert report.size_bytes == media["good"].stat().st_size


def test_a_quicktime_mov_is_accepted(media):
    report = inspect_video(media["mov"], declared_length=2)

    assert report.ok, report.errors
    assert report.container == "mov"


def test_the_report_is_json_and_comes_back_intact(media):
    report = inspect_video(media["small_30fps"], declared_length=5)
    data = json.loads(json.dumps(report.as_dict()))

    assert data["ok"] is False
    assert data["errors"] and data["warnings"]
    again = SpotReport.from_dict(data)
    assert again.error_codes == report.error_codes
    assert again.warning_codes == report.warning_codes
    assert again.width == 640


def test_messages_render_in_the_readers_language(media):
    report = inspect_video(media["good"], declared_length=30)
    with translation.override("en"):
        english = report.errors
    assert any("3" in message and "30" in message for message in english)
    stored = SpotReport.from_dict(json.loads(json.dumps(report.as_dict())))
    with translation.override("en"):
        assert stored.errors == english


# -- blocking errors ------------------------------------------------------------


@pytest.mark.parametrize("declared", [2, 4, 30])
def test_a_duration_off_by_more_than_half_a_second_is_refused(media, declared):
    report = inspect_video(media["good"], declared_length=declared)

    assert not report.ok
    issue = report.issue("duration_mismatch")
    assert issue["params"]["duration"] == pytest.approx(3.0, abs=0.05)
    assert issue["params"]["declared"] == declared


def test_a_duration_within_half_a_second_is_accepted(media):
    assert inspect_video(media["faststart"], declared_length=4).ok
    report = inspect_video(media["good"], declared_length=3)
    assert not report.has("duration_mismatch")


def test_a_small_picture_is_refused_and_30_fps_is_a_warning(media):
    report = inspect_video(media["small_30fps"], declared_length=2)

    errors, warnings = codes(report)
    assert errors == {"low_resolution"}
    assert report.issue("low_resolution")["params"]["width"] == 640
    assert report.issue("low_resolution")["params"]["height"] == 360
    assert "frame_rate" in warnings
    assert report.issue("frame_rate")["params"]["fps"] == 30.0


def test_ntsc_frame_rate_is_reported_exactly(media):
    report = inspect_video(media["ntsc"], declared_length=2)

    assert report.ok
    assert report.frame_rate_text == "30000/1001"
    assert report.issue("frame_rate")["params"]["fps"] == pytest.approx(29.97, abs=0.01)


@pytest.mark.parametrize("name", ["cut", "faststart_cut", "faststart_tail_cut"])
def test_a_truncated_mp4_is_refused(media, name):
    report = inspect_video(media[name], declared_length=3)

    assert not report.ok
    assert report.has("truncated") or report.has("unreadable")


def test_an_empty_file_is_refused(media):
    report = inspect_spot(media["empty"], declared_length=30)

    assert report.error_codes == ["empty"]


@pytest.mark.parametrize("name", ["html", "text"])
def test_text_named_mp4_is_not_a_video(media, name):
    report = inspect_video(media[name], declared_length=30)
    assert not report.ok
    assert report.has("not_video")
    assert inspect_spot(media[name], declared_length=30).has("not_media")


@pytest.mark.parametrize("name", ["webm", "webm_named_mp4"])
def test_a_webm_is_refused_asking_for_mp4_or_mov(media, name):
    report = inspect_spot(media[name], declared_length=1)

    assert report.error_codes == ["wrong_container"]
    assert report.issue("wrong_container")["params"]["found"] == "WEBM"


def test_an_image_is_not_a_video(media):
    report = inspect_video(media["jpeg"], declared_length=30)
    assert report.has("not_video")


def test_a_file_over_the_size_limit_is_refused(media):
    size = media["good"].stat().st_size
    report = inspect_video(media["good"], declared_length=3, max_size=size - 1)
    assert report.has("too_big")
    assert inspect_video(media["good"], declared_length=3, max_size=size).ok


# -- warnings -------------------------------------------------------------------


def test_a_four_three_picture_is_a_warning(media):
    report = inspect_video(media["four_three"], declared_length=2)

    assert report.ok
    assert report.display_aspect == "4:3"
    assert report.warning_codes == ["aspect"]


def test_a_spot_without_sound_has_no_loudness_and_a_warning(media):
    report = inspect_video(media["no_audio"], declared_length=2)

    assert report.ok
    assert report.has_audio is False
    assert report.loudness_lufs is None
    assert report.has("no_audio")


def test_a_silent_track_is_reported(media):
    report = inspect_video(media["silent_track"], declared_length=2)

    assert report.has_audio is True
    assert report.loudness_lufs is None
    assert report.has("silent")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Mono full-scale 1 kHz sine: -3 LUFS in theory (AAC at full scale loses a bit).
        ("loud_mono", -3.0),
        # Stereo sine at half scale: -23 + 20 log10(0.5 / 0.0708) = -6 LUFS.
        ("half_stereo", -6.0),
    ],
)
def test_loudness_outside_the_target_is_a_warning_with_its_value(media, name, expected):
    report = inspect_video(media[name], declared_length=2)

    assert report.ok
    assert report.loudness_lufs == pytest.approx(expected, abs=1.5)
    assert report.warning_codes == ["loudness"]
    assert report.issue("loudness")["params"]["lufs"] == report.loudness_lufs


def test_full_decode_agrees_on_a_good_file(media):
    assert inspect_video(media["good"], declared_length=3, full_decode=True).ok


# -- images ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "container"), [("jpeg", "jpeg"), ("png", "png"), ("webp", "webp")]
)
def test_real_images_pass(media, name, container):
    report = inspect_spot(media[name], declared_length=30)

    assert report.ok, report.errors
    assert report.kind == "image"
    assert report.container == container
    assert report.display_aspect == "16:9"
    assert report.warnings == []


def test_content_wins_over_the_name(media):
    report = inspect_image(media["png_named_jpg"])

    assert report.ok
    assert report.container == "png"
    assert sniff(media["png_named_jpg"]) == "png"


def test_a_small_image_is_refused_and_square_warned(media):
    small = inspect_image(media["small_image"])
    assert small.has("low_resolution")
    assert small.issue("low_resolution")["params"]["width"] == 800

    square = inspect_image(media["square_image"])
    assert square.ok
    assert square.warning_codes == ["aspect"]
    assert square.display_aspect == "1:1"


def test_a_truncated_or_fake_image_is_refused(media):
    assert inspect_image(media["image_cut"]).has("unreadable")
    assert inspect_image(media["html"]).has("not_image")
    assert inspect_image(media["good"]).has("not_image")
    assert inspect_image(media["empty"]).has("empty")


def test_an_image_too_large_in_pixels_is_refused_before_decoding(tmp_path, monkeypatch):
    from campaigns.media_checks import image as media_checks

    monkeypatch.setattr(media_checks, "MAX_IMAGE_PIXELS", 1280 * 720 - 1)
    report = inspect_image(mf.make_image(tmp_path / "big.png", image_format="PNG"))
    assert report.has("image_too_large")


# -- poster ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["good", "faststart", "mov"])
def test_a_poster_is_a_jpeg_of_the_picture(media, name):
    data = extract_poster(media[name])

    with Image.open(io.BytesIO(data)) as poster:
        assert poster.format == "JPEG"
        assert poster.size == (1280, 720)


def test_a_poster_of_a_very_short_clip(tmp_path):
    clip = mf.make_video(tmp_path / "short.mp4", seconds=0.4, audio=False)
    with Image.open(io.BytesIO(extract_poster(clip))) as poster:
        assert poster.format == "JPEG"


def test_no_poster_from_a_non_video(media):
    with pytest.raises(ValueError):
        extract_poster(media["html"])


def test_measured_values_are_written_the_readers_way(media):
    report = inspect_video(media["ntsc"], declared_length=2)

    with translation.override("en"):
        assert any("29.97" in message for message in report.warnings)
    with translation.override("fr"):
        assert any("29,97" in message for message in report.warnings)
