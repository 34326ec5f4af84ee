"""Breaks from the grid: generation, grid changes, cancellation, exceptional breaks."""

import datetime as dt
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from broadcasting.exceptions import BroadcastError
from broadcasting.models import Airing, AiringEvent, Break, BreakGridSlot, UnplacedItem
from broadcasting.services import inventory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC)  # a Monday morning
MONDAY = dt.date(2026, 12, 7)


@pytest.fixture
def clock():
    with mock.patch("django.utils.timezone.now", return_value=NOW) as patched:
        yield patched


@pytest.fixture
def grid(db):
    slots = []
    for weekday in range(7):
        slots.append(
            BreakGridSlot.objects.create(weekday=weekday, time=dt.time(7, 0), band_code="matinee")
        )
        slots.append(
            BreakGridSlot.objects.create(
                weekday=weekday,
                time=dt.time(19, 28),
                band_code="prime-time",
                label="Avant JT 19h30",
            )
        )
        slots.append(
            BreakGridSlot.objects.create(
                weekday=weekday, time=dt.time(0, 30), band_code="fin-de-soiree"
            )
        )
    return slots


def test_generation_is_idempotent(clock, grid):
    first = inventory.generate_breaks(weeks=2)
    # Monday 07:00 has passed: 3 × 14 − 1 breaks.
    assert first["created"] == 41
    again = inventory.generate_breaks(weeks=2)
    assert again == {"created": 0, "updated": 0, "removed": 0}
    assert Break.objects.count() == 41
    late = Break.objects.filter(band_code="fin-de-soiree").order_by("starts_at").first()
    assert late.day == MONDAY
    assert late.starts_at == dt.datetime(2026, 12, 8, 0, 30, tzinfo=dt.UTC)


def test_a_grid_change_touches_only_future_empty_breaks(clock, grid, approved_campaign, airing_in):
    inventory.generate_breaks(weeks=1)
    prime = [s for s in grid if s.band_code == "prime-time"]
    booked = Break.objects.filter(grid_slot=prime[MONDAY.weekday() + 1]).get()
    campaign = approved_campaign(lines=(("prime-time", 1),), start=MONDAY, days=7)
    airing_in(booked, campaign)
    for slot in prime:
        slot.time = dt.time(19, 25)
        slot.capacity = 240
        slot.save()
    result = inventory.generate_breaks(weeks=1)
    assert result["updated"] == 6
    booked.refresh_from_db()
    assert booked.capacity == 180
    assert Break.objects.filter(band_code="prime-time", capacity=240).count() == 6


def test_a_switched_off_grid_break_removes_its_empty_future_breaks(clock, grid):
    inventory.generate_breaks(weeks=1)
    slot = grid[2]
    slot.is_active = False
    slot.save()
    result = inventory.generate_breaks(weeks=1)
    assert result["removed"] == 1
    assert not Break.objects.filter(grid_slot=slot).exists()


def test_cancel_a_break_sends_its_airings_to_the_unplaced_list(
    clock, grid, approved_campaign, airing_in, administrator
):
    inventory.generate_breaks(weeks=1)
    brk = Break.objects.filter(band_code="prime-time").first()
    campaign = approved_campaign(lines=(("prime-time", 1),), start=MONDAY, days=7)
    airing = airing_in(brk, campaign)
    with pytest.raises(BroadcastError):
        inventory.cancel_break(brk=brk, actor=administrator, reason="")
    assert inventory.cancel_break(brk=brk, actor=administrator, reason="Match en direct") == 1
    brk.refresh_from_db()
    assert brk.status == "cancelled" and brk.booked_seconds == 0
    assert Airing.objects.get(pk=airing.pk).status == "cancelled"
    assert UnplacedItem.objects.get(source_airing=airing).reason == "cancelled"
    assert AiringEvent.objects.filter(action="removed", actor=administrator).exists()
    with pytest.raises(BroadcastError):
        inventory.cancel_break(brk=brk, actor=administrator, reason="Encore")


def test_exceptional_break(clock, administrator):
    brk = inventory.add_exceptional_break(
        day=MONDAY,
        time=dt.time(21, 0),
        band_code="prime-time",
        capacity=120,
        label="Spécial",
        actor=administrator,
    )
    assert brk.is_exceptional
    with pytest.raises(BroadcastError):
        inventory.add_exceptional_break(
            day=MONDAY,
            time=dt.time(6, 0),
            band_code="prime-time",
            capacity=120,
            label="",
            actor=administrator,
        )
    with pytest.raises(BroadcastError):
        inventory.add_exceptional_break(
            day=MONDAY,
            time=dt.time(22, 0),
            band_code="prime-time",
            capacity=5,
            label="",
            actor=administrator,
        )
    # A grid run does not remove an exceptional break.
    inventory.generate_breaks(weeks=1)
    assert Break.objects.filter(pk=brk.pk).exists()


def test_command_and_daily_schedule(clock, grid):
    out = StringIO()
    call_command("generate_breaks", "--weeks", "1", stdout=out)
    assert "créés" in out.getvalue()
    assert Break.objects.count() == 20
    assert Schedule.objects.filter(
        func="broadcasting.tasks.keep_breaks_ahead", schedule_type="D"
    ).exists()
