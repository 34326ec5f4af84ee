"""French typography on the client pages: the technical report of a spot and the
upload page's size limits (core/typography.py, `{% load fr %}`)."""

import re

import pytest
from django.urls import reverse

from campaigns.tests.factories import CampaignFactory, SpotFactory

pytestmark = pytest.mark.django_db

NNBSP, NBSP, MINUS = "\u202f", "\u00a0", "\u2212"

REPORT = {
    "kind": "video",
    "container": "mp4",
    "width": 1920,
    "height": 1080,
    "frame_rate": 25.0,
    "frame_rate_text": "25/1",
    "duration": 30.0,
    "has_audio": True,
    "loudness_lufs": -23.0,
    "issues": [],
}


def test_campaign_page_writes_the_technical_report_the_french_way(client, advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a)
    SpotFactory(campaign=campaign, technical_report=REPORT)
    client.force_login(advertiser_a)

    content = client.get(reverse("campaigns:detail", kwargs={"uuid": campaign.uuid})).content
    content = content.decode()

    assert f"25{NBSP}i/s" in content
    assert f"30,0{NBSP}s" in content
    assert f"{MINUS}23,0{NBSP}LUFS" in content
    assert not re.search(r"\bfps\b", content)
    # A hyphen-minus before the loudness (not inside a random UUID of a link).
    assert not re.search(r"-23(,0|\.0)?\s*(&nbsp;|\u00a0)?\s*LUFS", content)


def test_upload_page_gives_the_limits_in_whole_units(client, advertiser_a, settings):
    settings.SPOT_VIDEO_MAX_BYTES = 1024**3
    settings.SPOT_IMAGE_MAX_BYTES = 20 * 1000 * 1000
    campaign = CampaignFactory(user=advertiser_a)
    client.force_login(advertiser_a)

    response = client.get(reverse("campaigns:spot_upload:page", kwargs={"uuid": campaign.uuid}))

    content = response.content.decode()
    assert f"jusqu’à 1{NBSP}Go" in content
    assert f"jusqu’à 20{NBSP}Mo" in content
    assert f"jusqu’à 50{NBSP}Mo peuvent" in content
    assert not re.search(r"\b1073\b", content)
