"""The as-run matcher: pairs the rows of the playout's log with the day's planned
airings and sorts every discrepancy into its kind. Pure: plain data in, plain
data out, no ORM (the import service reads the day, calls `match_as_run`, then
writes what it decides).

The rules, applied in this order (each row ends in exactly one outcome, each
airing in at most one):

1. A row is *considered* when its clip id is a house code (of a known prefix,
   or of a spot planned that day or of `spot_owners`), or, when it has none
   (or a foreign one), its title matches a planned spot's (accents, case and
   punctuation aside) with a duration of at most the spot's length + 1 s.
   Anything else (programmes, station promos, jingles) is *ignored* and only
   counted, so that they never flood the extras. A row whose status says it
   did not play (`NOT_AIRED_STATUSES`) is ignored too.
2. **In the window**: a row pairs with an airing of its code (or title) whose
   break's window holds it: [break start − tolerance, break end + tolerance];
   among several (one spot twice in the day), the nearest break. Rows are
   taken in time order; full-length rows first, so that a fragment followed
   by a full play leaves the fragment as the extra. Shorter than the spot by
   more than `cut_short_margin_seconds` → **cut short** (flagged, not
   confirmed). A duration of 0 (the file does not say) is never cut short,
   and never matches by title.
3. **Wrong copy**: a row with the house code of another spot of an advertiser
   whose airing in a break around it is still unpaired (the expected spot did
   not air there); one advertiser has at most one airing a break.
4. **Out of window**: a row of a code (or title) of the day outside every
   window of that code: paired with the nearest unpaired airing of it (which
   is then not missing: someone decides), or none when all are paired.
5. **Extra**: any other considered row: a house code unknown to the day
   (`Extra.NOT_PLANNED`), or the spot played again in a break already paired
   (`Extra.REPEAT`).
6. **Missing**: a planned airing left unpaired whose break ended (end +
   tolerance < `now`) inside the span the log covers (`span`, by default from
   its first row to the end of its last): a partial log never makes the rest
   of the day missing. Unpaired planned airings not judged yet are *pending*.

Airings already confirmed (aired or missed, by hand or by an earlier import)
are never matched nor missing and never changed: a row or an absence that
agrees with them is *agreed*, one that does not is a *conflict*."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from . import matching_rules as rules
from .matching_rules import AIRED, MISSED, NOT_AIRED_STATUSES, PLANNED  # noqa: F401 - API

DEFAULT_TOLERANCE_MINUTES = 10


def tolerance_from_settings() -> dt.timedelta:
    """The window's tolerance around a break (`ASRUN_TOLERANCE_MINUTES`, 10)."""
    minutes = getattr(settings, "ASRUN_TOLERANCE_MINUTES", DEFAULT_TOLERANCE_MINUTES)
    return dt.timedelta(minutes=max(int(minutes), 0))


@dataclass(frozen=True, slots=True)
class PlannedAiring:
    """One airing of the day as the matcher needs it. `break_ends_at` is the
    break's start plus its duration as the planning knows it (its capacity);
    `status` is 'planned', 'aired' or 'missed' (others are left out);
    `confirmed_by_hand`: aired or missed by a person (not by an import)."""

    airing_id: int
    break_id: int
    break_starts_at: dt.datetime
    break_ends_at: dt.datetime
    spot_length: int
    house_code: str = ""
    title: str = ""
    advertiser_id: int | None = None
    campaign_id: int | None = None
    status: str = PLANNED
    confirmed_by_hand: bool = False
    confirmed_at: dt.datetime | None = None
    campaign_title: str = ""  # a second title for the fallback


@dataclass(frozen=True, slots=True)
class Matched:
    airing_id: int
    row: Any
    aired_at: dt.datetime


@dataclass(frozen=True, slots=True)
class CutShort:
    airing_id: int
    row: Any
    aired_seconds: float
    spot_length: int


@dataclass(frozen=True, slots=True)
class OutOfWindow:
    airing_id: int | None
    row: Any
    nearest_break_at: dt.datetime


@dataclass(frozen=True, slots=True)
class WrongCopy:
    airing_id: int
    row: Any
    expected_code: str
    aired_code: str


@dataclass(frozen=True, slots=True)
class Extra:
    NOT_PLANNED = "not_planned"  # a house code not planned that day
    REPEAT = "repeat"  # the spot again, in a break already paired

    row: Any
    reason: str


@dataclass(frozen=True, slots=True)
class Missing:
    airing_id: int
    break_ends_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Conflict:
    """A confirmed airing (`recorded`: 'aired' or 'missed') the log contradicts;
    `log`: 'aired', 'cut_short', 'wrong_copy', 'out_of_window' or 'not_aired'."""

    airing_id: int
    row: Any
    recorded: str
    log: str
    by_hand: bool
    confirmed_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Agreed:
    """A confirmed airing the log agrees with (`row` None: nothing aired, as
    recorded)."""

    airing_id: int
    row: Any
    by_hand: bool


