"""French typography left over in the admin and the upload messages (issue 13):
the spot's technical facts on a campaign's admin page, the "file too large"
messages in whole units ("1 Go", not "1073,7 Mo"), and Wagtail's empty-listing
message without its "Aucun(e)"."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtailmedia.models import get_media_model

from campaigns import chunked_upload as cu
from campaigns.media_checks.report import SpotReport, render_issue
from campaigns.media_checks.rules import check_size
from campaigns.models import SpotKind, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory

pytestmark = pytest.mark.django_db

NBSP, MINUS = "\u00a0", "\u2212"
GIB = 1024**3

REPORT = {
    "kind": "video",
    "container": "mp4",
    "size_bytes": 48_500_000,
    "width": 1920,
    "height": 1080,
    "frame_rate": 25.0,
    "frame_rate_text": "25/1",
    "duration": 30.0,
    "has_audio": True,
    "audio_codec": "aac",
    "loudness_lufs": -23.0,
    "issues": [],
}


def test_the_admin_page_writes_the_spots_technical_facts_the_french_way(
    client, administrator, card, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    campaign = CampaignFactory(status=Status.SUBMITTED, spot_length=30)
    video = get_media_model().objects.create(
        title="Bissap 30s",
        file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="bissap.mp4"),
        type="video",
        duration=30,
    )
    SpotFactory(
        campaign=campaign, kind=SpotKind.VIDEO, image=None, media=video, technical_report=REPORT
    )
    client.force_login(administrator)

    response = client.get(reverse("campaign_review:inspect", args=[campaign.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert f"25{NBSP}i/s" in content
    assert f"30,00{NBSP}s" in content
    assert f"{MINUS}23,0{NBSP}LUFS" in content
    assert f"48,5{NBSP}Mo" in content
    assert "25.0" not in content and "30.00 s" not in content
    # A hyphen-minus before the loudness (the company's random RCCM may hold "-23").
    assert "-23,0" not in content and "-23.0" not in content


def test_a_report_gives_the_size_limit_in_whole_units():
    report = SpotReport(kind="video", size_bytes=1_234_567_891)
    check_size(report, GIB)
    (message,) = report.errors
    assert message == f"Le fichier pèse 1,2{NBSP}Go, plus que les 1{NBSP}Go autorisés."


def test_a_report_saved_with_sizes_in_mb_still_reads():
    issue = {"code": "too_big", "level": "error", "params": {"size_mb": 1200.0, "max_mb": 1073.7}}
    assert render_issue(issue) == "Le fichier pèse 1200 Mo, plus que les 1073,7 Mo autorisés."


def test_a_chunked_upload_over_the_limit_gives_it_in_whole_units(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    with pytest.raises(cu.ChunkError) as refused:
        cu.start_upload(owner_id=1, filename="big.mp4", total_size=GIB + 1, max_size=GIB)
    assert f"les 1{NBSP}Go autorisés" in str(refused.value)
    assert "1073" not in str(refused.value)


def test_an_empty_admin_search_has_no_aucun_e(client, administrator, card):
    CampaignFactory(status=Status.SUBMITTED, title="Lancement")
    client.force_login(administrator)

    response = client.get(reverse("campaigns_all:index"), {"q": "introuvable"})

    assert response.status_code == 200
    text = re.sub(r"\s+", " ", response.content.decode())
    assert "Aucun(e)" not in text
    assert "Aucun résultat ne correspond à votre recherche parmi les campagnes." in text
