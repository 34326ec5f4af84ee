"""The placement service: scheduler runs on the database, the unplaced list, hand
placements, moves and removals."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.signal_handlers import disable_reference_index_auto_update

from broadcasting.exceptions import BroadcastError
from broadcasting.models import Airing, AiringEvent, Break, BroadcastSettings, UnplacedItem
from broadcasting.services import placement
from campaigns.models import Status
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def next_week():
    return timezone.localdate() + dt.timedelta(days=7)


def test_places_every_airing_and_schedules_the_campaign(make_breaks, approved_campaign):
    breaks = make_breaks(next_week(), days=7)
    campaign = approved_campaign(lines=(("prime-time", 7),), start=next_week(), days=7)
    result = placement.place_campaign(campaign=campaign, actor=None)

    assert (result.placed, result.unplaced) == (7, 0)
    airings = list(Airing.objects.filter(campaign=campaign).select_related("break_slot"))
    assert sorted(a.break_slot.day for a in airings) == [
        next_week() + dt.timedelta(days=i) for i in range(7)
    ]
    assert {a.unit_price for a in airings} == {87750}
    assert {a.spot_id for a in airings} == {campaign.spots.get().pk}
    assert sum(b.booked_seconds for b in Break.objects.all()) == 7 * 30
    assert AiringEvent.objects.filter(action="placed", campaign=campaign).count() == 7
    campaign.refresh_from_db()
    assert campaign.status == Status.SCHEDULED
    assert Notification.objects.filter(
        recipient__advertiser=campaign.advertiser, kind="airing"
    ).exists()
    assert len(breaks) == 14


def test_running_again_places_nothing_more(make_breaks, approved_campaign):
    make_breaks(next_week(), days=7)
    campaign = approved_campaign(start=next_week())
    placement.place_campaign(campaign=campaign)
    again = placement.place_campaign(campaign=campaign)
    assert (again.placed, again.unplaced) == (0, 0)
    assert Airing.objects.filter(campaign=campaign).count() == 7


def test_refused_for_a_campaign_not_approved(make_breaks, approved_campaign):
    campaign = approved_campaign(start=next_week())
    campaign.status = Status.SUBMITTED
    campaign.save()
    with pytest.raises(BroadcastError):
        placement.place_campaign(campaign=campaign)
    assert not Airing.objects.exists()


def test_what_does_not_fit_goes_to_the_unplaced_list(make_breaks, approved_campaign):
    make_breaks(next_week(), days=2, times=(("prime-time", "19:30"),), capacity=30)
    campaign = approved_campaign(
        lines=(("prime-time", 4), ("matinee", 2)), start=next_week(), days=2
    )
    result = placement.place_campaign(campaign=campaign)
    assert result.placed == 2
    reasons = sorted(UnplacedItem.objects.values_list("band_code", "reason"))
    assert reasons == [
        ("matinee", "no_break"),
        ("matinee", "no_break"),
        ("prime-time", "separation"),
        ("prime-time", "separation"),
    ]
    assert Break.objects.filter(booked_seconds__gt=30).count() == 0


def test_full_breaks_give_reason_full(make_breaks, approved_campaign):
    make_breaks(next_week(), days=1, times=(("prime-time", "19:30"),), capacity=30)
    first = approved_campaign(lines=(("prime-time", 1),), start=next_week(), days=1)
    second = approved_campaign(lines=(("prime-time", 1),), start=next_week(), days=1)
    placement.place_campaign(campaign=first)
    placement.place_campaign(campaign=second)
    assert UnplacedItem.objects.get(campaign=second).reason == "full"


def test_same_sector_is_kept_apart(make_breaks, approved_campaign):
    make_breaks(next_week(), days=1, times=(("prime-time", "19:30"), ("prime-time", "20:30")))
    first = approved_campaign(lines=(("prime-time", 1),), start=next_week(), days=1)
    second = approved_campaign(
        lines=(("prime-time", 1),), start=next_week(), days=1, sector=first.sector
    )
    placement.place_campaign(campaign=first)
    placement.place_campaign(campaign=second)
    a = Airing.objects.get(campaign=first)
    b = Airing.objects.get(campaign=second)
    assert a.break_slot_id != b.break_slot_id


def test_queries_do_not_grow_with_the_airings(make_breaks, approved_campaign):
    make_breaks(
        next_week(),
        days=30,
        times=[("prime-time", f"{h}:{m:02d}") for h in (19, 20) for m in (30, 45)],
    )

    BroadcastSettings.load()  # the settings row exists before measuring
    # Both campaigns exist before measuring (their creation queues Wagtail's
    # reference-index work, which is not the scheduler's).
    campaigns = {
        n: approved_campaign(lines=(("prime-time", n),), start=next_week(), days=30)
        for n in (10, 40)
    }

    def run(airings):
        # Wagtail's reference index (run by its task backend when a campaign is
        # saved) comes and goes with its caches: not the scheduler's queries.
        with disable_reference_index_auto_update(), CaptureQueriesContext(connection) as ctx:
            result = placement.place_campaign(campaign=campaigns[airings])
        assert result.placed == airings
        return len(ctx.captured_queries)

    # Below SQLite's 999-parameter batches (Django splits bigger bulk inserts there).
    small, large = run(10), run(40)
    assert small == large


def test_hand_placement_checks_the_rules_and_logs_an_override(
    make_breaks, approved_campaign, administrator
):
    full, free = make_breaks(
        next_week(), days=1, times=(("prime-time", "19:30"), ("prime-time", "20:30")), capacity=30
    )
    filler = approved_campaign(lines=(("prime-time", 1),), start=next_week(), days=1)
    placement.place_campaign(campaign=filler)
    full_break = Break.objects.get(booked_seconds=30, pk__in=[full.pk, free.pk])
    other_break = Break.objects.exclude(pk=full_break.pk).get(pk__in=[full.pk, free.pk])
    campaign = approved_campaign(lines=(("prime-time", 1),), start=next_week(), days=1)
    item = UnplacedItem.objects.create(campaign=campaign, band_code="prime-time", reason="full")

    with pytest.raises(BroadcastError, match="plein|full"):
        placement.place_unplaced(item=item, brk=full_break, actor=administrator)
    assert not Airing.objects.filter(campaign=campaign).exists()

    airing = placement.place_unplaced(
        item=item, brk=full_break, actor=administrator, override_capacity=True
    )
    full_break.refresh_from_db()
    assert full_break.booked_seconds == 60
    assert AiringEvent.objects.filter(
        action="override", airing=airing, actor=administrator
    ).exists()
    item.refresh_from_db()
    assert item.resolution == "placed"
    with pytest.raises(BroadcastError):
        placement.place_unplaced(item=item, brk=other_break, actor=administrator)


def test_release_is_logged(approved_campaign, administrator):
    campaign = approved_campaign()
    item = UnplacedItem.objects.create(campaign=campaign, band_code="prime-time", reason="full")
    placement.release_unplaced(item=item, actor=administrator, note="Client d'accord")
    item.refresh_from_db()
    assert item.resolution == "released"
    assert AiringEvent.objects.filter(action="released", actor=administrator).exists()


def test_move_and_remove(make_breaks, approved_campaign, administrator):
    first, second = make_breaks(
        next_week(), days=1, times=(("prime-time", "19:30"), ("prime-time", "20:30"))
    )
    campaign = approved_campaign(lines=(("prime-time", 1),), start=next_week(), days=1)
    placement.place_campaign(campaign=campaign)
    airing = Airing.objects.get(campaign=campaign)
    target = second if airing.break_slot_id == first.pk else first
    placement.move_airing(airing=airing, to_break=target, actor=administrator)
    airing.refresh_from_db()
    assert airing.break_slot_id == target.pk
    assert [b.booked_seconds for b in Break.objects.order_by("pk")].count(30) == 1
    assert AiringEvent.objects.filter(action="moved").count() == 1

    with pytest.raises(BroadcastError):
        placement.remove_airing(airing=airing, actor=administrator, reason=" ")
    item = placement.remove_airing(airing=airing, actor=administrator, reason="Match en direct")
    airing.refresh_from_db()
    assert airing.status == "cancelled"
    assert item.reason == "removed"
    assert sum(Break.objects.values_list("booked_seconds", flat=True)) == 0


def test_cannot_move_into_the_past_or_a_full_break(make_breaks, approved_campaign, administrator):
    (future,) = make_breaks(next_week(), days=1, times=(("prime-time", "19:30"),))
    past = Break.objects.create(
        day=timezone.localdate() - dt.timedelta(days=1),
        starts_at=timezone.now() - dt.timedelta(days=1),
        band_code="prime-time",
    )
    campaign = approved_campaign(lines=(("prime-time", 1),), start=next_week(), days=1)
    placement.place_campaign(campaign=campaign)
    airing = Airing.objects.get(campaign=campaign)
    with pytest.raises(BroadcastError, match="past|pass"):
        placement.move_airing(airing=airing, to_break=past, actor=administrator)
    assert Airing.objects.get(pk=airing.pk).break_slot_id == future.pk
