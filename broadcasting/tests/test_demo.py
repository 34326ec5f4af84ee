"""The demo break grid: about 40 breaks a day from 06:00 to 00:30, every one in
the hours of a band of the demo rate card, busier around the news; idempotent,
and built by `seed_demo` with its dated breaks."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from broadcasting.demo import ensure_demo_grid
from broadcasting.models import Break, BreakGridSlot
from broadcasting.selectors.admin import time_in_band
from simulator.models import TimeBand

pytestmark = pytest.mark.django_db


def test_about_forty_breaks_a_day_from_six_to_half_past_midnight(card):
    assert ensure_demo_grid() == BreakGridSlot.objects.count()
    per_day = Counter(BreakGridSlot.objects.values_list("weekday", flat=True))
    assert set(per_day) == set(range(7))
    assert all(38 <= n <= 42 for n in per_day.values()), per_day
    for weekday in range(7):
        times = list(BreakGridSlot.objects.filter(weekday=weekday).values_list("time", flat=True))
        daytime = [t for t in times if t >= dt.time(5, 0)]
        assert min(daytime) == dt.time(6, 0)
        assert dt.time(0, 30) in times
        assert all(t >= dt.time(6, 0) or t <= dt.time(0, 30) for t in times)


def test_every_break_is_within_its_band_hours(card):
    ensure_demo_grid()
    bands = {band.code: band for band in TimeBand.objects.filter(rate_card=card)}
    for slot in BreakGridSlot.objects.all():
        assert slot.band_code in bands, slot
        assert time_in_band(bands[slot.band_code], slot.time), slot
        assert str(slot.weekday) in bands[slot.band_code].weekdays
        assert slot.capacity == 180 and slot.label and slot.is_active


def test_every_band_is_used_and_the_news_are_busier(card):
    ensure_demo_grid()
    monday = BreakGridSlot.objects.filter(weekday=0)
    assert set(monday.values_list("band_code", flat=True)) == set(
        TimeBand.objects.filter(rate_card=card).values_list("code", flat=True)
    )

    def within(start, end):
        return monday.filter(time__gte=start, time__lte=end).count()

    # Around the JT 13h and the JT 19h30/20h: a break at least every 20 minutes.
    assert within(dt.time(12, 30), dt.time(13, 30)) >= 3
    assert within(dt.time(19, 20), dt.time(20, 30)) >= 4
    # Mid-afternoon: one every half hour.
    assert within(dt.time(15, 0), dt.time(16, 0)) <= 2
    assert monday.filter(label="Avant JT 19h30").exists()


def test_weekends_differ_a_little(card):
    ensure_demo_grid()

    def day(weekday):
        return set(BreakGridSlot.objects.filter(weekday=weekday).values_list("time", flat=True))

    assert day(0) == day(4)
    assert day(5) == day(6)
    assert day(0) != day(5)
    assert len(day(0) ^ day(5)) <= 6


def test_idempotent_and_respects_the_admin_changes(card):
    ensure_demo_grid()
    count = BreakGridSlot.objects.count()
    edited = BreakGridSlot.objects.get(weekday=0, time=dt.time(19, 28))
    edited.capacity = 240
    edited.save()
    assert ensure_demo_grid() == 0
    assert BreakGridSlot.objects.count() == count
    edited.refresh_from_db()
    assert edited.capacity == 240


def test_seed_demo_builds_the_grid_and_its_breaks(settings):
    from home.tests.utils import run_seed

    settings.DEBUG = True
    output = run_seed()
    slots = BreakGridSlot.objects.count()
    assert slots >= 7 * 38
    breaks = Break.objects.count()
    assert breaks > 7 * 38  # the weeks ahead
    assert "Grille des écrans" in output
    run_seed()
    assert (BreakGridSlot.objects.count(), Break.objects.count()) == (slots, breaks)
