"""As-run readers on the sample files of each format: the rows a station would
expect (aware times in the station's zone, durations, house codes), the format
picked from the content, and the hostile files refused with a French message."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from broadcasting.asrun.readers import AsRunFileError, read_asrun, read_asrun_file
from broadcasting.exceptions import BroadcastError
from core.errors import DomainError

SAMPLES = Path(__file__).resolve().parents[1] / "asrun" / "samples"
OUAGA = ZoneInfo("Africa/Ouagadougou")
DAY_LOG = "2026_12_05_00_00_00_AsRun1.LOG"


def read(name: str, **kwargs):
    return read_asrun((SAMPLES / name).read_bytes(), filename=name, **kwargs)


def at(*parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=OUAGA)


def by_code(result):
    return {row.house_code: row for row in result.rows if row.house_code}


# --- AirBox ----------------------------------------------------------------------------


def test_airbox_day_gives_every_event_with_the_file_names_date():
    result = read(DAY_LOG)
    assert result.format == "airbox"
    assert len(result.rows) == 92
    assert result.problems == ()
    first = result.rows[0]
    assert (first.line, first.title, first.house_code) == (3, "Ouverture d'antenne", "")
    assert first.aired_at == at(2026, 12, 5, 5, 0)
    assert first.aired_at.tzinfo is not None
    spot = by_code(result)["BF1-000101"]
    assert spot.aired_at == at(2026, 12, 5, 6, 55, 5)
    assert spot.duration_seconds == 30.0
    assert spot.title == "Brakina - La bière du Faso"
    assert spot.status == "played"


def test_airbox_day_reports_the_spot_cut_short_with_its_real_duration():
    spot = by_code(read(DAY_LOG))["BF1-000127"]
    assert spot.status == "aborted"
    assert spot.duration_seconds == pytest.approx(9.48)


def test_airbox_log_crossing_midnight_rolls_to_the_next_day():
    rows = read(DAY_LOG).rows
    late = by_code(read(DAY_LOG))["BF1-000152"]
    assert late.aired_at == at(2026, 12, 6, 0, 31, 10)
    assert all(a.aired_at <= b.aired_at for a, b in zip(rows, rows[1:], strict=False))


def test_airbox_date_column_and_millisecond_times():
    result = read("2026_12_05_19_00_00_AsRun2.LOG")
    codes = by_code(result)
    assert codes["BF1-000201"].aired_at == at(2026, 12, 5, 19, 28, 5, 40000)
    assert codes["BF1-000202"].status == "skipped"
    assert codes["BF1-000203"].aired_at == at(2026, 12, 6, 0, 10, 0, 500000)
    assert codes["BF1-000203"].duration_seconds == 15.0


def test_airbox_bad_rows_are_reported_with_their_line_and_skipped():
    result = read("2026_12_07_00_00_00_AsRun1.LOG")
    assert [row.house_code for row in result.rows] == ["BF1-000301", "BF1-000308"]
    assert [row.line for row in result.rows] == [2, 11]
    problems = {problem.line: problem.message for problem in result.problems}
    assert problems == {
        3: "Heure illisible « 25:61:00 » : ligne ignorée.",
        4: "Date illisible « 31.02.2026 » : ligne ignorée.",
        5: "Durée négative (-5.0 s) : ligne ignorée.",
        6: "Date 1999-12-05 hors des années acceptées (2000–2100) : ligne ignorée.",
        7: "Date 2101-12-05 hors des années acceptées (2000–2100) : ligne ignorée.",
        8: "Durée illisible « trente » : ligne ignorée.",
    }


def test_airbox_without_date_anywhere_reports_each_row():
    data = b"\t19:30:00\tClip\tSpot\t00:00:30:00\tPlayed\tx.mxf\tBF1-000001\n"
    result = read_asrun(data, filename="asrun.log")
    assert result.format == "airbox"
    assert result.rows == ()
    assert result.problems[0].line == 1
    assert result.problems[0].message.startswith("Date manquante")


# --- BXF -------------------------------------------------------------------------------


def test_bxf_day_matches_the_airbox_log_of_the_same_day():
    bxf, airbox = read("bxf_asrun_day.xml"), read(DAY_LOG)
    assert bxf.format == "bxf"
    assert bxf.message_id == "urn:uuid:6f1c2a7e-5b0d-4c1e-9a1f-20261205bf01"
    assert bxf.channel == "BF1"
    assert bxf.problems == ()
    assert [(r.aired_at, r.house_code, r.title) for r in bxf.rows] == [
        (r.aired_at, r.house_code, r.title) for r in airbox.rows
    ]
    assert [r.duration_seconds for r in bxf.rows] == pytest.approx(
        [r.duration_seconds for r in airbox.rows]
    )
    cut = by_code(bxf)["BF1-000127"]
    assert (cut.status, cut.channel) == ("partial", "BF1")
    assert by_code(bxf)["BF1-000152"].aired_at == at(2026, 12, 6, 0, 31, 10)


def test_bxf_lines_point_at_each_event_in_the_file():
    text = (SAMPLES / "bxf_asrun_day.xml").read_text(encoding="utf-8").splitlines()
    for row in read("bxf_asrun_day.xml").rows[:5]:
        assert text[row.line - 1].strip() == "<AsRun>"


def test_bxf_schedule_elements_with_prefixes_zones_and_bad_events():
    result = read("bxf_schedule_elements.xml")
    assert (result.format, result.message_id, result.channel) == (
        "bxf",
        "BF1-AR-2026-12-05-02",
        "BF1 HD",
    )
    first, second = result.rows
    assert first.house_code == "BF1-000401"
    assert first.aired_at == at(2026, 12, 5, 19, 30, 10)  # 20:30:10 at UTC+1
    assert (first.duration_seconds, first.status, first.channel) == (30.0, "aired", "BF1 HD")
    assert second.aired_at == at(2026, 12, 5, 19, 30, 40)
    assert (second.duration_seconds, second.status) == (20.0, "skipped")
    assert [(p.line, p.message.split(" ")[0]) for p in result.problems] == [
        (39, "Date"),
        (47, "Heure"),
    ]


def test_bxf_message_that_is_not_an_as_run_is_refused():
    with pytest.raises(AsRunFileError, match="n’est pas un as-run.*Schedule"):
        read("bxf_not_asrun.xml")


def test_bxf_message_type_variants_are_as_runs():
    for message_type in ("AsRun", "As-Run", "asrun", "AS_RUN"):
        data = (
            f'<BxfMessage messageType="{message_type}" messageId="m1"><BxfData><Schedule>'
            "<ScheduleElement><EventData><StartDateTime>2026-12-05T19:30:00</StartDateTime>"
            "</EventData><Content><ContentId><HouseNumber>BF1-1</HouseNumber></ContentId></Content>"
            "</ScheduleElement></Schedule></BxfData></BxfMessage>"
        ).encode()
        result = read_asrun(data)
        assert (result.format, result.message_id, len(result.rows)) == ("bxf", "m1", 1)


# --- Etere -----------------------------------------------------------------------------


def test_etere_events_are_converted_from_the_files_zone():
    result = read("etere_asrun.xml")
    assert (result.format, result.channel) == ("etere", "BF1")
    codes = by_code(result)
    assert codes["BF1-000501"].aired_at == at(2026, 12, 5, 19, 30, 10, 200000)
    assert codes["BF1-000501"].duration_seconds == 30.0
    assert codes["BF1-000502"].duration_seconds == pytest.approx(14.8)
    assert codes["BF1-000502"].status == "partial"
    assert codes["BF1-000503"].aired_at == at(2026, 12, 5, 19, 31)  # its own offset, +00:00
    programme = result.rows[-1]
    assert (programme.house_code, programme.channel) == ("", "BF1 Sport")
    assert programme.aired_at == at(2026, 12, 5, 23, 15)
    assert [(p.line, p.message) for p in result.problems] == [
        (32, "Heure de début manquante pour cet événement : ligne ignorée.")
    ]


def test_etere_in_windows_1252_keeps_its_accents():
    (row,) = read("etere_cp1252.xml").rows
    assert row.title == "Crème de karité Élodie"
    assert row.aired_at == at(2026, 12, 5, 12, 25, 5)


def test_a_zone_given_by_the_caller_reads_times_without_one():
    paris = ZoneInfo("Europe/Paris")
    row = by_code(read(DAY_LOG, zone=paris))["BF1-000101"]
    assert row.aired_at == dt.datetime(2026, 12, 5, 6, 55, 5, tzinfo=paris)
    assert row.aired_at.astimezone(OUAGA).hour == 5


# --- detection and refusals ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (DAY_LOG, "airbox"),
        ("bxf_asrun_day.xml", "bxf"),
        ("etere_asrun.xml", "etere"),
        ("csv_semicolon_bom.csv", "csv"),
        ("csv_comma.csv", "csv"),
        ("csv_tab.txt", "csv"),
    ],
)
def test_the_format_is_told_from_the_content_not_the_name(name, expected):
    data = (SAMPLES / name).read_bytes()
    assert read_asrun(data, filename="upload.bin").format == expected


def test_an_airbox_log_is_recognised_by_its_name_alone():
    data = b"\t19:30:00\tClip\tSpot\n"
    assert read_asrun(data, filename="2026_12_05_00_00_00_AsRun3.LOG").format == "airbox"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("xml_bomb.xml", "Fichier XML refusé : il déclare des entités"),
        ("xml_external_entity.xml", "Fichier XML refusé : il déclare des entités"),
        ("bxf_truncated.xml", "Fichier XML illisible (tronqué ou mal formé) vers la ligne 51"),
        ("garbage.xml", "Format de fichier as-run non reconnu : le fichier n’est pas du texte."),
        (
            "unknown_root.xml",
            "Format de fichier as-run non reconnu : un fichier XML dont la racine est « Playlist »",
        ),
        (
            "not_an_asrun.txt",
            "Format de fichier as-run non reconnu : « not_an_asrun.txt » n’est ni un BXF",
        ),
    ],
)
def test_hostile_or_unknown_files_are_refused_with_a_french_message(name, message):
    with pytest.raises(AsRunFileError) as refused:
        read(name)
    assert refused.value.message.startswith(message)
    assert isinstance(refused.value, BroadcastError)
    assert isinstance(refused.value, DomainError)


@pytest.mark.parametrize("data", [b"", b"   \r\n\t\n"])
def test_an_empty_file_is_refused(data):
    with pytest.raises(AsRunFileError, match="Le fichier as-run est vide."):
        read_asrun(data)


def test_a_file_over_the_limit_is_refused_before_being_read(settings):
    settings.ASRUN_MAX_BYTES = 1000
    with pytest.raises(AsRunFileError, match="trop volumineux"):
        read_asrun(b"<" + b" " * 1000)


def test_a_200_mb_upload_is_refused_from_its_size_without_being_read():
    class Upload(io.BytesIO):
        size = 200 * 1000 * 1000

        def read(self, *args):
            raise AssertionError("read")

    with pytest.raises(AsRunFileError) as refused:
        read_asrun_file(Upload(), filename="big.LOG")
    assert refused.value.message == (
        "Le fichier as-run est trop volumineux (200\u00a0Mo ; 50\u00a0Mo au maximum)."
    )


def test_a_stream_over_the_limit_is_read_no_further_than_the_limit():
    stream = io.BytesIO(b"x" * 5000)
    with pytest.raises(AsRunFileError, match="trop volumineux"):
        read_asrun_file(stream, max_bytes=1000)
    assert stream.tell() == 1001


def test_a_file_object_is_read_with_its_name():
    with (SAMPLES / DAY_LOG).open("rb") as handle:
        result = read_asrun_file(handle)
    assert (result.format, len(result.rows)) == ("airbox", 92)


def test_utf16_xml_with_its_byte_order_mark_is_read():
    text = (SAMPLES / "etere_asrun.xml").read_text(encoding="utf-8").replace("UTF-8", "UTF-16")
    result = read_asrun(text.encode("utf-16"))
    assert (result.format, len(result.rows)) == ("etere", 4)


def test_undeclared_windows_1252_xml_is_read_as_such():
    data = (
        "<AsRun><Event><Date>2026-12-05</Date><Time>19:30</Time>"
        "<Title>Crème</Title></Event></AsRun>"
    )
    (row,) = read_asrun(data.encode("cp1252")).rows
    assert row.title == "Crème"
    assert row.aired_at == at(2026, 12, 5, 19, 30)  # a time of day: hh:mm


def test_an_undeclared_entity_makes_the_xml_unreadable():
    data = b'<BxfMessage messageType="AsRun"><BxfData>&oops;</BxfData></BxfMessage>'
    with pytest.raises(AsRunFileError, match="Fichier XML illisible"):
        read_asrun(data)