@dataclass
class MatchResult:
    matched: list[Matched] = field(default_factory=list)
    cut_short: list[CutShort] = field(default_factory=list)
    out_of_window: list[OutOfWindow] = field(default_factory=list)
    wrong_copy: list[WrongCopy] = field(default_factory=list)
    extra: list[Extra] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    agreed: list[Agreed] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)  # planned, not judged yet
    ignored: list = field(default_factory=list)  # rows

    @property
    def ignored_count(self) -> int:
        return len(self.ignored)

    @property
    def agreed_by_hand(self) -> int:
        return sum(1 for item in self.agreed if item.by_hand)

    def counts(self) -> dict[str, int]:
        """Each kind's count, for the import's summary."""
        return {
            "matched": len(self.matched),
            "cut_short": len(self.cut_short),
            "out_of_window": len(self.out_of_window),
            "wrong_copy": len(self.wrong_copy),
            "extra": len(self.extra),
            "missing": len(self.missing),
            "conflicts": len(self.conflicts),
            "agreed": len(self.agreed),
            "pending": len(self.pending),
            "ignored": len(self.ignored),
        }


# What a pairing means for an airing already confirmed: agreed when the log
# says what the confirmation says.
AGREEING = frozenset(
    {
        (rules.FULL, AIRED),
        (rules.CUT, MISSED),
        (rules.WRONG, MISSED),
        (rules.OUT, MISSED),
        (rules.NONE, MISSED),
    }
)
LOG_WORDS = {
    rules.FULL: "aired",
    rules.CUT: "cut_short",
    rules.WRONG: "wrong_copy",
    rules.OUT: "out_of_window",
    rules.NONE: "not_aired",
}


def match_as_run(
    planned: Iterable[PlannedAiring],
    rows: Iterable[Any],
    *,
    tolerance: dt.timedelta,
    now: dt.datetime,
    cut_short_margin_seconds: float = 1.0,
    span: tuple[dt.datetime, dt.datetime] | None = None,
    prefixes: Collection[str] | None = None,
    spot_owners: Mapping[str, int] | None = None,
) -> MatchResult:
    """Match the as-run `rows` (`AsRunRow`-like: line, channel, aired_at,
    duration_seconds, house_code, title, status) of one day with its `planned`
    airings. `span`: the period the log covers (default: its first row to the
    end of its last); `prefixes`: the house codes' prefixes (default: the
    settings' one, plus those of the codes given); `spot_owners`: house code →
    advertiser id of the day's advertisers' other spots, for the wrong copies.
    Linear in rows + airings; the output's order is fixed whatever the rows'."""
    day = rules.Day.build(
        planned,
        rows,
        prefixes=prefixes,
        spot_owners=spot_owners or {},
        tolerance=tolerance,
        margin=cut_short_margin_seconds,
    )
    if span is None:
        span = day.span()
    result = MatchResult()
    outcomes: list[tuple[tuple, str, Any]] = []

    def emit(kind: str, item: rules.Item | None, airing: PlannedAiring | None, outcome) -> None:
        moment = item.at if item is not None else airing.break_starts_at
        key = (moment, item is None, item.rank if item else -1, airing.airing_id if airing else -1)
        outcomes.append((key, kind, outcome))

    def settle(step: str, item: rules.Item | None, airing: PlannedAiring) -> None:
        row = item.row if item is not None else None
        by_hand = airing.confirmed_by_hand
        if (step, airing.status) in AGREEING:
            emit("agreed", item, airing, Agreed(airing.airing_id, row, by_hand))
            return
        conflict = Conflict(
            airing.airing_id, row, airing.status, LOG_WORDS[step], by_hand, airing.confirmed_at
        )
        emit("conflicts", item, airing, conflict)

    for step, item, airing, nearest in day.pairings():
        row = item.row if item is not None else None
        if airing is not None and airing.status != PLANNED:
            settle(step, item, airing)
        elif step == rules.FULL:
            emit("matched", item, airing, Matched(airing.airing_id, row, item.at))
        elif step == rules.CUT:
            cut = CutShort(airing.airing_id, row, item.duration, airing.spot_length)
            emit("cut_short", item, airing, cut)
        elif step == rules.WRONG:
            wrong = WrongCopy(airing.airing_id, row, day.code_of[airing.airing_id], item.code)
            emit("wrong_copy", item, airing, wrong)
        elif step == rules.OUT:
            airing_id = airing.airing_id if airing is not None else None
            emit("out_of_window", item, airing, OutOfWindow(airing_id, row, nearest))
        elif step in (Extra.NOT_PLANNED, Extra.REPEAT):
            emit("extra", item, None, Extra(row, step))
        else:
            emit("ignored", item, None, row)
    for airing in day.unpaired():
        judged = day.judged(airing, now=now, span=span)
        if airing.status == PLANNED:
            if judged:
                emit("missing", None, airing, Missing(airing.airing_id, airing.break_ends_at))
            else:
                emit("pending", None, airing, airing.airing_id)
        elif judged:
            settle(rules.NONE, None, airing)
    outcomes.sort(key=lambda entry: entry[0])
    for _key, kind, outcome in outcomes:
        getattr(result, kind).append(outcome)
    return result
