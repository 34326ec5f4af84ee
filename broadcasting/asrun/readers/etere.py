"""Etere-style as-run XML.

The shape read (names compared by local name and in any case, namespace ignored,
unknown elements ignored; each field is a child element or an attribute of the
event)::

    <EtereAsRun channel="BF1" date="2026-12-05" timezone="Africa/Ouagadougou" fps="25">
                               (root AsRun, EtereAsRun or AsRunLog; every attribute optional)
      <Event>
        <Channel>BF1</Channel>                    (else the root's channel)
        <ActualDate>2026-12-05</ActualDate>       (or Date, AirDate; else the root's date)
        <ActualTime>19:30:10:05</ActualTime>      (or Time, StartTime, OnAirTime)
           — or one <ActualStart>2026-12-05T19:30:10+00:00</ActualStart>
             (or ActualDateTime, AiredAt, StartDateTime)
        <AssetCode>BF1-000123</AssetCode>         (or HouseCode, Code, MaterialId, ClipId)
        <Description>Spot title</Description>     (or Title, Name)
        <ActualDuration>00:00:30:00</ActualDuration>  (or Duration, Length)
        <Status>Aired</Status>                    (or State, Result)
      </Event>
    </EtereAsRun>

Times without a zone are in the root's `timezone` (a zone name or an offset),
else the station's; timecodes at the root's `fps`, else 25."""

from __future__ import annotations

import datetime as dt
from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from ..rows import ReadResult
from .parsing import (
    DEFAULT_FPS,
    RowSink,
    at_seconds,
    bad_date_message,
    bad_duration_message,
    bad_time_message,
    missing_date_message,
    parse_clock,
    parse_date,
    parse_moment,
    parse_time_of_day,
    zone_named,
)
from .xml_stream import Ancestors, attribute, lower_local

ROOTS = frozenset({"asrun", "etereasrun", "asrunlog"})
FIELDS = {
    "channel": ("Channel", "ChannelName", "Station"),
    "moment": ("ActualStart", "ActualDateTime", "AiredAt", "StartDateTime"),
    "date": ("ActualDate", "Date", "AirDate"),
    "time": ("ActualTime", "Time", "StartTime", "OnAirTime"),
    "code": ("AssetCode", "HouseCode", "Code", "MaterialId", "ClipId"),
    "title": ("Description", "Title", "Name"),
    "duration": ("ActualDuration", "Duration", "Length"),
    "status": ("Status", "State", "Result"),
}


LOWERED = {field: tuple(name.lower() for name in names) for field, names in FIELDS.items()}


def _fields(event: Element) -> dict[str, str]:
    """The event's values by field, a child element winning over an attribute."""
    children: dict[str, str] = {}
    for node in event:
        name = lower_local(node.tag)
        if name not in children:
            value = node.text if len(node) == 0 else "".join(node.itertext())
            children[name] = (value or "").strip()
    values: dict[str, str] = {}
    for field, names in LOWERED.items():
        found = ""
        for name in names:
            found = children.get(name, "")
            if found:
                break
        values[field] = found or (attribute(event.attrib, *FIELDS[field]) if event.attrib else "")
    return values


class EtereDialect:
    capture = frozenset({"Event"})

    def __init__(self, root_attrs: dict[str, str], *, zone: dt.tzinfo):
        self.channel = attribute(root_attrs, "channel", "channelName")
        self.day = attribute(root_attrs, "date", "broadcastDate")
        self.file_zone = zone_named(attribute(root_attrs, "timezone", "timeZone", "utcOffset"))
        try:
            self.fps = float(attribute(root_attrs, "fps", "frameRate") or DEFAULT_FPS)
        except ValueError:
            self.fps = DEFAULT_FPS
        self.sink = RowSink(zone)

    def handle(self, element: Element, lines: dict[Element, int], ancestors: Ancestors) -> None:
        line = lines.get(element, 0)
        values = _fields(element)
        when = self._moment(values, line)
        if when is None:
            return
        duration = None
        if values["duration"]:
            try:
                duration = parse_clock(values["duration"], self.fps)
            except ValueError:
                self.sink.problem(line, bad_duration_message(values["duration"]))
                return
        self.sink.add(
            line=line,
            when=when,
            zone=self.file_zone,
            duration=duration,
            code=values["code"],
            title=values["title"],
            status=values["status"],
            channel=values["channel"] or self.channel,
        )

    def _moment(self, values: dict[str, str], line: int) -> dt.datetime | None:
        if values["moment"]:
            try:
                return parse_moment(values["moment"], fps=self.fps)
            except ValueError:
                self.sink.problem(line, bad_time_message(values["moment"]))
                return None
        if not values["time"]:
            self.sink.problem(line, _("No start time for this event: row skipped."))
            return None
        try:
            seconds = parse_time_of_day(values["time"], self.fps)
        except ValueError:
            self.sink.problem(line, bad_time_message(values["time"]))
            return None
        day_text = values["date"] or self.day
        if not day_text:
            self.sink.problem(line, missing_date_message())
            return None
        try:
            return at_seconds(parse_date(day_text), seconds)
        except ValueError:
            self.sink.problem(line, bad_date_message(day_text))
            return None

    def result(self) -> ReadResult:
        return self.sink.result("etere", channel=self.channel)
