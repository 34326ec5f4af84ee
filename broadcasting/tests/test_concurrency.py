"""Concurrent bookings never overbook a break (PostgreSQL: row locks; SQLite
serialises writers anyway, so these tests are skipped there).

Eight threads, each with its own database connection, fight for the last 30
seconds of one break: scheduler runs of eight campaigns, then hand moves and
hand placements. Exactly one wins; the break ends exactly full."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from broadcasting.exceptions import BroadcastError
from broadcasting.models import Airing, Break, UnplacedItem
from broadcasting.models.airing import BOOKED_STATUSES
from broadcasting.services import placement
from campaigns.models import Campaign

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 8


def in_parallel(calls):
    """Run each call in its own thread (own connection), all released at once by
    a barrier; returns "won" or the French message of the BroadcastError, per call."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str | None] = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            call()
            outcomes[index] = "won"
        except BroadcastError as exc:
            outcomes[index] = f"lost: {exc}"
        except Exception as exc:  # noqa: BLE001 - reported by the assertions
            outcomes[index] = f"error: {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


@pytest.fixture
def day():
    return timezone.localdate() + dt.timedelta(days=7)


@pytest.fixture
def last_seconds(day, make_breaks, approved_campaign, airing_in):
    """A prime-time break of 180 s holding five 30 s airings (150 s booked)."""

    def make(at="19:30"):
        (brk,) = make_breaks(day, days=1, times=(("prime-time", at),), capacity=180)
        for _ in range(5):
            filler = approved_campaign(lines=(("prime-time", 1),), start=day, days=1)
            airing_in(brk, filler)
        brk.refresh_from_db()
        assert brk.booked_seconds == 150
        return brk

    return make


def booked(brk) -> int:
    return sum(
        Airing.objects.filter(break_slot=brk, status__in=BOOKED_STATUSES).values_list(
            "length", flat=True
        )
    )


def test_parallel_scheduler_runs_never_overbook(day, last_seconds, approved_campaign):
    brk = last_seconds()
    # Eight campaigns of eight advertisers in eight sectors, each wanting one
    # 30 s airing in that band on that day: only one fits.
    campaigns = [
        approved_campaign(lines=(("prime-time", 1),), start=day, days=1) for _ in range(THREADS)
    ]
    assert len({c.advertiser_id for c in campaigns}) == THREADS
    assert len({c.sector_id for c in campaigns}) == THREADS

    def place(pk):
        return lambda: placement.place_campaign(campaign=Campaign.objects.get(pk=pk))

    outcomes = in_parallel([place(c.pk) for c in campaigns])

    assert outcomes == ["won"] * THREADS  # the scheduler itself never fails
    brk.refresh_from_db()
    assert brk.booked_seconds == 180 == booked(brk)
    ids = [c.pk for c in campaigns]
    placed = Airing.objects.filter(campaign_id__in=ids, status__in=BOOKED_STATUSES)
    assert placed.count() == 1
    assert placed.get().break_slot_id == brk.pk
    unplaced = UnplacedItem.objects.filter(campaign_id__in=ids, resolved_at__isnull=True)
    assert sorted(unplaced.values_list("reason", flat=True)) == ["full"] * (THREADS - 1)
    assert placed.get().campaign_id not in set(unplaced.values_list("campaign_id", flat=True))


def test_parallel_hand_moves_and_placements_never_overbook(
    day, last_seconds, make_breaks, approved_campaign, airing_in, administrator
):
    target = last_seconds("20:30")
    # Half the threads move a planned airing from its own break of the same
    # evening, the other half place an item of the unplaced list by hand.
    sources = make_breaks(
        day, days=1, times=[("prime-time", f"19:{m:02d}") for m in range(30, 30 + THREADS // 2)]
    )
    moved = []
    for source in sources:
        campaign = approved_campaign(lines=(("prime-time", 1),), start=day, days=1)
        moved.append(airing_in(source, campaign))
    items = []
    for _ in range(THREADS - len(moved)):
        campaign = approved_campaign(lines=(("prime-time", 1),), start=day, days=1)
        items.append(
            UnplacedItem.objects.create(campaign=campaign, band_code="prime-time", reason="full")
        )

    calls = [
        (lambda a=a: placement.move_airing(airing=a, to_break=target, actor=administrator))
        for a in moved
    ] + [
        (lambda i=i: placement.place_unplaced(item=i, brk=target, actor=administrator))
        for i in items
    ]
    outcomes = in_parallel(calls)

    assert outcomes.count("won") == 1, outcomes
    losers = [o for o in outcomes if o != "won"]
    assert all(o.startswith("lost:") for o in losers), losers
    assert all("plein" in o or "full" in o for o in losers), losers
    target.refresh_from_db()
    assert target.booked_seconds == 180 == booked(target)
    # The losers changed nothing: their airings stayed, their items wait.
    for source in Break.objects.filter(pk__in=[s.pk for s in sources]):
        assert source.booked_seconds == booked(source)
    assert (
        Airing.objects.filter(pk__in=[a.pk for a in moved], break_slot=target).count()
        + UnplacedItem.objects.filter(pk__in=[i.pk for i in items], resolution="placed").count()
        == 1
    )
    assert Break.objects.filter(booked_seconds__gt=180).count() == 0
