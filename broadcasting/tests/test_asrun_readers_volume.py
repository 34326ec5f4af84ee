"""A month of as-run (45 000 rows) is read whole, in memory, by the AirBox and BXF
readers. No timing is asserted (the speed goal lives in bench/); the rows are
counted and the last one checked."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from broadcasting.asrun.readers import read_asrun, seconds_to_timecode

ROWS = 45_000
OUAGA = ZoneInfo("Africa/Ouagadougou")
FIRST_DAY = dt.date(2026, 12, 1)
PER_DAY = ROWS // 30


def moments():
    """(day, seconds of day) of each row: 1 500 a day from 05:00, 30 s apart."""
    for index in range(ROWS):
        day, slot = divmod(index, PER_DAY)
        yield FIRST_DAY + dt.timedelta(days=day), 5 * 3600 + slot * 30


def airbox_month() -> bytes:
    lines = ["Date\tTime\tType\tDescription\tDuration\tStatus\tFile\tClip ID"]
    for index, (day, seconds) in enumerate(moments()):
        clock = seconds_to_timecode(seconds)[:8]
        lines.append(
            f"{day:%d.%m.%Y}\t{clock}\tClip\tSpot {index}\t00:00:30:00\tPlayed\t"
            f"D:\\Media\\BF1-{index:06d}.mxf\tBF1-{index:06d}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def bxf_month() -> bytes:
    parts = ['<BxfMessage messageType="AsRun" id="month"><BxfData><Schedule type="AsRun">']
    for index, (day, seconds) in enumerate(moments()):
        parts.append(
            "<AsRun><BasicAsRun><Content><ContentId>"
            f"<HouseNumber>BF1-{index:06d}</HouseNumber></ContentId><Name>Spot {index}</Name>"
            "</Content><AsRunDetail><Status>Aired</Status><StartDateTime>"
            f'<SmpteDateTime broadcastDate="{day.isoformat()}">'
            f"<SmpteTimeCode>{seconds_to_timecode(seconds)}</SmpteTimeCode></SmpteDateTime>"
            "</StartDateTime><Duration><SmpteDuration><SmpteTimeCode>00:00:30:00</SmpteTimeCode>"
            "</SmpteDuration></Duration></AsRunDetail></BasicAsRun></AsRun>\n"
        )
    parts.append("</Schedule></BxfData></BxfMessage>\n")
    return "".join(parts).encode("utf-8")


def last_moment() -> dt.datetime:
    day, seconds = list(moments())[-1]
    return dt.datetime.combine(day, dt.time(), tzinfo=OUAGA) + dt.timedelta(seconds=seconds)


def test_a_month_of_airbox_log_is_read_whole():
    result = read_asrun(airbox_month(), filename="2026_12_01_00_00_00_AsRun1.LOG")
    assert (result.format, len(result.rows), result.problems) == ("airbox", ROWS, ())
    assert result.rows[-1].house_code == f"BF1-{ROWS - 1:06d}"
    assert result.rows[-1].aired_at == last_moment()


def test_a_month_of_bxf_is_read_whole():
    result = read_asrun(bxf_month())
    assert (result.format, len(result.rows), result.problems) == ("bxf", ROWS, ())
    assert result.rows[-1].house_code == f"BF1-{ROWS - 1:06d}"
    assert result.rows[-1].aired_at == last_moment()
    assert result.rows[-1].line == ROWS
