"""Invariants of the as-run matcher, on random days: each row ends in exactly one
outcome, each airing in at most one, confirmed airings are never matched nor
missing, and the order of the rows changes nothing."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from broadcasting.asrun.matching import PlannedAiring, match_as_run
from broadcasting.asrun.rows import AsRunRow

START = dt.datetime(2026, 12, 5, 6, 0, tzinfo=dt.UTC)
CODES = ["BF1-000001", "BF1-000002", "BF1-000003", "BF1-000004", "BF1-000099", ""]
TITLES = ["Bissap", "Sahel Boissons", "Journal", "Météo", ""]
STATUSES = ["planned", "planned", "planned", "aired", "missed"]


@st.composite
def days(draw):
    breaks = draw(st.lists(st.integers(0, 18 * 60), min_size=1, max_size=8, unique=True))
    planned = []
    for airing_id in range(1, draw(st.integers(0, 14)) + 1):
        starts_at = START + dt.timedelta(minutes=draw(st.sampled_from(breaks)))
        status = draw(st.sampled_from(STATUSES))
        planned.append(
            PlannedAiring(
                airing_id=airing_id,
                break_id=starts_at.hour * 60 + starts_at.minute,
                break_starts_at=starts_at,
                break_ends_at=starts_at + dt.timedelta(seconds=draw(st.sampled_from([60, 180]))),
                spot_length=draw(st.sampled_from([15, 30])),
                house_code=draw(st.sampled_from(CODES[:4] + [""])),
                title=draw(st.sampled_from(TITLES)),
                advertiser_id=draw(st.integers(1, 3)),
                campaign_id=airing_id,
                status=status,
                confirmed_by_hand=status != "planned" and draw(st.booleans()),
            )
        )
    rows = [
        AsRunRow(
            line=line,
            channel="BF1",
            aired_at=START + dt.timedelta(seconds=draw(st.integers(-600, 19 * 3600))),
            duration_seconds=draw(st.sampled_from([0.0, 5.0, 14.5, 15.0, 29.5, 30.0, 600.0])),
            house_code=draw(st.sampled_from(CODES + ["bf1 2", "BF1-000003.mxf"])),
            title=draw(st.sampled_from(TITLES)),
            status=draw(st.sampled_from(["", "played", "played", "skipped"])),
        )
        for line in range(1, draw(st.integers(0, 25)) + 1)
    ]
    now = START + dt.timedelta(hours=draw(st.integers(0, 24)))
    owners = {"BF1-000099": draw(st.integers(1, 3))}
    return planned, rows, now, owners


def run(planned, rows, now, owners):
    return match_as_run(
        planned,
        rows,
        tolerance=dt.timedelta(minutes=10),
        now=now,
        prefixes=("BF1",),
        spot_owners=owners,
    )


def rows_of(result):
    lists = (
        result.matched,
        result.cut_short,
        result.out_of_window,
        result.wrong_copy,
        result.extra,
        [c for c in result.conflicts if c.row is not None],
        [a for a in result.agreed if a.row is not None],
    )
    return [id(item.row) for outcomes in lists for item in outcomes] + [
        id(row) for row in result.ignored
    ]


def airings_of(result):
    lists = (
        result.matched,
        result.cut_short,
        [o for o in result.out_of_window if o.airing_id is not None],
        result.wrong_copy,
        result.missing,
        result.conflicts,
        result.agreed,
    )
    return [item.airing_id for outcomes in lists for item in outcomes] + result.pending


@settings(deadline=None, max_examples=150)
@given(days())
def test_each_row_in_exactly_one_outcome_each_airing_in_at_most_one(day):
    planned, rows, now, owners = day
    result = run(planned, rows, now, owners)
    assert sorted(rows_of(result)) == sorted(id(row) for row in rows)
    ids = airings_of(result)
    assert len(ids) == len(set(ids))
    assert set(result.pending) <= {a.airing_id for a in planned if a.status == "planned"}


@settings(deadline=None, max_examples=150)
@given(days())
def test_confirmed_airings_are_never_matched_nor_missing(day):
    planned, rows, now, owners = day
    result = run(planned, rows, now, owners)
    confirmed = {a.airing_id for a in planned if a.status != "planned"}
    hand = {a.airing_id for a in planned if a.confirmed_by_hand}
    changed = [*result.matched, *result.missing, *result.cut_short, *result.wrong_copy]
    changed += [o for o in result.out_of_window if o.airing_id is not None]
    assert not confirmed & {item.airing_id for item in changed}
    assert {c.airing_id for c in result.conflicts} | {a.airing_id for a in result.agreed} <= (
        confirmed
    )
    assert result.agreed_by_hand == len([a for a in result.agreed if a.airing_id in hand])


@settings(deadline=None, max_examples=150)
@given(days(), st.randoms(use_true_random=False))
def test_the_order_of_the_rows_changes_nothing(day, rnd: random.Random):
    planned, rows, now, owners = day
    shuffled_rows, shuffled_plan = list(rows), list(planned)
    rnd.shuffle(shuffled_rows)
    rnd.shuffle(shuffled_plan)
    assert run(shuffled_plan, shuffled_rows, now, owners) == run(planned, rows, now, owners)
