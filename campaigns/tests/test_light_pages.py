"""The advertiser's campaign list reads one page of plain rows: what each row
shows, and a constant number of queries whatever the campaigns."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns import selectors
from campaigns.models import ReviewState, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory

pytestmark = pytest.mark.django_db

URL = reverse("campaigns:dashboard")


def test_a_row_shows_its_counts_status_and_link(client, advertiser_a):
    campaign = CampaignFactory(
        user=advertiser_a, lines=[("prime-time", 10), ("matinee", 5)], status=Status.SUBMITTED
    )
    SpotFactory(campaign=campaign)
    SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
    client.force_login(advertiser_a)
    response = client.get(URL)
    (row,) = response.context["campaigns"]
    assert row.url == campaign.get_absolute_url()
    assert (row.spot_count, row.approved_spot_count, row.pending_spot_count) == (2, 1, 1)
    assert row.airings_total == 15
    assert row.status_label == campaign.get_status_display()
    page = response.content.decode()
    assert f'href="{campaign.get_absolute_url()}"' in page
    assert 'data-status="submitted"' in page and "bg-sky-100" in page
    assert ">1/2<" in page


def test_listing_rows_of_no_campaign(advertiser_a):
    plain = selectors.campaigns_for_advertiser(advertiser_a.advertiser, listing_data=False)
    assert selectors.listing_rows(plain) == []


def count(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL).status_code == 200
    return len(context.captured_queries)


def test_queries_do_not_grow_with_the_campaigns_and_spots(client, advertiser_a):
    client.force_login(advertiser_a)
    for _index in range(3):
        SpotFactory(campaign=CampaignFactory(user=advertiser_a, lines=[("prime-time", 2)]))
    count(client)  # warm-up
    few = count(client)
    for _index in range(30):
        campaign = CampaignFactory(user=advertiser_a, lines=[("prime-time", 2), ("matinee", 1)])
        SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
        SpotFactory(campaign=campaign)
    assert count(client) == few
    # session, user, roles, the company with its sector, the count, the rows, their
    # spots and lines, then the layout (unread counters, site settings); no
    # permission lookup for the admin's user bar (advertisers never open the admin)
    assert few <= 12
