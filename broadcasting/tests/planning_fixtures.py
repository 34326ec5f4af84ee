"""Fixtures shared by the planning dashboard's tests (test_planning_*.py), which
import them by name. A clock on Thursday 10 December 2026 at 19:35 in
Ouagadougou (UTC+0): tonight's 19:30 break has started, the 20:30 one has not."""

import datetime as dt
from unittest import mock

import pytest
from django.core.files.base import ContentFile

from campaigns.media_checks import SpotReport
from campaigns.models import ReviewState, Spot, SpotKind, Status

NOW = dt.datetime(2026, 12, 10, 19, 35, tzinfo=dt.UTC)
TODAY = dt.date(2026, 12, 10)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def clock():
    with mock.patch("django.utils.timezone.now", return_value=NOW) as patched:
        yield patched


def video_report() -> dict:
    report = SpotReport(
        kind="video",
        container="mp4",
        video_codec="h264",
        width=1920,
        height=1080,
        frame_rate=25.0,
        duration=30.0,
        declared_length=30,
        has_audio=True,
        audio_codec="aac",
        loudness_lufs=-19.5,
    )
    report.add("loudness", lufs=-19.5, target=-23, tolerance=2)
    return report.as_dict()


def make_video_spot(campaign, *, title="Bissap Frais 30s", name="bissap_frais_30s.mp4"):
    """An approved video spot (wagtailmedia) with a thumbnail and a technical report."""
    from wagtailmedia.models import get_media_model

    media = get_media_model().objects.create(
        title=title,
        file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name=name),
        thumbnail=ContentFile(b"\xff\xd8\xff\xe0thumb", name="bissap_thumb.jpg"),
        type="video",
        duration=30,
    )
    return Spot.objects.create(
        campaign=campaign,
        advertiser=campaign.advertiser,
        kind=SpotKind.VIDEO,
        media=media,
        declared_length=30,
        technical_report=video_report(),
        review_state=ReviewState.APPROVED,
    )


@pytest.fixture
def tonight(clock, media_root, make_breaks, approved_campaign, airing_in):
    """Tonight's two breaks (and the next days', room for make-goods), a scheduled
    campaign with an airing in each: `aired_soon` at 19:30 (started, late), `later`
    at 20:30 (not started)."""
    breaks = make_breaks(TODAY, days=3, times=(("prime-time", "19:30"), ("prime-time", "20:30")))
    campaign = approved_campaign(lines=(("prime-time", 3),), start=TODAY, days=3)
    campaign.status = Status.SCHEDULED
    campaign.save()
    started = airing_in(breaks[0], campaign)
    later = airing_in(breaks[1], campaign)
    return {"campaign": campaign, "started": started, "later": later, "breaks": breaks}
