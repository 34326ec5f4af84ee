"""Booking follows the broadcast day: until 05:00 tonight's running order is
still "today", so a campaign may start on the previous calendar date."""

import datetime as dt
from unittest import mock

import pytest

from campaigns import services
from campaigns.exceptions import CampaignError

pytestmark = pytest.mark.django_db

NIGHT = dt.datetime(2026, 12, 11, 1, 0, tzinfo=dt.UTC)  # 01:00 in Ouagadougou


def airtime(start: dt.date) -> dict:
    return {
        "title": "Nuit du cinéma",
        "start_date": start,
        "end_date": start + dt.timedelta(days=6),
        "spot_length": 30,
        "bands": [{"band": "fin-de-soiree", "airings": 3}],
        "options": [],
    }


def test_at_one_in_the_morning_the_evening_before_is_still_today(advertiser_a, card):
    with mock.patch("django.utils.timezone.now", return_value=NIGHT):
        campaign = services.create_draft(user=advertiser_a, data=airtime(dt.date(2026, 12, 10)))
    assert campaign.start_date == dt.date(2026, 12, 10)


def test_the_day_before_that_is_past(advertiser_a, card):
    with (
        mock.patch("django.utils.timezone.now", return_value=NIGHT),
        pytest.raises(CampaignError) as error,
    ):
        services.create_draft(user=advertiser_a, data=airtime(dt.date(2026, 12, 9)))
    assert "start_date" in error.value.field_errors
