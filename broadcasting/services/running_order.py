"""The running order as every write sees it: breaks locked in primary-key order,
their fill read in one query, and the positions of the airings in each break.

Every write locks the breaks it touches, in primary-key order, before it reads
their fill (`select_for_update`; a no-op on SQLite, whose transactions are
serialisable anyway), so two placements, moves or confirmations running at the
same time can never overbook a break. Shared by `placement`, `hand_changes` and
`airings`, which import it and never each other's private names."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Case, PositiveSmallIntegerField, Value, When

from core import clock as broadcast_day

from .. import scheduling
from ..models import Airing, Break
from ..models.airing import BOOKED_STATUSES

# (pk, break id, position, advertiser id, sector id) of an airing holding seconds.
BookedRow = tuple[int, int, int, int, int | None]
# Positions written by one UPDATE (two parameters an airing: far below the limits).
POSITION_CHUNK = 10_000


def lock_breaks(queryset) -> list[Break]:
    """The breaks of `queryset`, locked in primary-key order."""
    return list(queryset.select_for_update().order_by("pk"))


def booked_rows(break_ids: Iterable[int]) -> list[BookedRow]:
    """The airings holding seconds in `break_ids`, in one query. The status is
    checked here rather than in SQL: filtered on the status too, SQLite walks
    the status index (every planned airing of the year) instead of the breaks'."""
    booked = set(BOOKED_STATUSES)
    return [
        (pk, break_id, position, advertiser_id, sector_id)
        for pk, break_id, position, advertiser_id, sector_id, status in Airing.objects.filter(
            break_slot_id__in=list(break_ids)
        )
        .order_by()
        .values_list("pk", "break_slot_id", "position", "advertiser_id", "sector_id", "status")
        if status in booked
    ]


def break_states(
    breaks: list[Break], rows: list[BookedRow] | None = None
) -> dict[int, scheduling.BreakState]:
    """The scheduler's view of `breaks` (by id): fill, advertisers and sectors
    already there (read in one query unless `rows` holds them)."""
    states = {
        b.pk: scheduling.BreakState(
            id=b.pk,
            day=b.day,
            minute=broadcast_day.minute_of(b.starts_at),
            band=b.band_code,
            capacity=b.capacity,
            booked=b.booked_seconds,
            is_open=b.is_open,
        )
        for b in breaks
    }
    if rows is None:
        rows = booked_rows(states)
    for _pk, break_id, _position, advertiser_id, sector_id in rows:
        state = states[break_id]
        state.advertisers.add(advertiser_id)
        if sector_id is not None:
            state.sectors.add(sector_id)
        state.count += 1
    return states


def renumber(new_airings: list[tuple[Airing, int]], rows: list[BookedRow] | None = None) -> None:
    """Give positions: each new airing is inserted at its index in its break's
    running order, the others keep their order (one read, unless `rows` holds
    the breaks' airings already, and one write)."""
    break_ids = {airing.break_slot_id for airing, _index in new_airings}
    if rows is None:
        rows = booked_rows(break_ids)
    order: dict[int, list[tuple[int, int]]] = defaultdict(list)  # (position, pk)
    for pk, break_id, position, _advertiser_id, _sector_id in rows:
        if break_id in break_ids:
            order[break_id].append((position, pk))
    # Each break's running order: (pk, position) of the airings there, in order.
    running: dict[int, list] = {
        break_id: [(pk, position) for position, pk in sorted(airings)]
        for break_id, airings in order.items()
    }
    for airing, index in new_airings:
        sequence = running.setdefault(airing.break_slot_id, [])
        sequence.insert(min(index, len(sequence)), airing)
    moved: dict[int, list[int]] = defaultdict(list)  # new position -> pks
    for sequence in running.values():
        for position, item in enumerate(sequence, start=1):
            if isinstance(item, Airing):
                item.position = position
            elif item[1] != position:
                moved[position].append(item[0])
    pairs = [(pk, position) for position, pks in moved.items() for pk in pks]
    for start in range(0, len(pairs), POSITION_CHUNK):
        chunk = pairs[start : start + POSITION_CHUNK]
        by_position: dict[int, list[int]] = defaultdict(list)
        for pk, position in chunk:
            by_position[position].append(pk)
        Airing.objects.filter(pk__in=[pk for pk, _position in chunk]).update(
            position=Case(
                *(When(pk__in=pks, then=Value(position)) for position, pks in by_position.items()),
                output_field=PositiveSmallIntegerField(),
            )
        )


def compact(break_ids: list[int]) -> None:
    """Positions 1..n in each of `break_ids`, keeping the order."""
    changed = []
    running: dict[int, int] = defaultdict(int)
    for airing in Airing.objects.filter(
        break_slot_id__in=break_ids, status__in=BOOKED_STATUSES
    ).order_by("break_slot_id", "position", "pk"):
        running[airing.break_slot_id] += 1
        if airing.position != running[airing.break_slot_id]:
            airing.position = running[airing.break_slot_id]
            changed.append(airing)
    if changed:
        Airing.objects.bulk_update(changed, ["position"])
