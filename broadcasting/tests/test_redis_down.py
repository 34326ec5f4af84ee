"""Approval with Redis down (issue 12): the commercial team approves a campaign
while the cache, the broker and the channel layer are gone; the approval stands,
and the placement that could not be enqueued is done by the sweeper
(`place_forgotten_campaigns`, every 10 minutes) once the broker is back."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from broadcasting import tasks
from broadcasting.models import Airing, AiringEvent, UnplacedItem
from campaigns import services
from campaigns.models import ReviewState, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory
from core.tests import outage

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings, monkeypatch, caplog):
    """Cache, broker and channel layer down (core.tests.outage)."""
    yield from outage.simulate(settings, monkeypatch, caplog)


def next_week() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=7)


def submitted_campaign():
    campaign = CampaignFactory(start_date=next_week(), end_date=next_week() + dt.timedelta(days=6))
    services.submit(campaign=campaign, user=campaign.created_by, accept_terms=True)
    SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
    return campaign


def test_approval_succeeds_and_the_sweeper_places_the_campaign_later(
    client,
    administrator,
    card,
    make_breaks,
    redis_down,
    django_capture_on_commit_callbacks,
    time_machine,
    caplog,
):
    make_breaks(next_week(), days=7)
    campaign = submitted_campaign()
    client.force_login(administrator)
    url = reverse("campaign_review:approve", args=[campaign.pk])
    assert client.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"note": ""})

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Status.APPROVED
    assert "broadcasting.tasks.place_campaign" in redis_down.broker.refused
    assert not Airing.objects.filter(campaign=campaign).exists()
    assert "Could not enqueue broadcasting.tasks.place_campaign" in caplog.text
    listing = client.get(reverse("campaign_review:index"))
    assert listing.status_code == 200

    # Too early: the enqueued placement may still be on its way.
    redis_down.broker.down = False
    assert tasks.place_forgotten_campaigns() == 0

    time_machine.shift(dt.timedelta(minutes=11))
    assert tasks.place_forgotten_campaigns() == 1
    campaign.refresh_from_db()
    assert campaign.status == Status.SCHEDULED
    placed = Airing.objects.filter(campaign=campaign).count()
    assert placed + UnplacedItem.objects.filter(campaign=campaign).count() == 10
    assert placed > 0
    assert tasks.place_forgotten_campaigns() == 0  # done once


def test_the_sweeper_leaves_what_the_scheduler_already_handled(
    approved_campaign, make_breaks, time_machine
):
    make_breaks(next_week(), days=7, capacity=30)
    placed = approved_campaign(start=next_week())
    tasks.place_campaign(placed.pk)
    unplaceable = approved_campaign(start=next_week() + dt.timedelta(days=60))
    tasks.place_campaign(unplaceable.pk)  # no break then: all on the unplaced list
    assert UnplacedItem.objects.filter(campaign=unplaceable).exists()
    draft = CampaignFactory(status=Status.SUBMITTED)
    forgotten = approved_campaign(start=next_week(), user=None)
    time_machine.shift(dt.timedelta(minutes=11))
    events_before = AiringEvent.objects.count()

    assert tasks.place_forgotten_campaigns() == 1

    assert (
        Airing.objects.filter(campaign=forgotten).exists()
        or UnplacedItem.objects.filter(campaign=forgotten).exists()
    )
    assert AiringEvent.objects.exclude(campaign=forgotten).count() == events_before
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_one_failing_campaign_does_not_stop_the_others(
    approved_campaign, make_breaks, time_machine, monkeypatch, caplog
):
    make_breaks(next_week(), days=7)
    first = approved_campaign(start=next_week())
    second = approved_campaign(start=next_week())
    real = tasks.place_campaign

    def flaky(campaign_id):
        if campaign_id == first.pk:
            raise RuntimeError("database hiccup")
        return real(campaign_id)

    monkeypatch.setattr(tasks, "place_campaign", flaky)
    time_machine.shift(dt.timedelta(minutes=11))
    with caplog.at_level(logging.ERROR, logger="broadcasting.tasks"):
        assert tasks.place_forgotten_campaigns() == 1
    assert Airing.objects.filter(campaign=second).exists()
    assert f"forgotten campaign {first.pk} failed" in caplog.text


def test_live_updates_are_best_effort(redis_down, caplog):
    from broadcasting.realtime import broadcast_days
    from campaigns.realtime import broadcast_pending_counts

    broadcast_pending_counts()
    broadcast_days([next_week()])
    assert "Could not broadcast the pending counts" in caplog.text
    assert "Could not announce the planning change" in caplog.text


def test_enqueue_placement_reports_a_broker_outage(redis_down):
    assert tasks.enqueue_placement(42) is False
    assert redis_down.broker.refused == ["broadcasting.tasks.place_campaign"]


def test_the_sweeper_is_scheduled():
    schedule = Schedule.objects.get(func="broadcasting.tasks.place_forgotten_campaigns")
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == (
        Schedule.MINUTES,
        10,
        -1,
    )
