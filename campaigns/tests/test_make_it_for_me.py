"""A creation request ("faites-le pour moi") to the end: the client submits it,
the team puts it into production and uploads the spot it made, the client
watches it and approves it (or asks for changes, and the team uploads a new
version), then the team approves the campaign."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtailmedia.models import get_media_model

from campaigns import services
from campaigns.exceptions import CampaignError
from campaigns.models import CampaignEvent, CreativeMode, ReviewState, Spot, Status
from campaigns.tests import media_fixtures
from campaigns.tests.factories import CampaignFactory, SpotFactory, image_factory_image
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CHUNKED_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("made")
    return {
        "jpeg": media_fixtures.make_image(folder / "spot-bf1.jpg"),
        "jpeg2": media_fixtures.make_image(folder / "spot-bf1-v2.jpg", width=1920, height=1080),
        "video": media_fixtures.make_faststart_video(folder / "spot-bf1.mp4", seconds=3),
        "html": _html(folder / "faux.mp4"),
    }


def _html(path: Path) -> Path:
    path.write_bytes(b"<!DOCTYPE html><html><body>" + b"x" * 4000 + b"</body></html>")
    return path


def creation_request(advertiser_a, **kwargs):
    """A creation request submitted by advertiser_a (priced with the demo card)."""
    campaign = CampaignFactory(
        user=advertiser_a,
        creative_mode=CreativeMode.MAKE,
        brief_message="Un spot joyeux autour du bissap",
        brief_contacts="Awa, 70 00 00 00",
        **kwargs,
    )
    services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    return campaign


def upload_url(campaign) -> str:
    return reverse("campaign_review:upload_made_spot", args=[campaign.pk])


def approve_url(campaign) -> str:
    return reverse("campaign_review:approve", args=[campaign.pk])


def client_url(name: str, spot) -> str:
    return reverse(f"campaigns:{name}", kwargs={"uuid": spot.campaign.uuid, "spot_uuid": spot.uuid})


def admin_upload(client, campaign, path: Path, **data):
    with open(path, "rb") as handle:
        return client.post(upload_url(campaign), {"file": handle, **data})


def error_messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


# --- Through the services ---------------------------------------------------------------


def test_the_whole_flow_through_the_services(advertiser_a, administrator, card):
    campaign = creation_request(advertiser_a)
    services.start_production(campaign=campaign, actor=administrator)
    with pytest.raises(CampaignError) as error:
        services.approve(campaign=campaign, actor=administrator)
    assert "spot réalisé" in error.value.message

    made = services.add_spot(
        campaign=campaign, user=administrator, kind="image", image=image_factory_image()
    )
    assert made.made_by_team and made.review_state == ReviewState.AWAITING_CLIENT
    # the team does not review its own spot: that is the client's part
    with pytest.raises(CampaignError):
        services.review_spot(spot=made, actor=administrator, approve=True)
    with pytest.raises(CampaignError) as error:
        services.approve(campaign=campaign, actor=administrator)
    assert "pas encore validé le spot réalisé" in error.value.message

    services.client_review_spot(spot=made, user=advertiser_a, approve=True)
    made.refresh_from_db()
    assert (made.review_state, made.reviewed_by) == (ReviewState.APPROVED, advertiser_a)
    event = campaign.events.order_by("pk").last()
    assert (event.actor, event.from_status, event.to_status) == (
        advertiser_a,
        Status.IN_PRODUCTION,
        Status.IN_PRODUCTION,
    )
    admin_note = Notification.objects.filter(recipient=administrator).order_by("pk").last()
    assert admin_note.kind == "creation_request"
    assert campaign.title in admin_note.title

    services.approve(campaign=campaign, actor=administrator)
    campaign.refresh_from_db()
    assert campaign.status == Status.APPROVED


def test_asking_for_changes_then_a_new_version(advertiser_a, administrator, card):
    campaign = creation_request(advertiser_a)
    services.start_production(campaign=campaign, actor=administrator)
    first = services.add_spot(
        campaign=campaign, user=administrator, kind="image", image=image_factory_image()
    )
    with pytest.raises(CampaignError) as error:  # a reason is required
        services.client_review_spot(spot=first, user=advertiser_a, approve=False, reason="  ")
    assert "reason" in error.value.field_errors
    assert Spot.objects.get(pk=first.pk).review_state == ReviewState.AWAITING_CLIENT

    services.client_review_spot(
        spot=first, user=advertiser_a, approve=False, reason="Le logo est trop petit"
    )
    first.refresh_from_db()
    assert first.review_state == ReviewState.CLIENT_CHANGES
    assert first.review_reason == "Le logo est trop petit"
    with pytest.raises(CampaignError) as error:
        services.approve(campaign=campaign, actor=administrator)
    assert "demandé des modifications" in error.value.message

    second = services.add_spot(
        campaign=campaign,
        user=administrator,
        kind="image",
        image=image_factory_image(),
        replaces=first,
    )
    assert second.replaces == first and second.review_state == ReviewState.AWAITING_CLIENT
    services.client_review_spot(spot=second, user=advertiser_a, approve=True)
    services.approve(campaign=campaign, actor=administrator)
    # the history keeps both versions and both answers
    assert set(campaign.spots.values_list("review_state", flat=True)) == {
        ReviewState.CLIENT_CHANGES,
        ReviewState.APPROVED,
    }
    notes = list(campaign.events.values_list("note", flat=True))
    assert any("Le logo est trop petit" in note for note in notes)


def test_only_the_campaigns_company_answers(advertiser_a, advertiser_b, administrator, card):
    campaign = creation_request(advertiser_a)
    services.start_production(campaign=campaign, actor=administrator)
    made = services.add_spot(
        campaign=campaign, user=administrator, kind="image", image=image_factory_image()
    )
    for user in (advertiser_b, administrator):
        with pytest.raises(CampaignError):
            services.client_review_spot(spot=made, user=user, approve=True)
    assert Spot.objects.get(pk=made.pk).review_state == ReviewState.AWAITING_CLIENT


def test_a_spot_the_client_uploaded_is_not_reviewed_by_the_client(advertiser_a, card):
    spot = SpotFactory(campaign=CampaignFactory(user=advertiser_a, status=Status.IN_PRODUCTION))
    with pytest.raises(CampaignError):
        services.client_review_spot(spot=spot, user=advertiser_a, approve=True)


def test_no_answer_once_the_campaign_left_production(advertiser_a, administrator, card):
    campaign = creation_request(advertiser_a)
    services.start_production(campaign=campaign, actor=administrator)
    made = services.add_spot(
        campaign=campaign, user=administrator, kind="image", image=image_factory_image()
    )
    services.cancel(campaign=campaign, actor=advertiser_a)
    with pytest.raises(CampaignError):
        services.client_review_spot(spot=made, user=advertiser_a, approve=True)


def test_a_made_spot_approved_by_the_team_does_not_count(advertiser_a, administrator, card):
    campaign = CampaignFactory(
        user=advertiser_a, status=Status.IN_PRODUCTION, creative_mode=CreativeMode.MAKE
    )
    SpotFactory(
        campaign=campaign,
        made_by_team=True,
        review_state=ReviewState.APPROVED,
        reviewed_by=administrator,
        uploaded_by=administrator,
    )
    with pytest.raises(CampaignError):
        services.approve(campaign=campaign, actor=administrator)


# --- Through the pages ------------------------------------------------------------------


def test_the_whole_flow_through_the_pages(client, advertiser_a, administrator, card, files):
    campaign = creation_request(advertiser_a)
    client.force_login(administrator)
    client.post(reverse("campaign_review:start_production", args=[campaign.pk]), {"note": ""})
    campaign.refresh_from_db()
    assert campaign.status == Status.IN_PRODUCTION

    # approving now is refused with a message
    response = client.post(approve_url(campaign), {"note": ""}, follow=True)
    assert any("spot réalisé" in m for m in error_messages(response))
    campaign.refresh_from_db()
    assert campaign.status == Status.IN_PRODUCTION

    # the inspect page offers the upload; the team uploads the made spot
    inspect = client.get(reverse("campaign_review:inspect", args=[campaign.pk])).content.decode()
    assert upload_url(campaign) in inspect
    assert client.get(upload_url(campaign)).status_code == 200
    response = admin_upload(client, campaign, files["jpeg"])
    assert response.status_code == 302
    made = campaign.spots.get()
    assert made.made_by_team and made.review_state == ReviewState.AWAITING_CLIENT
    assert made.uploaded_by == administrator
    assert Notification.objects.filter(recipient=advertiser_a, kind="spot_review").exists()

    response = client.post(approve_url(campaign), {"note": ""}, follow=True)
    assert any("pas encore validé le spot réalisé" in m for m in error_messages(response))

    # the client sees it, with its picture, and approves it
    client.force_login(advertiser_a)
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert made.image.file.url in page
    assert client_url("spot_approve", made) in page
    assert client_url("spot_request_changes", made) in page
    assert client.get(made.image.file.url).status_code == 200  # its own file
    response = client.post(client_url("spot_approve", made))
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.review_state == ReviewState.APPROVED
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert client_url("spot_approve", made) not in page

    # then the team approves the campaign
    client.force_login(administrator)
    response = client.post(approve_url(campaign), {"note": ""})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Status.APPROVED


def test_changes_asked_through_the_pages(client, advertiser_a, administrator, card, files):
    campaign = creation_request(advertiser_a)
    services.start_production(campaign=campaign, actor=administrator)
    client.force_login(administrator)
    admin_upload(client, campaign, files["jpeg"])
    first = campaign.spots.get()

    client.force_login(advertiser_a)
    response = client.post(client_url("spot_request_changes", first), {"reason": ""}, follow=True)
    assert error_messages(response)
    first.refresh_from_db()
    assert first.review_state == ReviewState.AWAITING_CLIENT
    client.post(client_url("spot_request_changes", first), {"reason": "Plus de <b>rouge</b>"})
    first.refresh_from_db()
    assert first.review_state == ReviewState.CLIENT_CHANGES
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Plus de &lt;b&gt;rouge&lt;/b&gt;" in page

    # the team uploads a new version; the form proposes the spot to replace
    client.force_login(administrator)
    form = client.get(upload_url(campaign)).context["form"]
    assert form.initial["replaces"] == first.pk
    inspect = client.get(reverse("campaign_review:inspect", args=[campaign.pk])).content.decode()
    assert f"{upload_url(campaign)}?replaces={first.pk}" in inspect
    response = admin_upload(client, campaign, files["jpeg2"], replaces=first.pk)
    assert response.status_code == 302
    second = campaign.spots.exclude(pk=first.pk).get()
    assert second.replaces == first
    assert second.review_state == ReviewState.AWAITING_CLIENT

    client.force_login(advertiser_a)
    client.post(client_url("spot_approve", second))
    client.force_login(administrator)
    client.post(approve_url(campaign), {"note": ""})
    campaign.refresh_from_db()
    assert campaign.status == Status.APPROVED
    assert campaign.spots.count() == 2


def test_another_company_gets_404(client, advertiser_a, advertiser_b, administrator, card):
    campaign = creation_request(advertiser_a)
    services.start_production(campaign=campaign, actor=administrator)
    made = services.add_spot(
        campaign=campaign, user=administrator, kind="image", image=image_factory_image()
    )
    client.force_login(advertiser_b)
    for name in ("spot_approve", "spot_request_changes"):
        assert client.post(client_url(name, made), {"reason": "x"}).status_code == 404
        assert client.get(client_url(name, made)).status_code == 405
    # its own campaign with another company's spot: 404 too
    own = CampaignFactory(user=advertiser_b)
    url = reverse("campaigns:spot_approve", kwargs={"uuid": own.uuid, "spot_uuid": made.uuid})
    assert client.post(url).status_code == 404
    assert client.get(made.image.file.url).status_code == 404
    made.refresh_from_db()
    assert made.review_state == ReviewState.AWAITING_CLIENT


def test_staff_cannot_use_the_client_views(client, advertiser_a, administrator, card):
    campaign = creation_request(advertiser_a)
    services.start_production(campaign=campaign, actor=administrator)
    made = services.add_spot(
        campaign=campaign, user=administrator, kind="image", image=image_factory_image()
    )
    client.force_login(administrator)
    assert client.post(client_url("spot_approve", made)).status_code == 403


# --- The team's upload ------------------------------------------------------------------


def test_the_made_video_streams_to_disk_and_plays_for_the_client(
    client, advertiser_a, administrator, files, monkeypatch
):
    from campaigns.admin import production as admin_views

    campaign = CampaignFactory(
        user=advertiser_a,
        status=Status.IN_PRODUCTION,
        creative_mode=CreativeMode.MAKE,
        spot_length=3,
    )
    seen = []
    real_inspect = admin_views.media_checks.inspect_spot

    def spy(path, **kwargs):
        seen.append(path)
        return real_inspect(path, **kwargs)

    monkeypatch.setattr(admin_views.media_checks, "inspect_spot", spy)
    original_on_disk = admin_views._on_disk

    kinds = []

    def on_disk(upload):
        kinds.append(type(upload))
        return original_on_disk(upload)

    monkeypatch.setattr(admin_views, "_on_disk", on_disk)
    client.force_login(administrator)
    response = admin_upload(client, campaign, files["video"])
    assert response.status_code == 302, response.content.decode()[:2000]
    assert kinds == [TemporaryUploadedFile]  # even a small file is not held in memory
    assert seen and not Path(seen[0]).exists()  # the temporary file is gone
    spot = campaign.spots.get()
    assert spot.kind == "video" and spot.made_by_team and spot.poster_id

    client.force_login(advertiser_a)
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert '<video controls preload="metadata"' in page
    assert f'src="{spot.media.file.url}"' in page
    assert f'poster="{spot.poster.file.url}"' in page
    assert client.get(spot.media.file.url).status_code == 200
    assert client.get(spot.poster.file.url).status_code == 200


def test_a_refused_file_leaves_nothing_behind(client, administrator, advertiser_a, files, storage):
    campaign = CampaignFactory(
        user=advertiser_a, status=Status.IN_PRODUCTION, creative_mode=CreativeMode.MAKE
    )
    client.force_login(administrator)
    media_before = (get_media_model().objects.count(), get_image_model().objects.count())
    response = admin_upload(client, campaign, files["html"])
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not campaign.spots.exists()
    assert (get_media_model().objects.count(), get_image_model().objects.count()) == media_before
    media_root = Path(storage) / "media"
    assert not media_root.exists() or not [p for p in media_root.rglob("*") if p.is_file()]


def test_a_wrong_duration_is_refused(client, administrator, advertiser_a, files):
    campaign = CampaignFactory(
        user=advertiser_a,
        status=Status.IN_PRODUCTION,
        creative_mode=CreativeMode.MAKE,
        spot_length=30,
    )
    client.force_login(administrator)
    response = admin_upload(client, campaign, files["video"])
    assert response.status_code == 200
    assert any("30" in str(e) for e in response.context["form"].errors["file"])
    assert not campaign.spots.exists()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.APPROVED, Status.DRAFT])
def test_the_upload_is_for_campaigns_in_production(client, administrator, files, status):
    campaign = CampaignFactory(status=status, creative_mode=CreativeMode.MAKE)
    client.force_login(administrator)
    response = client.get(upload_url(campaign), follow=True)
    assert error_messages(response)
    response = admin_upload(client, campaign, files["jpeg"])
    assert response.status_code == 200
    assert not campaign.spots.exists()


def test_only_a_spot_the_client_asked_to_change_is_replaced(client, administrator, files):
    campaign = CampaignFactory(status=Status.IN_PRODUCTION, creative_mode=CreativeMode.MAKE)
    pending = SpotFactory(campaign=campaign, made_by_team=True, review_state="awaiting_client")
    client.force_login(administrator)
    response = admin_upload(client, campaign, files["jpeg"], replaces=pending.pk)
    assert response.status_code == 200  # not a choice
    assert campaign.spots.count() == 1


def test_the_upload_page_is_for_the_commercial_team(client, editorial, files):
    campaign = CampaignFactory(status=Status.IN_PRODUCTION, creative_mode=CreativeMode.MAKE)
    client.force_login(editorial)
    response = admin_upload(client, campaign, files["jpeg"])
    assert response.status_code == 302
    assert not campaign.spots.exists()
    assert CampaignEvent.objects.filter(campaign=campaign).count() == 0


def test_the_upload_still_checks_the_csrf_token(administrator, files):
    from django.test import Client

    campaign = CampaignFactory(status=Status.IN_PRODUCTION, creative_mode=CreativeMode.MAKE)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(administrator)
    assert admin_upload(browser, campaign, files["jpeg"]).status_code == 403
    assert not campaign.spots.exists()
    browser.get(upload_url(campaign))
    token = browser.cookies["csrftoken"].value
    response = admin_upload(browser, campaign, files["jpeg"], csrfmiddlewaretoken=token)
    assert response.status_code == 302
    assert campaign.spots.get().made_by_team
