"""The normalised as-run row every reader produces, whatever the file's format,
and the error that refuses a whole file. Plain data: no ORM, no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from broadcasting.exceptions import BroadcastError


@dataclass(frozen=True, slots=True)
class AsRunRow:
    """One event the automation says it played.

    `line` is the 1-based line of the file where the event starts (for messages);
    `aired_at` is aware (converted from the file's zone); `duration_seconds` is 0.0
    when the file does not say; `house_code` is stripped and uppercased ('' when
    absent); `status` is the file's own word, lowercased ('' when absent)."""

    line: int
    channel: str
    aired_at: dt.datetime
    duration_seconds: float
    house_code: str
    title: str
    status: str


@dataclass(frozen=True)
class RowProblem:
    """A row that was skipped, and why (already translated, for the user)."""

    line: int
    message: str


@dataclass(frozen=True)
class ReadResult:
    """What a reader made of a file: its format ('bxf', 'airbox', 'etere', 'csv'),
    the rows it could read, the rows it skipped, the BXF message id and the
    channel named by the file ('' when none)."""

    format: str
    rows: tuple[AsRunRow, ...]
    problems: tuple[RowProblem, ...]
    message_id: str = ""
    channel: str = ""


class AsRunFileError(BroadcastError):
    """The whole file is refused (unknown format, XML bomb, truncated, too large,
    empty, unreadable text); its message says why, in the user's language."""
