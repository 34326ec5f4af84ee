"""CSV as-runs through a column mapping (separator and encoding detected), and the
clock, duration and SMPTE timecode parsing every reader shares."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from timecode import Timecode

from broadcasting.asrun.readers import (
    AsRunFileError,
    CsvMapping,
    parse_clock,
    parse_time_of_day,
    read_asrun,
    seconds_to_timecode,
    timecode_to_seconds,
)
from broadcasting.asrun.readers.csv_reader import detect_separator

SAMPLES = Path(__file__).resolve().parents[1] / "asrun" / "samples"
OUAGA = ZoneInfo("Africa/Ouagadougou")


def at(*parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=OUAGA)


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


# --- CSV -------------------------------------------------------------------------------


def test_semicolon_utf8_bom_with_french_headers_is_read_without_a_mapping():
    result = read_asrun(sample("csv_semicolon_bom.csv"), filename="asrun.csv")
    assert result.format == "csv"
    assert [(r.line, r.house_code, r.duration_seconds) for r in result.rows] == [
        (2, "BF1-000701", 30.0),
        (3, "BF1-000702", 20.0),
        (4, "BF1-000703", 15.0),
        (6, "BF1-000704", pytest.approx(30.48)),
    ]
    assert result.rows[0].title == "Brakina - La bière du Faso"
    assert result.rows[0].aired_at == at(2026, 12, 5, 19, 28, 5)
    assert result.rows[3].aired_at == at(2026, 12, 6, 0, 10)
    assert result.rows[2].status == "coupé"
    assert result.problems == ()


def test_comma_separated_with_quoted_titles_and_bad_rows():
    mapping = CsvMapping(
        date="Air Date",
        time="Start Time",
        duration="Duration",
        code="House Code",
        title="Title",
        channel="Channel",
    )
    result = read_asrun(sample("csv_comma.csv"), mapping=mapping)
    assert [r.title for r in result.rows] == ["Jumia, Black Friday", 'Ecobank - "Compte jeune"']
    assert {r.channel for r in result.rows} == {"BF1"}
    assert [(p.line, p.message) for p in result.problems] == [
        (4, "Heure illisible « 7:28 PM » : ligne ignorée."),
        (5, "Date manquante (ni dans la ligne ni dans le nom du fichier) : ligne ignorée."),
    ]


def test_tab_separated_date_time_column_with_an_offset():
    result = read_asrun(sample("csv_tab.txt"))
    first, second = result.rows
    assert first.aired_at == at(2026, 12, 5, 19, 30, 10)  # 20:30:10+01:00
    assert second.aired_at == at(2026, 12, 5, 19, 30, 40)  # no zone: the station's
    assert (first.title, second.duration_seconds) == ("Lafi - Pureté", 20.0)


def test_windows_1252_file_keeps_its_accents_and_reads_timecodes():
    mapping = CsvMapping(
        date="jour",
        time="Heure de diffusion",
        duration="DUREE REELLE",
        code="Code",
        title="Libellé",
    )
    result = read_asrun(sample("csv_cp1252.csv"), mapping=mapping)
    assert [r.title for r in result.rows] == ["Société Générale - Crédit", "Crème Élodie - Beauté"]
    second = result.rows[1]
    assert second.aired_at == at(2026, 12, 5, 19, 28, 35, 480000)
    assert second.duration_seconds == pytest.approx(19 + 13 / 25)


def test_columns_by_number_without_a_header():
    mapping = CsvMapping(date=1, time="2", code=3, duration=4, title=5, date_format="%d.%m.%Y")
    result = read_asrun(sample("csv_numbers_no_header.csv"), mapping=mapping)
    assert [(r.line, r.house_code, r.duration_seconds) for r in result.rows] == [
        (1, "BF1-001101", 30.0),
        (2, "BF1-001102", 20.0),
    ]


def test_an_unannounced_header_of_a_file_mapped_by_numbers_is_skipped_quietly():
    data = b"Date,Time,Code\n2026-12-05,19:30:00,BF1-1\n"
    result = read_asrun(data, mapping=CsvMapping(date=1, time=2, code=3))
    assert [r.house_code for r in result.rows] == ["BF1-1"]
    assert result.problems == ()


def test_a_mapped_column_missing_from_the_file_refuses_it():
    with pytest.raises(AsRunFileError) as refused:
        read_asrun(sample("csv_comma.csv"), mapping=CsvMapping(date="Jour", time="Start Time"))
    assert refused.value.message.startswith("La colonne « Jour » de la correspondance est absente")


def test_a_mapping_without_date_and_time_refuses_the_file():
    with pytest.raises(AsRunFileError, match="une colonne de date et une colonne d’heure"):
        read_asrun(sample("csv_comma.csv"), mapping=CsvMapping(code="House Code"))


def test_a_mapping_with_an_encoding_that_does_not_fit_refuses_the_file():
    with pytest.raises(AsRunFileError, match="l’encodage « utf-8 »"):
        read_asrun(sample("csv_cp1252.csv"), mapping=CsvMapping(date=1, time=2, encoding="utf-8"))


def test_a_csv_with_unknown_headers_and_no_mapping_is_refused():
    with pytest.raises(AsRunFileError, match="Format de fichier as-run non reconnu"):
        read_asrun(b"a;b;c\n1;2;3\n", filename="x.csv")


@pytest.mark.parametrize(
    ("text", "separator"),
    [
        ("Date;Heure;Titre\n05/12/2026;19:30:00;Spot, le retour\n", ";"),
        ("Date,Heure,Titre\n05/12/2026,19:30:00,Spot\n", ","),
        ("Date\tHeure\tTitre\n05/12/2026\t19:30:00\tSpot\n", "\t"),
        ('Date,Heure,Titre\n05/12/2026,19:30:00,"Spot; suite"\n', ","),
        ("Date|Heure|Durée\n05/12/2026|19:30:00|30,5\n", "|"),
    ],
)
def test_the_separator_is_detected(text, separator):
    assert detect_separator(text) == separator


# --- clock times, durations and timecodes ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30", 30.0),
        ("30.04", 30.04),
        ("30,5", 30.5),
        ("01:30", 90.0),
        ("00:01:30", 90.0),
        ("19:30:10.250", 70210.25),
        ("00:00:30:12", 30.48),
        ("00:00:30;12", 30.48),
        ("25:10:00", 90600.0),
        ("PT1M30.5S", 90.5),
        ("-00:00:05:00", -5.0),
    ],
)
def test_clock_texts_at_25_fps(text, seconds):
    assert parse_clock(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    "text", ["", "abc", "00:61:00", "00:00:61", "00:00:30:25", "7:28 PM", "1:2:3:4:5"]
)
def test_unreadable_clock_texts(text):
    with pytest.raises(ValueError):
        parse_clock(text)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("19:30", 70200.0), ("19h30", 70200.0), ("19:30:10", 70210.0), ("19:30:10:12", 70210.48)],
)
def test_times_of_day_read_two_parts_as_hours_and_minutes(text, seconds):
    assert parse_time_of_day(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["30", "-19:30:00", "PT30S", "19:60", "7:28 PM"])
def test_texts_that_are_no_time_of_day(text):
    with pytest.raises(ValueError):
        parse_time_of_day(text)


def test_drop_frame_timecode_at_29_97():
    assert parse_clock("00:01:00;02", 29.97) == pytest.approx(1800 * 1001 / 30000)


@given(st.integers(min_value=0, max_value=24 * 3600 * 25 - 1))
def test_timecode_frames_agree_with_the_timecode_package(frames):
    text = str(Timecode(25, frames=frames + 1))
    assert timecode_to_seconds(text, 25) == pytest.approx(frames / 25)
    assert Timecode(25, text).frame_number == frames


@given(st.floats(min_value=0, max_value=100 * 3600, allow_nan=False, allow_infinity=False))
def test_seconds_to_timecode_and_back_lands_on_the_nearest_frame(seconds):
    back = timecode_to_seconds(seconds_to_timecode(seconds, 25), 25)
    assert abs(back - seconds) <= 1 / 50 + 1e-9
    assert seconds_to_timecode(back, 25) == seconds_to_timecode(seconds, 25)
