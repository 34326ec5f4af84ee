"""The campaign list of the dashboard: filters, archive, pagination, queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Status
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

URL = reverse("campaigns:dashboard")


def titles(response):
    return [c.title for c in response.context["campaigns"]]


def test_lists_only_own_campaigns(client, advertiser_a, advertiser_b):
    CampaignFactory(user=advertiser_a, title="A1")
    CampaignFactory(user=advertiser_b, title="B1")
    client.force_login(advertiser_a)
    assert titles(client.get(URL)) == ["A1"]


def test_filters_and_archive(client, advertiser_a):
    today = timezone.localdate()
    CampaignFactory(user=advertiser_a, title="Bissap", product="Jus")
    CampaignFactory(user=advertiser_a, title="Savon", product="Karité", status=Status.SUBMITTED)
    CampaignFactory(
        user=advertiser_a,
        title="Lointaine",
        start_date=today + timedelta(days=100),
        end_date=today + timedelta(days=110),
    )
    CampaignFactory(user=advertiser_a, title="Vieille", status=Status.FINISHED)
    client.force_login(advertiser_a)
    assert sorted(titles(client.get(URL))) == ["Bissap", "Lointaine", "Savon"]
    assert titles(client.get(URL, {"q": "karit"})) == ["Savon"]
    assert titles(client.get(URL, {"status": "submitted"})) == ["Savon"]
    period = {"start": (today + timedelta(days=90)).isoformat()}
    assert titles(client.get(URL, period)) == ["Lointaine"]
    assert titles(client.get(URL, {"archive": "1"})) == ["Vieille"]
    assert titles(client.get(URL, {"archive": "1", "q": "savon"})) == []


def test_pagination(client, advertiser_a):
    CampaignFactory.create_batch(25, user=advertiser_a)
    client.force_login(advertiser_a)
    assert len(titles(client.get(URL))) == 20
    assert len(titles(client.get(URL, {"page": 2}))) == 5


def count_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_constant_query_count(client, advertiser_a):
    client.force_login(advertiser_a)
    CampaignFactory.create_batch(5, user=advertiser_a)
    count_queries(client)  # warm-up: site settings are created on the first request
    five = count_queries(client)
    CampaignFactory.create_batch(45, user=advertiser_a)
    fifty = count_queries(client)
    assert five == fifty
