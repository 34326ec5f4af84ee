"""The calendar's airings are printed by code (calendar_markup): every value
escaped, the week view with the break and the spot, the month view without."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from broadcasting.models import AiringStatus

from .test_advertiser_calendar import MARCH, book  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

URL = reverse("broadcasts:calendar")
HOSTILE = '<script>alert("x")</script> & "Bissap"'


def test_a_hostile_title_is_printed_as_text_in_both_views(client, advertiser_a, book):  # noqa: F811
    campaign, _airings = book(advertiser_a, MARCH, [AiringStatus.AIRED, AiringStatus.PLANNED])
    campaign.title = HOSTILE
    campaign.save(update_fields=["title"])
    client.force_login(advertiser_a)
    for params in ({"month": "2026-03"}, {"view": "week", "date": MARCH.isoformat()}):
        content = client.get(URL, params).content.decode()
        assert "<script>alert" not in content
        assert (
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Bissap&quot;" in content
        )
        assert content.count("data-airing ") == 2


def test_the_week_view_names_the_break_and_the_month_view_does_not(client, advertiser_a, book):  # noqa: F811
    _campaign, airings = book(advertiser_a, MARCH, [AiringStatus.PLANNED])
    brk = airings[0].break_slot
    brk.label = "Avant le JT"
    brk.save(update_fields=["label"])
    client.force_login(advertiser_a)
    week = client.get(URL, {"view": "week", "date": MARCH.isoformat()}).content.decode()
    month = client.get(URL, {"month": "2026-03"}).content.decode()
    assert "· Avant le JT" in week
    assert "Avant le JT" not in month
    day = MARCH + dt.timedelta(days=0)
    assert f'data-day="{day.isoformat()}"' in week
