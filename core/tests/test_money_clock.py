"""Francs and the broadcast day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine
from hypothesis import given
from hypothesis import strategies as st

from core import clock
from core.money import fcfa, percent_text, round_francs

OUAGA = ZoneInfo("Africa/Ouagadougou")


def test_fcfa_groups_thousands_the_french_way():
    assert fcfa(103545) == "103\u202f545\u00a0FCFA"
    assert fcfa(0) == "0\u00a0FCFA"
    assert fcfa(-1500) == "-1\u202f500\u00a0FCFA"


def test_round_francs_rounds_halves_up():
    assert round_francs(Decimal("10.5")) == 11
    assert round_francs(Decimal("10.49")) == 10
    assert percent_text(Decimal("5.50")) == "5,5\u00a0%"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_fcfa_keeps_every_digit(amount):
    text = fcfa(amount)
    assert int(text.removesuffix("\u00a0FCFA").replace("\u202f", "")) == amount


def test_the_broadcast_day_runs_until_five_in_the_morning():
    with time_machine.travel(dt.datetime(2026, 12, 6, 1, 30, tzinfo=OUAGA), tick=False):
        assert clock.today() == dt.date(2026, 12, 5)
    with time_machine.travel(dt.datetime(2026, 12, 6, 5, 0, tzinfo=OUAGA), tick=False):
        assert clock.today() == dt.date(2026, 12, 6)


def test_a_break_after_midnight_belongs_to_the_previous_running_order():
    moment = clock.starts_at(dt.date(2026, 12, 5), dt.time(0, 30))
    assert moment == dt.datetime(2026, 12, 6, 0, 30, tzinfo=OUAGA)
    assert clock.day_of(moment) == dt.date(2026, 12, 5)
    assert clock.minute_of(moment) == 24 * 60 + 30
    assert clock.minute_of(clock.starts_at(dt.date(2026, 12, 5), dt.time(6, 0))) == 360
