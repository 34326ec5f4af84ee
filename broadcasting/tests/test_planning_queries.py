"""The planning page, its fragment and the exports read a day with a constant
number of queries, whatever the number of breaks and airings (issue 5: ≤ 15)."""

# ruff: noqa: F401, F811 - fixtures imported from planning_fixtures, used as arguments

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from broadcasting.models import Airing, AiringStatus
from broadcasting.selectors import planning

from .planning_fixtures import TODAY, clock, make_video_spot, media_root

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
SMALL_DAY = TODAY + dt.timedelta(days=1)
BIG_DAY = TODAY + dt.timedelta(days=2)


def times(count):
    start = dt.datetime(2026, 1, 1, 6, 0)
    return [
        ("prime-time", (start + dt.timedelta(minutes=25 * n)).strftime("%H:%M"))
        for n in range(count)
    ]


@pytest.fixture
def two_days(clock, media_root, make_breaks, approved_campaign, airing_in, broadcaster):
    """SMALL_DAY: 2 breaks; BIG_DAY: 40 breaks; three airings in each (one video
    spot, two image spots), one confirmed and one make-good on each day."""
    campaigns = [
        approved_campaign(lines=(("prime-time", 80),), start=TODAY, days=5) for _ in range(3)
    ]
    video = make_video_spot(campaigns[0])
    for day, count in ((SMALL_DAY, 2), (BIG_DAY, 40)):
        breaks = make_breaks(day, days=1, times=times(count))
        for brk in breaks:
            for campaign in campaigns:
                airing = airing_in(brk, campaign)
                if campaign is campaigns[0]:
                    Airing.objects.filter(pk=airing.pk).update(spot=video)
        first, second = Airing.objects.filter(break_slot__day=day).order_by("pk")[:2]
        Airing.objects.filter(pk=first.pk).update(
            status=AiringStatus.MISSED, confirmed_by=broadcaster, confirmed_at=clock.return_value
        )
        Airing.objects.filter(pk=second.pk).update(make_good_of=first)
    return campaigns


def count_queries(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (reverse("broadcasting:dashboard"), {}),
        (reverse("broadcasting:fragment"), {}),
        (reverse("broadcasting:dashboard"), {"view": "week"}),
        (reverse("broadcasting:export", kwargs={"fmt": "csv"}), {}),
        (reverse("broadcasting:export", kwargs={"fmt": "xlsx"}), {"view": "week"}),
        (reverse("broadcasting:export", kwargs={"fmt": "pdf"}), {}),
    ],
)
def test_the_query_count_does_not_grow_with_the_day(client, broadcaster, two_days, url, params):
    client.force_login(broadcaster)
    client.get(reverse("broadcasting:dashboard"))  # warm the session and caches
    small = count_queries(client, url, {**params, "date": SMALL_DAY.isoformat()})
    big = count_queries(client, url, {**params, "date": BIG_DAY.isoformat()})
    assert small == big
    assert big <= MAX_QUERIES
    print(f"{url} {params}: {big} queries")  # noqa: T201 - shown with -s


def test_a_full_day_page_stays_within_the_budget(
    client, broadcaster, two_days, django_assert_max_num_queries
):
    client.force_login(broadcaster)
    # The first page ever creates the settings rows (broadcasting, contact): a
    # running station has them.
    client.get(reverse("broadcasting:dashboard"), {"date": SMALL_DAY.isoformat()})
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("broadcasting:dashboard"), {"date": BIG_DAY.isoformat()})
    rows = response.context["breaks"]
    assert len(rows) == 40 and sum(len(row.airings) for row in rows) == 120


def test_the_selector_reads_a_day_in_two_queries(two_days, django_assert_num_queries):
    with django_assert_num_queries(2):
        rows = planning.running_order(BIG_DAY)
        for row in rows:  # everything the page shows is already loaded
            for item in row.airings:
                airing = item.airing
                shown = [str(airing.advertiser), airing.campaign.title, item.spot_title]
                shown += [item.player, airing.confirmed_by, item.make_good, item.replaces]
                if item.replaces is not None:
                    str(item.replaces.break_slot)
                if item.make_good is not None:
                    str(item.make_good.break_slot)
                assert shown
    assert sum(1 for row in rows for item in row.airings if item.make_good) == 1
