"""Whatever a file holds, reading it ends in rows (each one sane) and row
problems, or in one French refusal: never in another exception (a 500)."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from broadcasting.asrun.readers import AsRunFileError, CsvMapping, read_asrun

TOKENS = st.sampled_from(
    [
        "",
        "19:30:00",
        "25:10:00:24",
        "99:99:99",
        "00:00:30:00",
        "-00:00:05:00",
        "30,5",
        "PT30S",
        "nan",
        "inf",
        "1e309",
        "05.12.2026",
        "2026-12-05",
        "31/02/2026",
        "9999-12-31",
        "0001-01-01",
        "BF1-000123",
        "Crème",
        "<b>x</b>",
        "=1+1",
        '"',
        ";",
        "\x0b",
    ]
)
CELLS = st.one_of(TOKENS, st.text(max_size=12))


def check(data: bytes, **kwargs) -> None:
    try:
        result = read_asrun(data, **kwargs)
    except AsRunFileError as refused:
        assert refused.message
        return
    for row in result.rows:
        assert row.aired_at.tzinfo is not None
        assert 1999 <= row.aired_at.year <= 2101
        assert row.duration_seconds >= 0
        assert row.house_code == row.house_code.strip().upper()
    for problem in result.problems:
        assert problem.line >= 0
        assert problem.message


@given(st.binary(max_size=400))
def test_any_bytes(data):
    check(data)
    check(data, filename="2026_12_05_00_00_00_AsRun1.LOG")


@given(st.lists(st.lists(CELLS, min_size=0, max_size=10), max_size=12))
def test_any_airbox_like_lines(rows):
    data = "\r\n".join("\t".join(cells) for cells in rows).encode("utf-8")
    check(data, filename="2026_12_05_00_00_00_AsRun1.LOG")


@given(st.lists(st.lists(CELLS, min_size=0, max_size=6), max_size=10), st.sampled_from(";,\t|"))
def test_any_csv_with_a_mapping(rows, separator):
    data = "\n".join(separator.join(cells) for cells in rows).encode("utf-8")
    check(data, mapping=CsvMapping(date=1, time=2, duration=3, code=4, title=5, status=6))
    check(data, mapping=CsvMapping(datetime="2", duration="x", date_format="%Q", fps=float("inf")))


NAMES = st.sampled_from(
    [
        "AsRun",
        "BasicAsRun",
        "ScheduleElement",
        "EventData",
        "StartDateTime",
        "SmpteDateTime",
        "SmpteTimeCode",
        "SmpteDuration",
        "Duration",
        "HouseNumber",
        "Content",
        "Name",
        "Channel",
        "Status",
        "Event",
        "ActualTime",
        "ActualDate",
        "ActualStart",
        "AssetCode",
    ]
)


@st.composite
def xml_tree(draw, depth=0):
    name = draw(NAMES)
    attrs = draw(
        st.dictionaries(
            st.sampled_from(["broadcastDate", "timeZone", "channelName", "fps"]), TOKENS
        )
    )
    attributes = "".join(
        f' {key}="{escape(value, {chr(34): "&quot;"})}"' for key, value in attrs.items()
    )
    if depth >= 3 or draw(st.booleans()):
        return f"<{name}{attributes}>{escape(draw(TOKENS))}</{name}>"
    children = draw(st.lists(xml_tree(depth=depth + 1), max_size=3))
    return f"<{name}{attributes}>{''.join(children)}</{name}>"


@pytest.mark.parametrize(
    "root",
    [
        '<BxfMessage messageType="AsRun" id="x"><BxfData><Schedule>{}</Schedule>'
        "</BxfData></BxfMessage>",
        '<EtereAsRun date="2026-12-05" timezone="{}">{{}}</EtereAsRun>'.format("+01:00"),
    ],
)
@given(children=st.lists(xml_tree(), max_size=4))
def test_any_xml_of_known_names(root, children):
    check(root.format("".join(children)).encode("utf-8"))


def test_a_csv_field_over_the_csv_modules_limit_is_refused():
    data = ('Date;Heure\n05/12/2026;"' + "x" * 200_000 + '"\n').encode()
    with pytest.raises(AsRunFileError, match="Fichier CSV illisible vers la ligne 2"):
        read_asrun(data, mapping=CsvMapping(date="Date", time="Heure"))
