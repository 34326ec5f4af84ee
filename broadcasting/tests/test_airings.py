"""Proof of airing: confirmations, missed airings and their make-goods, undo."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from broadcasting.exceptions import BroadcastError
from broadcasting.models import Airing, AiringEvent, Break, BroadcastSettings, UnplacedItem
from broadcasting.services import airings as service
from campaigns.models import Status
from core import clock as broadcast_day
from notifications.models import Notification

pytestmark = pytest.mark.django_db

# 19:35 in Ouagadougou (UTC+0) on a Thursday: the 19:30 break has started.
NOW = dt.datetime(2026, 12, 10, 19, 35, tzinfo=dt.UTC)
TODAY = dt.date(2026, 12, 10)


@pytest.fixture
def clock():
    with mock.patch("django.utils.timezone.now", return_value=NOW) as patched:
        yield patched


@pytest.fixture
def tonight(clock, make_breaks, approved_campaign, airing_in):
    """A scheduled campaign with one airing in tonight's 19:30 break and make-good
    room in the following days."""
    breaks = make_breaks(TODAY, days=8, times=(("prime-time", "19:30"), ("prime-time", "20:30")))
    campaign = approved_campaign(lines=(("prime-time", 3),), start=TODAY, days=8)
    campaign.status = Status.SCHEDULED
    campaign.save()
    airing = airing_in(breaks[0], campaign)
    later = airing_in(breaks[1], campaign)
    return campaign, airing, later, breaks


def test_confirm_aired_moves_the_campaign_on_air(tonight, broadcaster):
    campaign, airing, _later, _breaks = tonight
    service.confirm_aired(airing=airing, actor=broadcaster)
    airing.refresh_from_db()
    assert airing.status == "aired"
    assert airing.confirmed_by == broadcaster and airing.confirmed_at == NOW
    campaign.refresh_from_db()
    assert campaign.status == Status.AIRING
    assert AiringEvent.objects.filter(action="aired", actor=broadcaster).count() == 1


def test_only_broadcasters_and_admins_confirm(tonight, advertiser_a, editorial):
    _campaign, airing, _later, _breaks = tonight
    for user in (advertiser_a, editorial):
        with pytest.raises(BroadcastError):
            service.confirm_aired(airing=airing, actor=user)
    assert Airing.objects.get(pk=airing.pk).status == "planned"


def test_a_break_not_started_or_another_day_cannot_be_confirmed(tonight, broadcaster):
    _campaign, _airing, later, breaks = tonight
    with pytest.raises(BroadcastError):
        service.confirm_aired(airing=later, actor=broadcaster)
    tomorrow = Airing.objects.create(
        break_slot=breaks[2],
        campaign=later.campaign,
        advertiser=later.advertiser,
        band_code="prime-time",
        length=30,
    )
    with pytest.raises(BroadcastError):
        service.mark_missed(airing=tomorrow, actor=broadcaster, reason="Coupure")
    assert Airing.objects.filter(status="planned").count() == 3


def test_missed_needs_a_reason_and_gets_a_make_good(tonight, broadcaster, administrator):
    campaign, airing, _later, breaks = tonight
    with pytest.raises(BroadcastError):
        service.mark_missed(airing=airing, actor=broadcaster, reason="  ")
    assert Airing.objects.get(pk=airing.pk).status == "planned"

    service.mark_missed(airing=airing, actor=broadcaster, reason="Coupure de courant")
    airing.refresh_from_db()
    assert airing.status == "missed" and airing.missed_reason == "Coupure de courant"
    make_good = airing.make_good
    assert make_good.status == "planned" and not make_good.make_good_accepted
    # Same band, the first free break after the missed one (20:30 holds the campaign).
    assert make_good.break_slot == breaks[2]
    assert Break.objects.get(pk=breaks[0].pk).booked_seconds == 0
    assert Notification.objects.filter(recipient=administrator, kind="airing").exists()
    assert Notification.objects.filter(recipient__advertiser=campaign.advertiser).exists()

    service.accept_make_good(airing=make_good, actor=administrator)
    assert Airing.objects.get(pk=make_good.pk).make_good_accepted
    with pytest.raises(BroadcastError):
        service.accept_make_good(airing=make_good, actor=broadcaster)


def test_missed_without_room_goes_to_the_unplaced_list(tonight, broadcaster):
    _campaign, airing, _later, breaks = tonight
    Break.objects.filter(day__gt=TODAY).update(booked_seconds=180)
    service.mark_missed(airing=airing, actor=broadcaster, reason="Coupure")
    assert not Airing.objects.filter(make_good_of=airing).exists()
    assert UnplacedItem.objects.get(source_airing=airing).reason == "missed"


def test_undo_by_the_same_broadcaster_within_the_window(tonight, broadcaster):
    _campaign, airing, _later, _breaks = tonight
    service.confirm_aired(airing=airing, actor=broadcaster)
    colleague = UserFactory(email="regie2@bf1.bf", roles=[Role.BROADCASTER])
    with pytest.raises(BroadcastError):
        service.undo_confirmation(airing=airing, actor=colleague)
    service.undo_confirmation(airing=airing, actor=broadcaster)
    airing.refresh_from_db()
    assert airing.status == "planned" and airing.confirmed_by is None


def test_undo_after_the_window_needs_an_administrator_and_a_reason(
    tonight, clock, broadcaster, administrator
):
    _campaign, airing, _later, _breaks = tonight
    service.confirm_aired(airing=airing, actor=broadcaster)
    minutes = BroadcastSettings.load().undo_minutes
    clock.return_value = NOW + dt.timedelta(minutes=minutes + 1)
    with pytest.raises(BroadcastError):
        service.undo_confirmation(airing=airing, actor=broadcaster)
    with pytest.raises(BroadcastError):
        service.undo_confirmation(airing=airing, actor=administrator, reason="")
    service.undo_confirmation(airing=airing, actor=administrator, reason="Erreur de saisie")
    event = AiringEvent.objects.get(action="undone")
    assert event.note == "Erreur de saisie" and event.data["late"] is True


def test_undo_a_missed_airing_cancels_its_make_good(tonight, broadcaster):
    _campaign, airing, _later, _breaks = tonight
    service.mark_missed(airing=airing, actor=broadcaster, reason="Coupure")
    make_good = Airing.objects.get(make_good_of=airing)
    service.undo_confirmation(airing=airing, actor=broadcaster)
    make_good.refresh_from_db()
    assert make_good.status == "cancelled"
    assert Break.objects.get(pk=make_good.break_slot_id).booked_seconds == 0
    assert Break.objects.get(pk=airing.break_slot_id).booked_seconds == 30


def test_campaign_finishes_when_nothing_remains_planned(tonight, clock, broadcaster):
    campaign, airing, later, _breaks = tonight
    service.confirm_aired(airing=airing, actor=broadcaster)
    clock.return_value = NOW + dt.timedelta(hours=1)
    service.confirm_break(brk=later.break_slot, actor=broadcaster)
    campaign.refresh_from_db()
    assert campaign.status == Status.FINISHED


def test_broadcast_day_runs_past_midnight():
    day = dt.date(2026, 12, 10)
    moment = broadcast_day.starts_at(day, dt.time(0, 30))
    assert timezone.localtime(moment).date() == dt.date(2026, 12, 11)
    assert broadcast_day.day_of(moment) == day
    assert broadcast_day.minute_of(moment) == 24 * 60 + 30
