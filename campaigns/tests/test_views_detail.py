"""A campaign's page, its quote PDF, cancel and duplicate."""

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import Campaign, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory

pytestmark = pytest.mark.django_db


def url(name, campaign):
    return reverse(f"campaigns:{name}", kwargs={"uuid": campaign.uuid})


@pytest.fixture
def submitted(advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a)
    services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    return campaign


def test_detail_shows_status_timeline_quote_and_hint(client, advertiser_a, submitted):
    client.force_login(advertiser_a)
    response = client.get(url("detail", submitted))
    assert response.status_code == 200
    assert response.context["quote"]["total"] == submitted.quote_total
    assert [e.to_status for e in response.context["events"]] == [Status.SUBMITTED]
    assert response.context["hint"]
    content = response.content.decode()
    assert url("quote_pdf", submitted) in content
    assert response.context["can_cancel"] is True


def test_spot_technical_report_is_shown(client, advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a)
    SpotFactory(
        campaign=campaign,
        technical_report={
            "kind": "video",
            "container": "mp4",
            "width": 1280,
            "height": 720,
            "issues": [
                {"code": "frame_rate", "level": "warning", "params": {"fps": 30, "target": 25}}
            ],
        },
    )
    client.force_login(advertiser_a)
    response = client.get(url("detail", campaign))
    assert response.status_code == 200
    row = response.context["spots"][0]
    assert row["report"].width == 1280
    assert "1280×720" in response.content.decode()


def test_quote_pdf_is_a_pdf(client, advertiser_a, submitted):
    client.force_login(advertiser_a)
    response = client.get(url("quote_pdf", submitted))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"DV-C-{submitted.uuid.hex[:8].upper()}" in response["Content-Disposition"]


def test_quote_pdf_text(advertiser_a, submitted):
    from campaigns.quote_pdf import quote_number, render_quote_pdf

    advertiser = submitted.advertiser
    advertiser.ifu = "00012345A"
    pdf = render_quote_pdf(submitted, submitted.quote, frozen=True, compress=False)
    assert quote_number(submitted).encode() in pdf
    assert b"00012345A" in pdf


@pytest.mark.parametrize("name", ["detail", "quote_pdf", "edit"])
def test_other_company_gets_404(client, advertiser_b, submitted, name):
    client.force_login(advertiser_b)
    assert client.get(url(name, submitted)).status_code == 404


@pytest.mark.parametrize("name", ["cancel", "duplicate"])
def test_other_company_cannot_post(client, advertiser_b, submitted, name):
    client.force_login(advertiser_b)
    assert client.post(url(name, submitted)).status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert Campaign.objects.count() == 1


@pytest.mark.parametrize("name", ["cancel", "duplicate"])
def test_cancel_and_duplicate_are_post_only(client, advertiser_a, submitted, name):
    client.force_login(advertiser_a)
    assert client.get(url(name, submitted)).status_code == 405
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert Campaign.objects.count() == 1


def test_cancel(client, advertiser_a, submitted):
    client.force_login(advertiser_a)
    response = client.post(url("cancel", submitted))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.CANCELLED


def test_cancel_after_approval_is_refused(client, advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a, status=Status.APPROVED)
    client.force_login(advertiser_a)
    response = client.post(url("cancel", campaign), follow=True)
    assert response.status_code == 200
    campaign.refresh_from_db()
    assert campaign.status == Status.APPROVED


def test_duplicate_redirects_to_the_new_draft(client, advertiser_a, submitted):
    client.force_login(advertiser_a)
    response = client.post(url("duplicate", submitted))
    copy = Campaign.objects.exclude(pk=submitted.pk).get()
    assert copy.status == Status.DRAFT
    assert response.status_code == 302
    assert response["Location"].startswith(url("edit", copy))


def test_title_is_escaped(client, advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a, title="<script>alert(1)</script>")
    client.force_login(advertiser_a)
    for page in (
        url("detail", campaign),
        url("edit", campaign) + "?step=4",
        reverse("campaigns:dashboard"),
    ):
        content = client.get(page).content.decode()
        assert "<script>alert(1)</script>" not in content, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content, page
