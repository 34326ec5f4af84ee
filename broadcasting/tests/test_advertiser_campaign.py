"""The "Broadcast" section of the advertiser's campaign page: counts, the list of
airings with the make-good marker, the certificate button."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from broadcasting.models import AiringStatus
from broadcasting.selectors import advertiser as selectors
from campaigns.models import Status
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

FIRST_DAY = dt.date(2026, 3, 2)


@pytest.fixture
def campaign(advertiser_a, approved_campaign):
    return approved_campaign(user=advertiser_a, start=FIRST_DAY, days=30)


@pytest.fixture
def place(campaign, make_breaks, airing_in):
    """`place(statuses, first=FIRST_DAY)`: one airing of `campaign` a day."""

    def make(statuses, first=FIRST_DAY, time="19:30"):
        breaks = make_breaks(first, days=len(statuses), times=(("prime-time", time),))
        out = []
        for brk, status in zip(breaks, statuses, strict=True):
            extra = {"confirmed_at": brk.starts_at} if status == AiringStatus.AIRED else {}
            out.append(airing_in(brk, campaign, status=status, **extra))
        return out

    return make


def detail(client, user, campaign):
    client.force_login(user)
    return client.get(reverse("campaigns:detail", kwargs={"uuid": campaign.uuid}))


def test_counts_list_and_certificate_button(
    client, advertiser_a, campaign, place, airing_in, make_breaks
):
    _aired, missed, _planned = place(
        [AiringStatus.AIRED, AiringStatus.MISSED, AiringStatus.PLANNED]
    )
    [later] = make_breaks(FIRST_DAY + dt.timedelta(days=4), days=1)[:1]
    airing_in(later, campaign, make_good_of=missed)

    response = detail(client, advertiser_a, campaign)

    assert response.status_code == 200
    broadcast = response.context["broadcast"]
    counts = broadcast["counts"]
    assert (counts["planned"], counts["aired"], counts["missed"], counts["make_good"]) == (
        2,
        1,
        1,
        1,
    )
    content = response.content.decode()
    assert "data-campaign-airings" in content
    assert content.count("data-make-good") == 1
    certificate = reverse("broadcasts:campaign_certificate", kwargs={"uuid": campaign.uuid})
    assert certificate in content
    assert f"{reverse('broadcasts:calendar')}?campaign={campaign.uuid}" in content


def test_no_certificate_button_before_anything_aired(client, advertiser_a, campaign, place):
    place([AiringStatus.PLANNED, AiringStatus.MISSED])
    response = detail(client, advertiser_a, campaign)
    assert response.context["broadcast"]["can_certify"] is False
    assert "data-certificate-link" not in response.content.decode()


def test_section_is_absent_before_approval(client, advertiser_a):
    draft = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    response = detail(client, advertiser_a, draft)
    assert response.context["broadcast"] is None
    assert "data-campaign-airings" not in response.content.decode()


def test_list_is_capped_with_a_link_to_the_calendar(client, advertiser_a, campaign, place):
    place([AiringStatus.PLANNED] * (selectors.CAMPAIGN_LIST_LIMIT + 5))
    response = detail(client, advertiser_a, campaign)
    broadcast = response.context["broadcast"]
    assert len(broadcast["rows"]) == selectors.CAMPAIGN_LIST_LIMIT
    assert broadcast["more"] == 5
    assert "data-calendar-link" in response.content.decode()


def test_queries_do_not_grow_with_the_airings(client, advertiser_a, campaign, place):
    place([AiringStatus.AIRED])
    detail(client, advertiser_a, campaign)
    with CaptureQueriesContext(connection) as few:
        detail(client, advertiser_a, campaign)
    place([AiringStatus.AIRED, AiringStatus.MISSED] * 8, first=FIRST_DAY + dt.timedelta(days=1))
    with CaptureQueriesContext(connection) as many:
        detail(client, advertiser_a, campaign)
    assert len(many) == len(few)
