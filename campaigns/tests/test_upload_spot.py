"""Uploading a spot: the chunked API, the page and the form without JavaScript."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.images import get_image_model
from wagtailmedia.models import get_media_model

from campaigns.models import ReviewState, Spot, SpotKind, Status
from campaigns.tests import media_fixtures
from campaigns.tests.factories import CampaignFactory

LENGTH = 3  # seconds: short clips keep the module fast


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clips")
    good = media_fixtures.make_faststart_video(folder / "good.mp4", seconds=LENGTH)
    short = media_fixtures.make_video(folder / "short.mp4", seconds=1)
    cut = media_fixtures.cut(good, folder / "cut.mp4", 0.5)
    html = folder / "page.mp4"
    html.write_bytes(b"<!DOCTYPE html><html><body>" + b"x" * 5000 + b"</body></html>")
    png = media_fixtures.make_image(folder / "poster.png", image_format="PNG")
    return {"good": good, "short": short, "cut": cut, "html": html, "png": png}


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CHUNKED_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path


@pytest.fixture
def campaign(advertiser_a):
    return CampaignFactory(user=advertiser_a, spot_length=LENGTH)


def url(name: str, campaign, **kwargs) -> str:
    kwargs["uuid"] = campaign.uuid
    try:
        return reverse(f"campaigns:spot_upload:{name}", kwargs=kwargs)
    except NoReverseMatch:
        return reverse(f"spot_upload:{name}", kwargs=kwargs)


def files_under(folder) -> list[Path]:
    folder = Path(folder)
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def start(client, campaign, path: Path, name: str | None = None):
    return client.post(
        url("start", campaign),
        json.dumps({"filename": name or path.name, "size": path.stat().st_size}),
        content_type="application/json",
    )


def put(client, campaign, upload_id, offset, data):
    return client.put(
        url("chunk", campaign, upload_id=upload_id) + f"?offset={offset}",
        data,
        content_type="application/octet-stream",
    )


def upload(client, campaign, path: Path, pieces: int = 3, name: str | None = None):
    response = start(client, campaign, path, name)
    assert response.status_code == 201, response.content
    upload_id = response.json()["upload_id"]
    data = path.read_bytes()
    size = -(-len(data) // pieces)
    offset = 0
    while offset < len(data):
        response = put(client, campaign, upload_id, offset, data[offset : offset + size])
        assert response.status_code == 200, response.content
        offset = response.json()["received"]
    return client.post(url("finish", campaign, upload_id=upload_id))


def assert_nothing_left(storage):
    assert not Spot.objects.exists()
    assert not get_media_model().objects.exists()
    assert not get_image_model().objects.exists()
    assert files_under(storage / "uploads") == []
    assert files_under(storage / "media") == []


@pytest.mark.django_db
def test_video_in_three_chunks_becomes_a_spot_awaiting_review(
    client, advertiser_a, campaign, clips, storage
):
    client.force_login(advertiser_a)
    response = upload(client, campaign, clips["good"])
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["ok"] is True
    assert data["report"]["width"] == 1280
    spot = Spot.objects.get()
    assert spot.campaign == campaign
    assert spot.kind == SpotKind.VIDEO
    assert spot.review_state == ReviewState.PENDING
    assert spot.uploaded_by == advertiser_a
    assert spot.technical_report["ok"] is True
    assert spot.media.type == "video"
    assert spot.media.width == 1280 and spot.media.height == 720
    assert abs(spot.media.duration - LENGTH) < 0.5
    assert spot.media.file.name.endswith(".mp4")
    assert spot.poster is not None and spot.media.thumbnail
    assert data["spot_url"]
    # The temporary upload is gone once stored.
    assert files_under(storage / "uploads") == []


@pytest.mark.django_db
def test_resume_after_a_wrong_offset(client, advertiser_a, campaign, clips):
    client.force_login(advertiser_a)
    data = clips["good"].read_bytes()
    upload_id = start(client, campaign, clips["good"]).json()["upload_id"]
    half = len(data) // 2
    assert put(client, campaign, upload_id, 0, data[:half]).json()["received"] == half
    # The client believes nothing arrived (its connection dropped).
    refused = put(client, campaign, upload_id, 0, data[:half])
    assert refused.status_code == 409
    assert refused.json()["offset"] == half
    status = client.get(url("status", campaign, upload_id=upload_id)).json()
    assert status == {"ok": True, "received": half, "size": len(data), "state": "receiving"}
    assert put(client, campaign, upload_id, half, data[half:]).json()["received"] == len(data)
    response = client.post(url("finish", campaign, upload_id=upload_id))
    assert response.status_code == 201
    assert Spot.objects.count() == 1


@pytest.mark.django_db
def test_html_named_mp4_is_refused_and_leaves_nothing(
    client, advertiser_a, campaign, clips, storage
):
    client.force_login(advertiser_a)
    response = upload(client, campaign, clips["html"])
    assert response.status_code == 400
    data = response.json()
    assert data["ok"] is False
    assert data["report"]["errors"]
    assert_nothing_left(storage)


@pytest.mark.django_db
def test_truncated_mp4_is_refused(client, advertiser_a, campaign, clips, storage):
    client.force_login(advertiser_a)
    response = upload(client, campaign, clips["cut"])
    assert response.status_code == 400
    assert response.json()["report"]["errors"]
    assert_nothing_left(storage)


@pytest.mark.django_db
def test_wrong_duration_is_refused(client, advertiser_a, campaign, clips, storage):
    client.force_login(advertiser_a)
    response = upload(client, campaign, clips["short"])
    assert response.status_code == 400
    report = response.json()["report"]
    assert any(issue["code"] == "duration" for issue in report["issues"]) or report["errors"]
    assert_nothing_left(storage)


@pytest.mark.django_db
def test_image_spot_is_accepted(client, advertiser_a, campaign, clips):
    client.force_login(advertiser_a)
    response = upload(client, campaign, clips["png"], pieces=2)
    assert response.status_code == 201, response.content
    spot = Spot.objects.get()
    assert spot.kind == SpotKind.IMAGE
    assert spot.image.width == 1280
    assert spot.media is None


@pytest.mark.django_db
def test_file_over_the_limit_is_refused_at_start(client, advertiser_a, campaign, settings, storage):
    settings.SPOT_VIDEO_MAX_BYTES = 1000
    client.force_login(advertiser_a)
    response = client.post(
        url("start", campaign),
        json.dumps({"filename": "spot.mp4", "size": 1001}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "too_large"
    assert files_under(storage / "uploads") == []


@pytest.mark.django_db
def test_abort_removes_the_upload(client, advertiser_a, campaign, clips, storage):
    client.force_login(advertiser_a)
    upload_id = start(client, campaign, clips["good"]).json()["upload_id"]
    put(client, campaign, upload_id, 0, b"\x00" * 100)
    assert client.delete(url("status", campaign, upload_id=upload_id)).status_code == 200
    assert files_under(storage / "uploads") == []
    assert client.get(url("status", campaign, upload_id=upload_id)).status_code == 404


@pytest.mark.django_db
def test_closed_campaign_refuses_uploads(client, advertiser_a, clips):
    campaign = CampaignFactory(user=advertiser_a, spot_length=LENGTH, status=Status.APPROVED)
    client.force_login(advertiser_a)
    page = client.get(url("page", campaign))
    assert page.status_code == 200
    assert page.context["closed"]
    assert start(client, campaign, clips["good"]).status_code == 409


@pytest.mark.django_db
def test_page_shows_the_form(client, advertiser_a, campaign):
    client.force_login(advertiser_a)
    response = client.get(url("page", campaign))
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert b"spot_upload.js" in response.content


@pytest.mark.django_db
def test_form_without_javascript(client, advertiser_a, campaign, clips, storage):
    client.force_login(advertiser_a)
    with open(clips["good"], "rb") as handle:
        response = client.post(url("page", campaign), {"file": handle})
    assert response.status_code == 302
    assert Spot.objects.get().kind == SpotKind.VIDEO
    assert files_under(storage / "uploads") == []


@pytest.mark.django_db
def test_form_without_javascript_refuses_html(client, advertiser_a, campaign, clips, storage):
    client.force_login(advertiser_a)
    with open(clips["html"], "rb") as handle:
        response = client.post(url("page", campaign), {"file": handle})
    assert response.status_code == 400
    assert response.context["errors"]
    assert_nothing_left(storage)


def every_endpoint(campaign, upload_id="0" * 32):
    return [
        ("get", url("page", campaign)),
        ("post", url("page", campaign)),
        ("post", url("start", campaign)),
        ("put", url("chunk", campaign, upload_id=upload_id) + "?offset=0"),
        ("get", url("status", campaign, upload_id=upload_id)),
        ("delete", url("status", campaign, upload_id=upload_id)),
        ("post", url("finish", campaign, upload_id=upload_id)),
        ("post", url("abort", campaign, upload_id=upload_id)),
    ]


@pytest.mark.django_db
def test_another_advertisers_campaign_is_404_everywhere(
    client, advertiser_a, advertiser_b, campaign, clips
):
    client.force_login(advertiser_a)
    upload_id = start(client, campaign, clips["good"]).json()["upload_id"]
    client.force_login(advertiser_b)
    for method, address in every_endpoint(campaign, upload_id):
        assert getattr(client, method)(address).status_code == 404, (method, address)
    # Nor can b reach a's upload through its own campaign.
    own = CampaignFactory(user=advertiser_b, spot_length=LENGTH)
    assert client.get(url("status", own, upload_id=upload_id)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("persona_name", ["broadcaster", "editorial", "administrator"])
def test_other_roles_are_forbidden(client, persona, persona_name, campaign):
    client.force_login(persona(persona_name))
    for method, address in every_endpoint(campaign):
        assert getattr(client, method)(address).status_code == 403, (method, address)


@pytest.mark.django_db
def test_anonymous_goes_to_login(client, campaign):
    for method, address in every_endpoint(campaign):
        response = getattr(client, method)(address)
        assert response.status_code == 302, (method, address)
        assert "/login/" in response["Location"]


@pytest.mark.django_db
def test_a_failure_while_storing_leaves_nothing(
    client, advertiser_a, campaign, clips, storage, monkeypatch
):
    from campaigns import services
    from campaigns.exceptions import CampaignError

    def refuse(**kwargs):
        raise CampaignError("refused by the service")

    monkeypatch.setattr(services, "add_spot", refuse)
    client.force_login(advertiser_a)
    response = upload(client, campaign, clips["good"])
    assert response.status_code == 400
    assert response.json()["error"] == "refused by the service"
    assert_nothing_left(storage)


@pytest.mark.django_db
def test_new_version_of_a_refused_spot(client, advertiser_a, campaign, clips):
    client.force_login(advertiser_a)
    assert upload(client, campaign, clips["png"]).status_code == 201
    first = Spot.objects.get()
    Spot.objects.filter(pk=first.pk).update(review_state=ReviewState.REFUSED)
    upload_id = start(client, campaign, clips["png"]).json()["upload_id"]
    put(client, campaign, upload_id, 0, clips["png"].read_bytes())
    response = client.post(
        url("finish", campaign, upload_id=upload_id),
        json.dumps({"replaces": str(first.uuid)}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Spot.objects.get(replaces=first).kind == SpotKind.IMAGE
