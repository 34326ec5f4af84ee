"""BXF (SMPTE ST 2021) as-run messages.

The shape read (names compared by local name, namespace ignored, unknown
elements ignored, each field looked for anywhere under its event)::

    <BxfMessage id="urn:uuid:…" messageType="AsRun" …>      (id or messageId kept)
      <BxfData action="add">
        <Schedule type="AsRun" scheduleStart="2026-12-05T05:00:00">
          <Channel channelName="BF1" shortName="BF1"><Name>BF1</Name></Channel>
          <AsRun>                  (or ScheduleElement, ScheduledEvent, AsRunEvent)
            <BasicAsRun>
              <Content>
                <ContentId><HouseNumber>BF1-000123</HouseNumber></ContentId>
                <Name>Spot title</Name>
              </Content>
              <AsRunDetail>
                <Status>Aired</Status>             (or EventStatus)
                <StartDateTime>
                  <SmpteDateTime broadcastDate="2026-12-05" [timeZone="+01:00"]>
                    <SmpteTimeCode>19:30:10:00</SmpteTimeCode>
                  </SmpteDateTime>                  (or an ISO 8601 date-time as text)
                </StartDateTime>
                <Duration><SmpteDuration><SmpteTimeCode>00:00:30:00</SmpteTimeCode></SmpteDuration></Duration>
              </AsRunDetail>
            </BasicAsRun>
          </AsRun>

A message is an as-run when its messageType says so ("AsRun", "As-Run", any
case), when its Schedule's type does, or when it holds AsRun/BasicAsRun events;
any other BXF message (a schedule, a content list) is refused. An event's channel
is its own Channel, else the Schedule's Channel, else the Schedule's channel
attribute. Times without a zone are the station's; timecodes are at `fps`
(25 by default, the station's PAL rate); a broadcast date with a timecode past
24:00:00 is the next day."""

from __future__ import annotations

import datetime as dt
import re
from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from ..rows import AsRunFileError, ReadResult
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
from .xml_stream import Ancestors, attribute, by_name, find, local, lower_local, text

EVENTS = ("asrun", "basicasrun", "scheduleelement", "scheduledevent", "asrunevent")


def is_asrun_word(value: str) -> bool:
    return re.sub(r"[^a-z]", "", (value or "").lower()) == "asrun"


def _first(index: dict[str, list[Element]], *names: str) -> Element | None:
    for name in names:
        if index.get(name):
            return index[name][0]
    return None


def channel_name(element: Element) -> str:
    """A Channel element's name: its channelName/shortName/name attribute or its Name child."""
    named = attribute(element.attrib, "channelName", "shortName", "name", "callSign")
    if named:
        return named
    child = next((node for node in element if lower_local(node.tag) == "name"), None)
    return text(child)


class BxfDialect:
    capture = frozenset(
        {"AsRun", "BasicAsRun", "ScheduleElement", "ScheduledEvent", "AsRunEvent", "Channel"}
    )

    def __init__(self, root_attrs: dict[str, str], *, zone: dt.tzinfo, fps: float = DEFAULT_FPS):
        self.message_type = attribute(root_attrs, "messageType")
        self.message_id = attribute(root_attrs, "messageId", "id")
        self.is_asrun = is_asrun_word(self.message_type)
        self.channel = ""
        self.schedule: dict[str, str] | None = None
        self.fps = fps
        self.sink = RowSink(zone)

    def handle(self, element: Element, lines: dict[Element, int], ancestors: Ancestors) -> None:
        schedule = next((attrs for name, attrs in reversed(ancestors) if name == "Schedule"), {})
        if schedule is not self.schedule:
            self.schedule = schedule
            if is_asrun_word(attribute(schedule, "type", "scheduleType")):
                self.is_asrun = True
            self.channel = self.channel or attribute(
                schedule, "channel", "channelName", "channelShortName", "channelId"
            )
        name = local(element.tag)
        if name == "Channel":
            self.channel = channel_name(element) or self.channel
            return
        if name in {"AsRun", "BasicAsRun"}:
            self.is_asrun = True
        index = by_name(element)
        inner = [node for key in EVENTS for node in index.get(key, ()) if node is not element]
        events = (
            sorted(inner, key=lambda node: lines.get(node, 0)) if len(inner) >= 2 else [element]
        )
        for event in events:
            self._read(
                event, index if event is element else by_name(event), lines.get(event, 0), schedule
            )

    def _read(self, event: Element, index, line: int, schedule: dict[str, str]) -> None:
        own_channel = _first(index, "channel")
        channel = (
            (channel_name(own_channel) if own_channel is not None else "")
            or self.channel
            or attribute(schedule, "channel", "channelName", "channelShortName", "channelId")
        )
        when = self._start(event, index, line, schedule)
        if when is None:
            return
        duration_element = _first(index, "smpteduration", "actualduration", "duration", "length")
        duration = None
        if duration_element is not None:
            inner = find(duration_element, "smptetimecode")
            value = text(inner if inner is not None else duration_element)
            if value:
                try:
                    duration = parse_clock(value, self.fps)
                except ValueError:
                    self.sink.problem(line, bad_duration_message(value))
                    return
        content = _first(index, "content")
        title = ""
        if content is not None:
            title = text(next((node for node in content if lower_local(node.tag) == "name"), None))
        title = title or text(_first(index, "title", "eventtitle", "description"))
        status_element = _first(index, "eventstatus", "asrunstatus", "status")
        status = text(status_element) or attribute(event.attrib, "status")
        self.sink.add(
            line=line,
            when=when[0],
            zone=when[1],
            duration=duration,
            code=text(_first(index, "housenumber", "houseid")),
            title=title,
            status=status,
            channel=channel,
        )

    def _start(self, event: Element, index, line: int, schedule: dict[str, str]):
        """(naive or aware start, zone or None), or None after noting a problem."""
        start = _first(index, "actualstartdatetime", "startdatetime", "starttime")
        smpte = (
            find(start, "smptedatetime") if start is not None else _first(index, "smptedatetime")
        )
        if smpte is None:
            value = text(start)
            if not value:
                self.sink.problem(line, _("No start time for this event: row skipped."))
                return None
            try:
                return parse_moment(value, fps=self.fps), None
            except ValueError:
                self.sink.problem(line, bad_time_message(value))
                return None
        clock = text(find(smpte, "smptetimecode")) or text(smpte)
        try:
            seconds = parse_time_of_day(clock, self.fps)
        except ValueError:
            self.sink.problem(line, bad_time_message(clock))
            return None
        day_text = (
            attribute(smpte.attrib, "broadcastDate", "date")
            or text(find(smpte, "broadcastdate"))
            or next(
                (attribute(node.attrib, "broadcastDate") for node in index.get("eventdata", ())), ""
            )
            or attribute(event.attrib, "broadcastDate")
            or attribute(schedule, "broadcastDate", "scheduleStart")[:10]
        )
        if not day_text:
            self.sink.problem(line, missing_date_message())
            return None
        try:
            day = parse_date(day_text[:10])
        except ValueError:
            self.sink.problem(line, bad_date_message(day_text))
            return None
        return at_seconds(day, seconds), zone_named(
            attribute(smpte.attrib, "timeZone", "utcOffset", "zone")
        )

    def result(self) -> ReadResult:
        if not self.is_asrun:
            raise AsRunFileError(
                _("This BXF message is not an as-run (message type “%(type)s”).")
                % {"type": self.message_type or "?"}
            )
        return self.sink.result("bxf", message_id=self.message_id, channel=self.channel)
