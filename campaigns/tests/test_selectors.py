"""Reads: each company sees only its own campaigns; listings run a constant
number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns import selectors
from campaigns.models import CreativeMode, ReviewState, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory

pytestmark = pytest.mark.django_db


def test_a_company_never_sees_another_companys_campaigns(advertiser_a, advertiser_b):
    mine = CampaignFactory(user=advertiser_a)
    theirs = CampaignFactory(user=advertiser_b)
    assert list(selectors.campaigns_for_advertiser(advertiser_a.advertiser)) == [mine]
    assert list(selectors.campaigns_for_advertiser(advertiser_b.advertiser)) == [theirs]
    assert selectors.campaign_for_user(advertiser_a, mine.uuid) == mine
    assert selectors.campaign_for_user(advertiser_a, str(mine.uuid)) == mine
    with pytest.raises(Http404):
        selectors.campaign_for_user(advertiser_a, theirs.uuid)
    with pytest.raises(Http404):
        selectors.campaign_for_user(advertiser_b, mine.uuid)


@pytest.mark.parametrize("value", ["", "not-a-uuid", None, "00000000-0000-0000-0000-000000000000"])
def test_unknown_or_malformed_uuid_is_404(advertiser_a, value):
    CampaignFactory(user=advertiser_a)
    with pytest.raises(Http404):
        selectors.campaign_for_user(advertiser_a, value)


def test_staff_without_company_get_404(administrator, advertiser_a):
    campaign = CampaignFactory(user=advertiser_a)
    with pytest.raises(Http404):
        selectors.campaign_for_user(administrator, campaign.uuid)


def test_filters(advertiser_a):
    company = advertiser_a.advertiser
    today = timezone.localdate()
    draft = CampaignFactory(user=advertiser_a, title="Bissap été", product="Jus")
    submitted = CampaignFactory(
        user=advertiser_a,
        title="Rentrée",
        product="Cahiers Bissap",
        status=Status.SUBMITTED,
        start_date=today + timedelta(days=60),
        end_date=today + timedelta(days=70),
    )
    finished = CampaignFactory(user=advertiser_a, title="Ancienne", status=Status.FINISHED)
    refused = CampaignFactory(user=advertiser_a, title="Refusée", status=Status.REFUSED)

    def titles(**kwargs):
        return {c.title for c in selectors.campaigns_for_advertiser(company, **kwargs)}

    assert titles() == {draft.title, submitted.title}
    assert titles(archived=True) == {finished.title, refused.title}
    assert titles(status=Status.SUBMITTED) == {submitted.title}
    assert titles(status=[Status.DRAFT, Status.SUBMITTED]) == {draft.title, submitted.title}
    assert titles(archived=True, status=Status.REFUSED) == {refused.title}
    assert titles(search="bissap") == {draft.title, submitted.title}  # title or product
    assert titles(search="rentr") == {submitted.title}
    assert titles(start=today + timedelta(days=50)) == {submitted.title}
    assert titles(end=today + timedelta(days=30)) == {draft.title}


def test_listing_annotations(advertiser_a):
    campaign = CampaignFactory(user=advertiser_a, lines=[("prime-time", 10), ("matinee", 5)])
    SpotFactory(campaign=campaign)
    SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
    SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
    row = selectors.campaigns_for_advertiser(advertiser_a.advertiser).get()
    assert (row.spot_count, row.approved_spot_count, row.pending_spot_count) == (3, 2, 1)
    assert row.airings_total == 15


def _listing_queries(advertiser, count: int) -> int:
    user = advertiser
    existing = selectors.campaigns_for_advertiser(user.advertiser).count()
    for _index in range(count - existing):
        campaign = CampaignFactory(user=user, lines=[("prime-time", 3), ("matinee", 2)])
        SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
    with CaptureQueriesContext(connection) as queries:
        shown = []
        rows = list(selectors.campaigns_for_advertiser(user.advertiser))
        for row in rows:
            shown.append((row.sector.name, row.advertiser.name, row.spot_count, row.airings_total))
            [line.band_code for line in row.lines.all()]
            row.get_status_display()
    assert len(rows) == count
    return len(queries)


def test_listing_query_count_does_not_grow(advertiser_a):
    assert _listing_queries(advertiser_a, 5) == _listing_queries(advertiser_a, 50) == 2


def test_detail_query_count_does_not_grow_with_spots_and_events(advertiser_a, administrator):
    campaign = CampaignFactory(user=advertiser_a)

    def count():
        with CaptureQueriesContext(connection) as queries:
            found = selectors.campaign_for_user(advertiser_a, campaign.uuid)
            [event.actor for event in found.events.all()]
            [(spot.image, spot.poster, spot.media) for spot in found.spots.all()]
            [line.airings for line in found.lines.all()]
            assert found.sector and found.advertiser and found.rate_card is None
        return len(queries)

    SpotFactory(campaign=campaign)
    small = count()
    for _index in range(5):
        SpotFactory(campaign=campaign)
    assert count() == small


def test_campaigns_for_review(advertiser_a, advertiser_b):
    now = timezone.now()
    old = CampaignFactory(
        user=advertiser_a, status=Status.SUBMITTED, submitted_at=now - timedelta(days=2)
    )
    new = CampaignFactory(user=advertiser_b, status=Status.SUBMITTED, submitted_at=now)
    urgent = CampaignFactory(
        user=advertiser_b, status=Status.SUBMITTED, submitted_at=now, priority=5
    )
    CampaignFactory(user=advertiser_a, status=Status.DRAFT)
    CampaignFactory(user=advertiser_a, status=Status.APPROVED)
    making = CampaignFactory(
        user=advertiser_a, status=Status.IN_PRODUCTION, creative_mode=CreativeMode.MAKE
    )
    assert list(selectors.campaigns_for_review()) == [urgent, old, new]
    assert making in selectors.campaigns_for_review(statuses=(Status.IN_PRODUCTION,))
    assert selectors.pending_counts() == {"campaigns": 3, "creation_requests": 1, "spots": 0}


def test_spots_for_review_and_reusable_spots(advertiser_a, advertiser_b):
    pending = SpotFactory(campaign=CampaignFactory(user=advertiser_a, status=Status.SUBMITTED))
    SpotFactory(campaign=CampaignFactory(user=advertiser_a, status=Status.CANCELLED))
    approved = SpotFactory(
        campaign=CampaignFactory(user=advertiser_a, status=Status.FINISHED),
        review_state=ReviewState.APPROVED,
    )
    SpotFactory(
        campaign=CampaignFactory(user=advertiser_b, status=Status.FINISHED),
        review_state=ReviewState.APPROVED,
    )
    assert list(selectors.spots_for_review()) == [pending]
    assert list(selectors.reusable_spots(advertiser_a.advertiser)) == [approved]
