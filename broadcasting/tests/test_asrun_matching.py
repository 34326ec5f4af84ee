"""The as-run matcher, one rule at a time: plain data, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from broadcasting.asrun.matching import (
    Agreed,
    Conflict,
    CutShort,
    Extra,
    Matched,
    Missing,
    OutOfWindow,
    PlannedAiring,
    WrongCopy,
    match_as_run,
    tolerance_from_settings,
)
from broadcasting.asrun.rows import AsRunRow

UTC = dt.UTC
NOON = dt.datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
EVENING = dt.datetime(2026, 12, 5, 20, 0, tzinfo=UTC)
LATER = dt.datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
TEN = dt.timedelta(minutes=10)


def airing(airing_id, starts_at=NOON, *, code="", length=30, advertiser=1, **kw):
    return PlannedAiring(
        airing_id=airing_id,
        break_id=kw.pop("break_id", int(starts_at.timestamp())),
        break_starts_at=starts_at,
        break_ends_at=starts_at + dt.timedelta(seconds=kw.pop("capacity", 180)),
        spot_length=length,
        house_code=code,
        title=kw.pop("title", f"Spot {airing_id}"),
        advertiser_id=advertiser,
        campaign_id=airing_id,
        **kw,
    )


def row(at, code="", *, duration=30.0, title="", line=1, status="played"):
    return AsRunRow(
        line=line,
        channel="BF1",
        aired_at=at,
        duration_seconds=duration,
        house_code=code,
        title=title,
        status=status,
    )


def run(planned, rows, **kw):
    kw.setdefault("tolerance", TEN)
    kw.setdefault("now", LATER)
    kw.setdefault("prefixes", ("BF1",))
    return match_as_run(planned, rows, **kw)


def at(base, minutes=0, seconds=0):
    return base + dt.timedelta(minutes=minutes, seconds=seconds)


# A programme around the day, so that the log covers it.
def day_frame():
    return [
        row(at(NOON, -300), title="Journal du matin", duration=1800, line=900),
        row(at(EVENING, 60), title="Film", duration=5400, line=901),
    ]


def test_a_row_with_the_code_in_the_window_is_matched():
    aired = row(at(NOON, 1, 10), "bf1 123")
    result = run([airing(1, code="BF1-000123")], [aired, *day_frame()])
    assert result.matched == [Matched(1, aired, aired.aired_at)]
    assert result.counts()["ignored"] == 2 and result.ignored_count == 2
    assert not (result.missing or result.extra or result.conflicts or result.pending)


def test_the_window_holds_the_tolerance_on_both_sides():
    early, late = row(at(NOON, -10), "BF1-000001"), row(at(NOON, 13), "BF1-000002")
    planned = [airing(1, code="BF1-000001"), airing(2, NOON, code="BF1-000002", advertiser=2)]
    result = run(planned, [early, late])
    assert [m.airing_id for m in result.matched] == [1, 2]  # break end 12:03 + 10 min


def test_two_airings_of_one_spot_go_to_the_nearest_breaks():
    planned = [airing(1, NOON, code="BF1-000007"), airing(2, at(NOON, 15), code="BF1-000007")]
    second, first = row(at(NOON, 16), "BF1-000007", line=2), row(at(NOON, 2), "BF1-000007")
    result = run(planned, [second, first])
    assert result.matched == [
        Matched(1, first, first.aired_at),
        Matched(2, second, second.aired_at),
    ]


def test_a_shorter_play_is_cut_short_and_not_matched():
    cut = row(at(NOON, 1), "BF1-000001", duration=27.5)
    result = run([airing(1, code="BF1-000001")], [cut])
    assert result.cut_short == [CutShort(1, cut, 27.5, 30)]
    assert not result.matched and not result.missing


def test_within_the_margin_is_matched_and_unknown_duration_is_not_cut():
    close = row(at(NOON, 1), "BF1-000001", duration=29.2)
    unknown = row(at(NOON, 2), "BF1-000002", duration=0.0)
    planned = [airing(1, code="BF1-000001"), airing(2, code="BF1-000002", advertiser=2)]
    assert [m.airing_id for m in run(planned, [close, unknown]).matched] == [1, 2]


def test_a_full_play_after_a_fragment_is_the_match_and_the_fragment_an_extra():
    fragment = row(at(NOON, 1), "BF1-000001", duration=4)
    full = row(at(NOON, 2), "BF1-000001", line=2)
    result = run([airing(1, code="BF1-000001")], [fragment, full])
    assert result.matched == [Matched(1, full, full.aired_at)]
    assert result.extra == [Extra(fragment, Extra.REPEAT)]


def test_out_of_every_window_is_out_of_window_and_not_missing():
    stray = row(at(NOON, 40), "BF1-000001")
    result = run([airing(1, code="BF1-000001")], [stray, *day_frame()])
    assert result.out_of_window == [OutOfWindow(1, stray, NOON)]
    assert not result.missing and not result.matched


def test_an_in_window_play_wins_over_an_earlier_stray_one():
    stray, good = row(at(NOON, -120), "BF1-000001"), row(at(NOON, 1), "BF1-000001", line=2)
    result = run([airing(1, code="BF1-000001")], [stray, good])
    assert result.matched == [Matched(1, good, good.aired_at)]
    assert result.out_of_window == [OutOfWindow(None, stray, NOON)]


def test_another_spot_of_the_advertiser_is_a_wrong_copy():
    wrong = row(at(NOON, 1), "BF1-000009")
    planned = [airing(1, code="BF1-000001", advertiser=5)]
    result = run(planned, [wrong], spot_owners={"BF1-000009": 5})
    assert result.wrong_copy == [WrongCopy(1, wrong, "BF1-000001", "BF1-000009")]
    assert not result.extra and not result.missing


def test_swapped_copies_between_two_breaks_are_two_wrong_copies():
    planned = [
        airing(1, NOON, code="BF1-000001", advertiser=5),
        airing(2, EVENING, code="BF1-000002", advertiser=5),
    ]
    at_noon, at_evening = row(at(NOON, 1), "BF1-000002"), row(at(EVENING, 1), "BF1-000001")
    result = run(planned, [at_noon, at_evening])
    assert [(w.airing_id, w.aired_code) for w in result.wrong_copy] == [
        (1, "BF1-000002"),
        (2, "BF1-000001"),
    ]


def test_a_code_unknown_to_the_day_is_an_extra_and_other_rows_are_ignored():
    unknown = row(at(NOON, 1), "BF1-000999")
    promo = row(at(NOON, 2), "PROMO-42", title="Bande-annonce")
    jingle = row(at(NOON, 3), "", title="Jingle pub")
    result = run([airing(1, code="BF1-000001")], [unknown, promo, jingle])
    assert result.extra == [Extra(unknown, Extra.NOT_PLANNED)]
    assert result.ignored == [promo, jingle]


def test_rows_the_log_says_did_not_play_are_ignored():
    skipped = row(at(NOON, 1), "BF1-000001", status="skipped")
    result = run([airing(1, code="BF1-000001")], [skipped, *day_frame()])
    assert skipped in result.ignored
    assert result.missing == [Missing(1, at(NOON, 3))]


def test_without_a_code_the_title_and_duration_match():
    by_title = row(at(NOON, 1), "", title="  BISSAP été !", duration=30.6)
    planned = [airing(1, code="BF1-000001", title="Bissap Été")]
    assert run(planned, [by_title]).matched == [Matched(1, by_title, by_title.aired_at)]


def test_a_foreign_clip_id_falls_back_on_the_title_too():
    foreign = row(at(NOON, 1), "CLIP4711", title="Bissap ete", duration=30)
    planned = [airing(1, code="BF1-000001", title="Bissap Été")]
    assert [m.airing_id for m in run(planned, [foreign]).matched] == [1]


def test_the_title_with_a_longer_duration_is_not_the_spot():
    programme = row(at(NOON, 1), "", title="Bissap Été", duration=1800)
    result = run([airing(1, code="BF1-000001", title="Bissap Été")], [programme])
    assert result.ignored == [programme] and not result.matched


def test_a_planned_airing_of_an_ended_break_with_nothing_aired_is_missing():
    result = run([airing(1, code="BF1-000001")], day_frame())
    assert result.missing == [Missing(1, at(NOON, 3))]


def test_nothing_is_missing_before_the_break_ended_or_outside_the_log():
    planned = [airing(1, code="BF1-000001"), airing(2, EVENING, code="BF1-000002")]
    morning = [row(at(NOON, -300), title="Journal", duration=1800)]
    assert run(planned, morning).pending == [1, 2]  # the log ends at 07:30
    assert run(planned, day_frame(), now=at(NOON, 5)).pending == [1, 2]
    assert run(planned, []).pending == [1, 2]
    explicit = (at(NOON, -720), at(NOON, 720))
    assert [m.airing_id for m in run(planned, [], span=explicit).missing] == [1, 2]


def test_hand_confirmations_are_never_changed():
    aired = {"status": "aired", "confirmed_by_hand": True, "confirmed_at": at(NOON, 5)}
    missed = {"status": "missed", "confirmed_by_hand": True, "confirmed_at": at(NOON, 5)}
    planned = [
        airing(1, NOON, code="BF1-000001", **aired),  # the log agrees
        airing(2, NOON, code="BF1-000002", advertiser=2, **missed),  # the log shows it
        airing(3, EVENING, code="BF1-000003", advertiser=3, **aired),  # nothing in the log
        airing(4, EVENING, code="BF1-000004", advertiser=4, **missed),  # nothing: agreed
    ]
    one, two = row(at(NOON, 1), "BF1-000001"), row(at(NOON, 2), "BF1-000002", line=2)
    result = run(planned, [one, two, *day_frame()])
    assert not result.matched and not result.missing
    assert result.agreed == [Agreed(1, one, True), Agreed(4, None, True)]
    assert result.conflicts == [
        Conflict(2, two, "missed", "aired", True, at(NOON, 5)),
        Conflict(3, None, "aired", "not_aired", True, at(NOON, 5)),
    ]
    assert result.agreed_by_hand == 2


def test_a_cut_play_of_a_spot_confirmed_aired_by_hand_is_a_conflict():
    cut = row(at(NOON, 1), "BF1-000001", duration=10)
    planned = [airing(1, code="BF1-000001", status="aired", confirmed_by_hand=True)]
    assert run(planned, [cut]).conflicts == [Conflict(1, cut, "aired", "cut_short", True)]


def test_an_earlier_import_agrees_like_a_hand():
    again = row(at(NOON, 1), "BF1-000001")
    planned = [airing(1, code="BF1-000001", status="aired", confirmed_by_hand=False)]
    result = run(planned, [again])
    assert result.agreed == [Agreed(1, again, False)] and result.agreed_by_hand == 0


def test_cancelled_airings_are_left_out_and_ids_must_be_unique():
    result = run([airing(1, code="BF1-000001", status="cancelled")], day_frame())
    assert not result.missing and not result.pending
    with pytest.raises(ValueError):
        run([airing(1), airing(1)], [])


def test_the_tolerance_comes_from_the_settings(settings):
    settings.ASRUN_TOLERANCE_MINUTES = 4
    assert tolerance_from_settings() == dt.timedelta(minutes=4)
    del settings.ASRUN_TOLERANCE_MINUTES
    assert tolerance_from_settings() == TEN
