"""The advertiser's calendar of airings (/broadcasts/): own airings only, month
and week views, campaign filter, totals, constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from broadcasting.models import AiringStatus
from broadcasting.selectors import advertiser as selectors

pytestmark = pytest.mark.django_db

URL = reverse("broadcasts:calendar")
MARCH = dt.date(2026, 3, 2)  # a Monday


@pytest.fixture
def book(make_breaks, approved_campaign, airing_in):
    """`book(user, first_day, statuses)`: a campaign of `user` with one airing per
    day from `first_day`, of the given statuses in turn."""

    def make(user, first_day, statuses, **campaign_kw):
        campaign = approved_campaign(user=user, start=first_day, days=len(statuses), **campaign_kw)
        breaks = make_breaks(first_day, days=len(statuses), times=(("prime-time", "19:30"),))
        airings = []
        for brk, status in zip(breaks, statuses, strict=True):
            extra = {}
            if status == AiringStatus.AIRED:
                extra["confirmed_at"] = brk.starts_at + dt.timedelta(minutes=1)
            airings.append(airing_in(brk, campaign, status=status, **extra))
        return campaign, airings

    return make


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_month_shows_own_airings_with_status_and_totals(client, advertiser_a, book):
    campaign, airings = book(
        advertiser_a,
        MARCH,
        [AiringStatus.AIRED, AiringStatus.AIRED, AiringStatus.MISSED, AiringStatus.PLANNED],
    )
    client.force_login(advertiser_a)

    response = client.get(URL, {"month": "2026-03"})

    assert response.status_code == 200
    assert response.context["view"] == "month"
    assert [row.airing.pk for row in response.context["rows"]] == [a.pk for a in airings]
    counts = response.context["counts"]
    assert (counts["planned"], counts["aired"], counts["missed"]) == (1, 2, 1)
    content = response.content.decode()
    assert campaign.title in content
    assert 'data-day="2026-03-02"' in content
    assert content.count("data-airing ") == 4
    assert 'data-status="missed"' in content
    # the grid starts on Monday and holds whole weeks
    weeks = response.context["weeks"]
    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][0].date == dt.date(2026, 2, 23)


def test_other_advertiser_sees_none_of_them(client, advertiser_a, advertiser_b, book):
    campaign, _ = book(advertiser_a, MARCH, [AiringStatus.AIRED, AiringStatus.PLANNED])
    client.force_login(advertiser_b)

    response = client.get(URL, {"month": "2026-03"})

    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["counts"]["total"] == 0
    assert campaign.title not in response.content.decode()
    assert response.context["campaign_choices"] == []


def test_foreign_or_malformed_campaign_filter_is_404(client, advertiser_a, advertiser_b, book):
    campaign, _ = book(advertiser_a, MARCH, [AiringStatus.PLANNED])
    client.force_login(advertiser_b)
    assert client.get(URL, {"campaign": str(campaign.uuid)}).status_code == 404
    assert client.get(URL, {"campaign": "not-a-uuid"}).status_code == 404


def test_campaign_filter_keeps_one_campaign(client, advertiser_a, book):
    first, first_airings = book(advertiser_a, MARCH, [AiringStatus.PLANNED, AiringStatus.AIRED])
    second, _ = book(advertiser_a, MARCH + dt.timedelta(days=2), [AiringStatus.PLANNED])
    client.force_login(advertiser_a)

    response = client.get(URL, {"month": "2026-03", "campaign": str(first.uuid)})

    assert response.status_code == 200
    assert [row.airing.pk for row in response.context["rows"]] == [a.pk for a in first_airings]
    assert {c.pk for c in response.context["campaign_choices"]} == {first.pk, second.pk}
    # the arrows keep the filter
    assert f"campaign={first.uuid}" in response.context["next_url"]
    assert "month=2026-04" in response.context["next_url"]
    assert "month=2026-02" in response.context["previous_url"]


def test_cancelled_airings_are_not_shown(client, advertiser_a, book):
    book(advertiser_a, MARCH, [AiringStatus.CANCELLED, AiringStatus.PLANNED])
    client.force_login(advertiser_a)
    response = client.get(URL, {"month": "2026-03"})
    assert [row.key for row in response.context["rows"]] == ["planned"]


def test_make_good_is_shown_as_such(client, advertiser_a, book, airing_in, make_breaks):
    campaign, [missed] = book(advertiser_a, MARCH, [AiringStatus.MISSED])
    [later] = make_breaks(MARCH + dt.timedelta(days=3), days=1, times=(("prime-time", "20:30"),))
    airing_in(later, campaign, make_good_of=missed)
    client.force_login(advertiser_a)

    response = client.get(URL, {"month": "2026-03"})

    assert [row.key for row in response.context["rows"]] == ["missed", "make_good"]
    assert response.context["counts"]["make_good"] == 1
    assert 'data-status="make_good"' in response.content.decode()


@pytest.mark.parametrize("value", ["2026-13", "mars", "2026-3-1", "9999-01"])
def test_unreadable_month_falls_back_to_this_month_with_a_message(client, advertiser_a, value):
    client.force_login(advertiser_a)
    response = client.get(URL, {"month": value})
    assert response.status_code == 200
    assert response.context["start"] == timezone.localdate().replace(day=1)
    with translation.override("fr"):
        expected = gettext("This month could not be read: here is the current month.")
    assert messages_of(response) == [expected]


def test_default_is_this_month_without_a_message(client, advertiser_a):
    client.force_login(advertiser_a)
    response = client.get(URL)
    today = timezone.localdate()
    assert response.context["start"] == today.replace(day=1)
    assert response.context["end"].month == today.month
    assert messages_of(response) == []


def test_week_view(client, advertiser_a, book):
    _, airings = book(advertiser_a, MARCH, [AiringStatus.AIRED] * 9)
    client.force_login(advertiser_a)

    response = client.get(URL, {"view": "week", "date": "2026-03-04"})

    assert response.status_code == 200
    assert response.context["view"] == "week"
    assert response.context["start"] == MARCH
    assert response.context["end"] == MARCH + dt.timedelta(days=6)
    assert len(response.context["days"]) == 7
    assert len(response.context["rows"]) == 7  # the 8th and 9th are the next week
    assert "date=2026-03-09" in response.context["next_url"]
    assert "date=2026-02-23" in response.context["previous_url"]
    assert "month=2026-03" in response.context["other_view_url"]


def test_unreadable_week_date_falls_back_to_this_week(client, advertiser_a):
    client.force_login(advertiser_a)
    response = client.get(URL, {"view": "week", "date": "2026-02-30"})
    today = timezone.localdate()
    assert response.context["start"] == today - dt.timedelta(days=today.weekday())
    with translation.override("fr"):
        expected = gettext("This date could not be read: here is the current week.")
    assert messages_of(response) == [expected]


@pytest.mark.parametrize(
    ("who", "status"),
    [("broadcaster", 403), ("editorial", 403), ("administrator", 403), ("anonymous", 302)],
)
def test_only_advertisers_open_it(client_as, who, status):
    # as the client area (/campaigns/) does: staff get 403, visitors the login page
    assert client_as(who).get(URL).status_code == status


def test_queries_do_not_grow_with_the_airings(client, advertiser_a, book):
    client.force_login(advertiser_a)
    book(advertiser_a, MARCH, [AiringStatus.AIRED])
    client.get(URL, {"month": "2026-03"})  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"month": "2026-03"})
    book(advertiser_a, MARCH + dt.timedelta(days=1), [AiringStatus.PLANNED] * 12)
    book(advertiser_a, MARCH + dt.timedelta(days=3), [AiringStatus.MISSED] * 6)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, {"month": "2026-03"})
    assert len(response.context["rows"]) == 19
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    # session, user, roles, the campaign filter's and the airings' reads, then the
    # layout (unread counters, site settings); no permission lookup for the
    # admin's user bar (advertisers never open the admin)
    assert len(many) <= 9, [q["sql"] for q in many.captured_queries]
    with CaptureQueriesContext(connection) as week:
        client.get(URL, {"view": "week", "date": "2026-03-02"})
    assert len(week) == len(few)


def test_navigation_offers_broadcasts_to_advertisers(client, advertiser_a):
    client.force_login(advertiser_a)
    response = client.get(reverse("campaigns:dashboard"))
    links = [url for _label, url, _icon in response.context["nav_items"]]
    assert URL in links


# --- Pure helpers -----------------------------------------------------------------
def test_month_helpers():
    today = dt.date(2026, 11, 24)
    assert selectors.parse_month("2026-02", today) == (dt.date(2026, 2, 1), True)
    assert selectors.parse_month(None, today) == (dt.date(2026, 11, 1), True)
    assert selectors.parse_month("2026-00", today) == (dt.date(2026, 11, 1), False)
    assert selectors.month_bounds(dt.date(2028, 2, 1)) == (
        dt.date(2028, 2, 1),
        dt.date(2028, 2, 29),
    )
    assert selectors.shift_month(dt.date(2026, 12, 1), 1) == dt.date(2027, 1, 1)
    assert selectors.shift_month(dt.date(2026, 1, 1), -1) == dt.date(2025, 12, 1)
    assert selectors.week_bounds(dt.date(2026, 3, 8)) == (MARCH, dt.date(2026, 3, 8))
    assert selectors.parse_day("2026-03-04", today) == (dt.date(2026, 3, 4), True)
    assert selectors.parse_day("demain", today) == (today, False)
