"""The "Campaigns" menu of the Wagtail admin: who gets in, the listings, the
inspect page and the decisions of the commercial team."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.models import CampaignEvent, CreativeMode, ReviewState, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory

pytestmark = pytest.mark.django_db

REVIEW = reverse("campaign_review:index")
ALL = reverse("campaigns_all:index")
SPOTS = reverse("spot_review:index")
COUNTS = reverse("campaigns_pending_counts")
LOGIN_PATHS = {"/login/", "/admin/login/"}


def submitted(**kwargs):
    campaign = CampaignFactory(**kwargs)
    services.submit(campaign=campaign, user=campaign.created_by, accept_terms=True)
    return campaign


@pytest.fixture
def campaign(card):
    return submitted(title="Bissap <script>alert(1)</script>")


# --- Access ------------------------------------------------------------------------


@pytest.mark.parametrize("url", [REVIEW, ALL, SPOTS])
def test_administrator_opens_the_listings(client, administrator, campaign, url):
    client.force_login(administrator)
    assert client.get(url).status_code == 200


def test_superuser_opens_the_listing(client, superuser, campaign):
    client.force_login(superuser)
    assert client.get(REVIEW).status_code == 200


@pytest.mark.parametrize("url", [REVIEW, ALL, SPOTS])
def test_editorial_is_sent_back_to_the_dashboard(client, editorial, url):
    client.force_login(editorial)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("name", ["broadcaster", "advertiser_a", "anonymous"])
def test_others_are_sent_to_login(client, persona, name):
    user = persona(name)
    if user is not None:
        client.force_login(user)
    response = client.get(REVIEW)
    assert response.status_code == 302
    assert urlparse(response["Location"]).path in LOGIN_PATHS


def test_editorial_cannot_act(client, editorial, campaign):
    client.force_login(editorial)
    url = reverse("campaign_review:approve", args=[campaign.pk])
    response = client.post(url)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Status.SUBMITTED


def test_menu_shown_to_administrator_only(client, administrator, editorial):
    client.force_login(administrator)
    assert REVIEW in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editorial)
    assert REVIEW not in client.get(reverse("wagtailadmin_home")).content.decode()


# --- Listings ----------------------------------------------------------------------


def test_review_lists_submitted_oldest_first(client, administrator, card):
    older = submitted(title="Older")
    newer = submitted(title="Newer")
    CampaignFactory(title="Still a draft")
    client.force_login(administrator)
    html = client.get(REVIEW).content.decode()
    assert "Still a draft" not in html
    assert html.index("Older") < html.index("Newer")
    assert older.pk != newer.pk


def test_all_campaigns_filters_and_search(client, administrator, card):
    submitted(title="Bissap", product="Jus")
    CampaignFactory(title="Dolo draft")
    client.force_login(administrator)
    html = client.get(ALL, {"status": "submitted"}).content.decode()
    assert "Bissap" in html and "Dolo draft" not in html
    html = client.get(ALL, {"q": "dolo"}).content.decode()
    assert "Dolo draft" in html and "Bissap" not in html


def test_all_campaigns_export_csv(client, administrator, campaign):
    client.force_login(administrator)
    response = client.get(ALL, {"export": "csv"})
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert campaign.title in body


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("url", [ALL, REVIEW])
def test_listing_query_count_is_constant(client, administrator, url):
    client.force_login(administrator)
    for _ in range(5):
        campaign = CampaignFactory(status=Status.SUBMITTED, submitted_at=timezone.now())
        SpotFactory(campaign=campaign)
    client.get(url)  # warm caches (content types, site)
    few = _count_queries(client, url)
    for _ in range(45):
        CampaignFactory(status=Status.SUBMITTED, submitted_at=timezone.now())
    many = _count_queries(client, url)
    assert few == many


# --- Inspect -----------------------------------------------------------------------


def test_inspect_shows_everything_escaped(client, administrator, campaign):
    SpotFactory(
        campaign=campaign, technical_report={"kind": "image", "width": 1920, "height": 1080}
    )
    client.force_login(administrator)
    response = client.get(reverse("campaign_review:inspect", args=[campaign.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert campaign.advertiser.name in html
    assert "<img src=" in html
    assert "1920×1080" in html
    assert services.admin_url(campaign) == reverse("campaign_review:inspect", args=[campaign.pk])


# --- Decisions ---------------------------------------------------------------------


def test_approve_through_the_view(client, administrator, campaign):
    SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
    client.force_login(administrator)
    url = reverse("campaign_review:approve", args=[campaign.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"note": ""})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Status.APPROVED
    event = CampaignEvent.objects.filter(campaign=campaign).last()
    assert (event.to_status, event.actor) == (Status.APPROVED, administrator)


def test_approve_without_approved_spot_shows_the_error(client, administrator, campaign):
    client.force_login(administrator)
    url = reverse("campaign_review:approve", args=[campaign.pk])
    response = client.post(url, {"note": ""}, follow=True)
    campaign.refresh_from_db()
    assert campaign.status == Status.SUBMITTED
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_refuse_needs_a_reason(client, administrator, campaign):
    client.force_login(administrator)
    url = reverse("campaign_review:refuse", args=[campaign.pk])
    events = CampaignEvent.objects.count()
    response = client.post(url, {"note": "  "})
    assert response.status_code == 200
    campaign.refresh_from_db()
    assert campaign.status == Status.SUBMITTED
    assert CampaignEvent.objects.count() == events
    response = client.post(url, {"note": "Produit non autorisé"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Status.REFUSED
    assert campaign.events.last().note == "Produit non autorisé"


def test_request_changes_needs_a_message(client, administrator, campaign):
    client.force_login(administrator)
    url = reverse("campaign_review:request_changes", args=[campaign.pk])
    assert client.post(url, {"note": ""}).status_code == 200
    campaign.refresh_from_db()
    assert campaign.status == Status.SUBMITTED
    client.post(url, {"note": "Corrigez le message clé"})
    campaign.refresh_from_db()
    assert campaign.status == Status.CHANGES_REQUESTED
    assert campaign.events.last().note == "Corrigez le message clé"


def test_start_production_for_a_creation_request(client, administrator, card):
    campaign = submitted(
        creative_mode=CreativeMode.MAKE, brief_message="Un spot joyeux", brief_contacts="Awa"
    )
    client.force_login(administrator)
    client.post(reverse("campaign_review:start_production", args=[campaign.pk]), {"note": ""})
    campaign.refresh_from_db()
    assert campaign.status == Status.IN_PRODUCTION


def test_actions_are_post_only_in_effect(client, administrator, campaign):
    SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
    client.force_login(administrator)
    client.get(reverse("campaign_review:approve", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.status == Status.SUBMITTED


def test_spot_approve_and_refuse(client, administrator, campaign):
    first = SpotFactory(campaign=campaign)
    second = SpotFactory(campaign=campaign)
    client.force_login(administrator)
    client.post(reverse("spot_review:approve", args=[first.pk]), {"note": ""})
    first.refresh_from_db()
    assert first.review_state == ReviewState.APPROVED
    url = reverse("spot_review:refuse", args=[second.pk])
    assert client.post(url, {"note": ""}).status_code == 200
    second.refresh_from_db()
    assert second.review_state == ReviewState.PENDING
    client.post(url, {"note": "Son trop fort"})
    second.refresh_from_db()
    assert (second.review_state, second.review_reason) == (ReviewState.REFUSED, "Son trop fort")


def test_spot_listing_shows_pending_spots(client, administrator, campaign):
    SpotFactory(campaign=campaign)
    client.force_login(administrator)
    html = client.get(SPOTS).content.decode()
    assert reverse("campaign_review:inspect", args=[campaign.pk]) in html


def test_bulk_approve_reports_skipped(client, administrator, card):
    ready = submitted(title="Ready")
    SpotFactory(campaign=ready, review_state=ReviewState.APPROVED)
    not_ready = submitted(title="No spot")
    client.force_login(administrator)
    url = reverse("campaign_review:bulk_approve")
    assert client.get(url).status_code == 200
    response = client.post(url, {"campaigns": [ready.pk, not_ready.pk]}, follow=True)
    ready.refresh_from_db()
    not_ready.refresh_from_db()
    assert ready.status == Status.APPROVED
    assert not_ready.status == Status.SUBMITTED
    texts = [str(m) for m in response.context["messages"]]
    assert any("No spot" in t and "Skipped" in t or "No spot" in t for t in texts)


# --- Dashboard ---------------------------------------------------------------------


def test_dashboard_panel_shows_counts(client, administrator, campaign):
    SpotFactory(campaign=campaign)
    client.force_login(administrator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="campaigns-pending-counts"' in html
    assert re.search(r'data-count="campaigns"[^>]*>1<', html)
    assert re.search(r'data-count="spots"[^>]*>1<', html)


def test_dashboard_panel_hidden_from_editorial(client, editorial):
    client.force_login(editorial)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "campaigns-pending-counts" not in html


def test_pending_counts_json(client, administrator, campaign):
    client.force_login(administrator)
    response = client.get(COUNTS)
    assert response.status_code == 200
    assert response.json() == {"campaigns": 1, "creation_requests": 0, "spots": 0}


@pytest.mark.parametrize("name", ["editorial"])
def test_pending_counts_refused_to_other_staff(client, persona, name):
    client.force_login(persona(name))
    assert client.get(COUNTS).status_code == 403


@pytest.mark.parametrize("name", ["anonymous", "advertiser_a", "broadcaster"])
def test_pending_counts_sends_others_to_login(client, persona, name):
    user = persona(name)
    if user is not None:
        client.force_login(user)
    response = client.get(COUNTS)
    assert response.status_code == 302
    assert urlparse(response["Location"]).path in LOGIN_PATHS
