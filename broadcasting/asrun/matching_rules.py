"""The matcher's passes (see `matching` for the rules in words): the day's
airings indexed by house code, title and advertiser, the rows in a fixed order,
and the pairing of each row, pass after pass. Pure: no ORM."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from campaigns.house_codes import house_code_prefix

from .house_codes import code_prefix, is_house_code, normalise_code, title_key

PLANNED, AIRED, MISSED = "planned", "aired", "missed"
STATUSES = frozenset({PLANNED, AIRED, MISSED})

# A row's status (lowercased) that says the event did not play.
NOT_AIRED_STATUSES = frozenset(
    {
        "skipped",
        "skip",
        "failed",
        "fail",
        "error",
        "not aired",
        "not_aired",
        "notaired",
        "not played",
        "not_played",
        "cancelled",
        "canceled",
        "dropped",
        "missed",
    }
)
# A title matches when the row lasts at most the spot's length plus this.
TITLE_DURATION_SLACK = 1.0

# Steps of a pairing.
FULL, CUT, WRONG, OUT, NONE = "full", "cut", "wrong", "out", "none"
NOT_PLANNED, REPEAT, IGNORED = "not_planned", "repeat", "ignored"


@dataclass(slots=True)
class Item:
    """A row as the passes read it."""

    rank: int  # its place in the fixed order
    row: Any
    at: dt.datetime
    duration: float
    code: str  # canonical
    ours: bool  # a house code (of the day, of an owner or of a known prefix)
    title: str  # title key, when the row may match by title
    aired: bool
    step: str = ""  # set once paired or classified


def _line_key(line) -> tuple:
    return (0, line, "") if isinstance(line, int) else (1, 0, str(line))


def row_order(row) -> tuple:
    """Every field of the row: its order does not depend on the input's."""
    return (
        row.aired_at,
        _line_key(row.line),
        str(row.house_code or ""),
        str(row.title or ""),
        float(row.duration_seconds or 0),
        str(row.channel or ""),
        str(row.status or ""),
    )


