"""The pure scheduler (broadcasting/scheduling.py): hard rules, spread, order,
determinism and the reasons given for what cannot be placed. No database."""

import copy
import datetime as dt
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from broadcasting import scheduling as s

START = dt.date(2026, 12, 1)


def grid(days=10, bands=(("prime", [1170, 1230, 1290]), ("day", [600, 720, 840, 960]))):
    breaks = []
    next_id = 1
    for offset in range(days):
        day = START + dt.timedelta(days=offset)
        for band, minutes in bands:
            for minute in minutes:
                breaks.append(s.BreakState(next_id, day, minute, band, 180))
                next_id += 1
    return breaks


def demand(cid=1, advertiser=1, sector=None, length=30, lines=(("prime", 10),), **kw):
    kw.setdefault("start", START)
    kw.setdefault("end", START + dt.timedelta(days=9))
    kw.setdefault("max_per_day", 4)
    return s.CampaignDemand(
        id=cid, advertiser_id=advertiser, sector_id=sector, length=length, lines=lines, **kw
    )


def by_id(breaks):
    return {b.id: b for b in breaks}


def test_places_everything_spread_one_a_day():
    breaks = grid()
    plan = s.plan_campaign(demand(lines=(("prime", 10),)), breaks)
    assert plan.unplaced == []
    days = Counter(p.day for p in plan.placements)
    assert sorted(days.values()) == [1] * 10
    # Each break of the band is used in turn, never jammed into one time.
    minutes = Counter(by_id(breaks)[p.break_id].minute for p in plan.placements)
    assert max(minutes.values()) - min(minutes.values()) <= 1


def test_spread_is_even_when_airings_outnumber_days():
    plan = s.plan_campaign(demand(lines=(("day", 25),)), grid())
    per_day = Counter(p.day for p in plan.placements)
    assert plan.placed_count == 25
    assert max(per_day.values()) - min(per_day.values()) <= 1


def test_fewer_airings_than_days_are_spaced_out():
    plan = s.plan_campaign(demand(lines=(("prime", 3),)), grid())
    days = sorted((p.day - START).days for p in plan.placements)
    assert days == [1, 5, 8]


def test_respects_dates_and_bands():
    breaks = grid()
    d = demand(start=START + dt.timedelta(days=2), end=START + dt.timedelta(days=4))
    plan = s.plan_campaign(d, breaks)
    index = by_id(breaks)
    for p in plan.placements:
        assert d.start <= p.day <= d.end
        assert index[p.break_id].band == "prime"
    # 3 days × 3 prime breaks but at most one airing of the campaign per break.
    assert plan.placed_count == 9
    assert plan.unplaced == [s.Shortfall(1, "prime", 1, s.SEPARATION)]


def test_daily_limit():
    plan = s.plan_campaign(demand(lines=(("day", 40),), max_per_day=2), grid())
    assert plan.placed_count == 20
    assert Counter(p.day for p in plan.placements).most_common(1)[0][1] == 2
    assert plan.unplaced == [s.Shortfall(1, "day", 20, s.DAILY_LIMIT)]


def test_daily_limit_counts_airings_already_planned():
    already = tuple((START + dt.timedelta(days=i), 3) for i in range(10))
    plan = s.plan_campaign(demand(max_per_day=4, per_day=already), grid())
    assert plan.placed_count == 10
    assert Counter(p.day for p in plan.placements).most_common(1)[0][1] == 1


def test_capacity_never_exceeded_and_reason_full():
    breaks = grid(days=1, bands=(("prime", [1200]),))
    breaks[0].capacity = 60
    breaks[0].booked = 45
    plan = s.plan_campaign(demand(lines=(("prime", 1),), length=30), breaks)
    assert plan.placements == []
    assert plan.unplaced == [s.Shortfall(1, "prime", 1, s.FULL)]
    assert breaks[0].booked == 45


def test_no_break_in_band():
    plan = s.plan_campaign(demand(lines=(("night", 4),)), grid())
    assert plan.unplaced == [s.Shortfall(1, "night", 4, s.NO_BREAK)]


def test_advertiser_and_sector_separation():
    breaks = grid(days=1, bands=(("prime", [1200]),))
    first = s.plan_campaign(demand(cid=1, advertiser=1, sector=7, lines=(("prime", 1),)), breaks)
    same_advertiser = s.plan_campaign(demand(cid=2, advertiser=1, lines=(("prime", 1),)), breaks)
    same_sector = s.plan_campaign(
        demand(cid=3, advertiser=2, sector=7, lines=(("prime", 1),)), breaks
    )
    other = s.plan_campaign(demand(cid=4, advertiser=3, sector=8, lines=(("prime", 1),)), breaks)
    assert first.placed_count == 1
    assert same_advertiser.unplaced[0].reason == s.SEPARATION
    assert same_sector.unplaced[0].reason == s.SEPARATION
    assert other.placed_count == 1
    assert breaks[0].count == 2


def test_closed_breaks_are_skipped():
    breaks = grid(days=1, bands=(("prime", [1200]),))
    breaks[0].is_open = False
    plan = s.plan_campaign(demand(lines=(("prime", 1),)), breaks)
    assert plan.placed_count == 0


def test_position_rotates():
    breaks = grid(days=3, bands=(("prime", [1200]),))
    for brk in breaks:
        brk.count = 2
        brk.booked = 60
        brk.advertisers = {90, 91}
    plan = s.plan_campaign(demand(lines=(("prime", 3),), end=START + dt.timedelta(days=2)), breaks)
    assert [p.insert_at for p in plan.placements] == [0, 1, 2]