@dataclass
class Day:
    airings: list  # PlannedAiring, by break start then id
    items: list[Item]
    tolerance: dt.timedelta
    margin: float
    code_of: dict[int, str] = field(default_factory=dict)
    by_code: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    by_title: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    by_advertiser: dict[int, list] = field(default_factory=lambda: defaultdict(list))
    owners: dict[str, int] = field(default_factory=dict)
    paired: set[int] = field(default_factory=set)  # airing ids

    @classmethod
    def build(
        cls,
        planned: Iterable,
        rows: Iterable,
        *,
        prefixes: Collection[str] | None,
        spot_owners: Mapping[str, int],
        tolerance: dt.timedelta,
        margin: float,
    ) -> Day:
        airings = sorted(
            (a for a in planned if a.status in STATUSES),
            key=lambda a: (a.break_starts_at, a.airing_id),
        )
        if len({a.airing_id for a in airings}) != len(airings):
            raise ValueError("Each planned airing must be given once.")
        known = {p.upper() for p in (prefixes if prefixes is not None else (house_code_prefix(),))}
        day = cls(airings=airings, items=[], tolerance=tolerance, margin=float(margin))
        for code, advertiser_id in spot_owners.items():
            canonical = normalise_code(code, known)
            if canonical:
                day.owners[canonical] = advertiser_id
        for airing in airings:
            code = day.code_of[airing.airing_id] = normalise_code(airing.house_code, known)
            if code:
                day.by_code[code].append(airing)
                if airing.advertiser_id is not None:
                    day.owners[code] = airing.advertiser_id
            for title in {title_key(airing.title), title_key(airing.campaign_title)} - {""}:
                day.by_title[title].append(airing)
            if airing.advertiser_id is not None:
                day.by_advertiser[airing.advertiser_id].append(airing)
        known |= {code_prefix(code) for code in day.owners} - {""}
        for rank, row in enumerate(sorted(rows, key=row_order)):
            code = normalise_code(row.house_code, known)
            ours = bool(code) and (
                code in day.by_code or code in day.owners or is_house_code(code, known)
            )
            title = "" if ours else title_key(row.title)
            status = str(row.status or "").strip().lower()
            day.items.append(
                Item(
                    rank=rank,
                    row=row,
                    at=row.aired_at,
                    duration=float(row.duration_seconds or 0),
                    code=code,
                    ours=ours,
                    title=title if title in day.by_title else "",
                    aired=status not in NOT_AIRED_STATUSES,
                )
            )
        return day

    # --- Time ------------------------------------------------------------------------

    def in_window(self, airing, at: dt.datetime) -> bool:
        return (
            airing.break_starts_at - self.tolerance <= at <= airing.break_ends_at + self.tolerance
        )

    @staticmethod
    def nearness(airing, at: dt.datetime) -> tuple:
        """How far `at` is from the break: 0 inside it; ties by its start."""
        start, end = airing.break_starts_at, airing.break_ends_at
        outside = max(start - at, at - end, dt.timedelta(0))
        return (outside, abs(at - start), start, airing.airing_id)

    def span(self) -> tuple[dt.datetime, dt.datetime] | None:
        """The period the rows cover: the first start to the last end."""
        if not self.items:
            return None
        first = min(item.at for item in self.items)
        last = max(item.at + dt.timedelta(seconds=max(item.duration, 0)) for item in self.items)
        return first, last

    def judged(self, airing, *, now: dt.datetime, span) -> bool:
        """Whether an unpaired airing's absence from the log means something:
        its break ended (with the tolerance) and lies inside the log's span."""
        if span is None or airing.break_ends_at + self.tolerance >= now:
            return False
        return span[0] <= airing.break_starts_at and airing.break_ends_at <= span[1]

    # --- Candidates --------------------------------------------------------------------

    def candidates(self, item: Item) -> list:
        """The airings the row may be: of its code, or else of its title (those
        the row does not outlast by more than the slack)."""
        if item.ours:
            return self.by_code.get(item.code, [])
        if item.title and item.duration > 0:
            return [
                airing
                for airing in self.by_title[item.title]
                if item.duration <= airing.spot_length + TITLE_DURATION_SLACK
            ]
        return []

    def is_cut(self, item: Item, airing) -> bool:
        return 0 < item.duration < airing.spot_length - self.margin

    def _nearest(self, item: Item, airings: Iterable):
        best = None
        for airing in airings:
            if best is None or self.nearness(airing, item.at) < self.nearness(best, item.at):
                best = airing
        return best

    def _pair(self, item: Item, airing, step: str) -> tuple:
        item.step = step
        if airing is not None:
            self.paired.add(airing.airing_id)
        return step, item, airing, None

    # --- The passes ------------------------------------------------------------------

    def pairings(self) -> Iterator[tuple[str, Item, Any, dt.datetime | None]]:
        """(step, row item, airing or None, nearest break start) for every row."""
        live = [item for item in self.items if item.aired]
        for item in self.items:
            if not item.aired:
                item.step = IGNORED
                yield IGNORED, item, None, None
        for cut in (False, True):  # full plays first, then fragments
            for item in live:
                if item.step:
                    continue
                airing = self._nearest(
                    item,
                    (
                        a
                        for a in self.candidates(item)
                        if a.airing_id not in self.paired
                        and self.in_window(a, item.at)
                        and self.is_cut(item, a) == cut
                    ),
                )
                if airing is not None:
                    yield self._pair(item, airing, CUT if cut else FULL)
        for item in live:
            advertiser_id = self.owners.get(item.code) if item.ours else None
            if item.step or advertiser_id is None:
                continue
            airing = self._nearest(
                item,
                (
                    a
                    for a in self.by_advertiser.get(advertiser_id, ())
                    if a.airing_id not in self.paired
                    and self.in_window(a, item.at)
                    and self.code_of[a.airing_id] != item.code
                ),
            )
            if airing is not None:
                yield self._pair(item, airing, WRONG)
        for item in live:
            if item.step:
                continue
            candidates = self.candidates(item)
            if candidates and not any(self.in_window(a, item.at) for a in candidates):
                free = (a for a in candidates if a.airing_id not in self.paired)
                airing = self._nearest(item, free)
                nearest = (airing or self._nearest(item, candidates)).break_starts_at
                step, item, airing, _none = self._pair(item, airing, OUT)
                yield step, item, airing, nearest
            elif candidates:
                yield self._pair(item, None, REPEAT)
            elif item.ours:
                yield self._pair(item, None, NOT_PLANNED)
            else:
                yield self._pair(item, None, IGNORED)

    def unpaired(self) -> list:
        return [a for a in self.airings if a.airing_id not in self.paired]