def test_priority_then_first_approved():
    breaks = grid(days=1, bands=(("prime", [1200]),))
    breaks[0].capacity = 30
    t = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    early = demand(cid=1, advertiser=1, lines=(("prime", 1),), approved_at=t)
    late = demand(cid=2, advertiser=2, lines=(("prime", 1),), approved_at=t + dt.timedelta(hours=1))
    urgent = demand(
        cid=3, advertiser=3, lines=(("prime", 1),), approved_at=t + dt.timedelta(days=1), priority=5
    )
    plan = s.plan_campaigns([late, early, urgent], copy.deepcopy(breaks))
    assert [p.campaign_id for p in plan.placements] == [3]
    plan = s.plan_campaigns([late, early], copy.deepcopy(breaks))
    assert [p.campaign_id for p in plan.placements] == [1]


def test_deterministic():
    demands = [
        demand(cid=i, advertiser=i % 4, sector=i % 3, lines=(("prime", 6), ("day", 9)))
        for i in range(1, 12)
    ]
    a = s.plan_campaigns(demands, grid())
    b = s.plan_campaigns(list(reversed(demands)), grid())
    assert a.placements == b.placements
    assert a.unplaced == b.unplaced


def test_make_good_same_or_better_band_within_window():
    breaks = grid(days=10)
    rank = {"day": 1, "prime": 2}
    missed_day = START + dt.timedelta(days=2)
    # The missed day's later breaks are full: the next day's first day break wins.
    for brk in breaks:
        if brk.day == missed_day:
            brk.booked = brk.capacity
    found = s.find_make_good(
        advertiser_id=1,
        sector_id=None,
        length=30,
        band="day",
        missed_day=missed_day,
        window_days=7,
        band_rank=rank,
        breaks=breaks,
    )
    assert found.day == missed_day + dt.timedelta(days=1)
    assert found.band == "day"
    # From prime time, a day break is never offered.
    found = s.find_make_good(
        advertiser_id=1,
        sector_id=None,
        length=30,
        band="prime",
        missed_day=missed_day,
        window_days=7,
        band_rank=rank,
        breaks=breaks,
    )
    assert found.band == "prime"
    # Nothing within the window: no offer.
    assert (
        s.find_make_good(
            advertiser_id=1,
            sector_id=None,
            length=30,
            band="prime",
            missed_day=START + dt.timedelta(days=30),
            window_days=7,
            band_rank=rank,
            breaks=breaks,
        )
        is None
    )


def test_violations_lists_every_broken_rule():
    brk = s.BreakState(1, START, 1200, "prime", 60, booked=50, advertisers={1}, is_open=False)
    broken = s.violations(
        brk,
        advertiser_id=1,
        sector_id=None,
        length=30,
        start=START + dt.timedelta(days=1),
        end=START + dt.timedelta(days=3),
        bands={"day"},
        day_count=4,
        max_per_day=4,
    )
    assert broken == [s.CLOSED, s.OUT_OF_RANGE, s.WRONG_BAND, s.DAILY_LIMIT, s.SEPARATION, s.FULL]
    assert s.FULL not in s.violations(
        brk, advertiser_id=2, sector_id=None, length=30, allow_over_capacity=True
    )


campaign_strategy = st.builds(
    lambda cid, adv, sector, length, prime, day, start, span, limit, prio: demand(
        cid=cid,
        advertiser=adv,
        sector=sector,
        length=length,
        lines=tuple(x for x in (("prime", prime), ("day", day)) if x[1]),
        start=START + dt.timedelta(days=start),
        end=START + dt.timedelta(days=start + span),
        max_per_day=limit,
        priority=prio,
    ),
    cid=st.integers(1, 10_000),
    adv=st.integers(1, 6),
    sector=st.one_of(st.none(), st.integers(1, 4)),
    length=st.sampled_from([10, 15, 20, 30, 45, 60]),
    prime=st.integers(0, 40),
    day=st.integers(0, 40),
    start=st.integers(0, 8),
    span=st.integers(0, 9),
    limit=st.integers(1, 6),
    prio=st.integers(0, 2),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(campaign_strategy, min_size=1, max_size=8, unique_by=lambda d: d.id))
def test_hard_rules_always_hold(demands):
    breaks = grid()
    plan = s.plan_campaigns(demands, breaks)
    index = by_id(breaks)
    demand_of = {d.id: d for d in demands}
    seconds = Counter()
    advertisers_in = {b.id: Counter() for b in breaks}
    sectors_in = {b.id: set() for b in breaks}
    per_campaign_day = Counter()
    for p in plan.placements:
        d = demand_of[p.campaign_id]
        brk = index[p.break_id]
        assert d.start <= brk.day <= d.end
        assert brk.band in d.bands
        seconds[brk.id] += d.length
        advertisers_in[brk.id][d.advertiser_id] += 1
        if d.sector_id is not None:
            assert d.sector_id not in sectors_in[brk.id]
            sectors_in[brk.id].add(d.sector_id)
        per_campaign_day[(d.id, brk.day)] += 1
        assert per_campaign_day[(d.id, brk.day)] <= d.max_per_day
    for brk in breaks:
        assert seconds[brk.id] == brk.booked <= brk.capacity
        assert all(count == 1 for count in advertisers_in[brk.id].values())
    # Every wanted airing is either placed or reported.
    for d in demands:
        wanted = sum(n for _, n in d.lines)
        placed = sum(1 for p in plan.placements if p.campaign_id == d.id)
        reported = sum(u.count for u in plan.unplaced if u.campaign_id == d.id)
        assert placed + reported == wanted
