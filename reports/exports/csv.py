"""The CSV writer of the report exports: UTF-8 with a byte-order mark and `;`
(what a French spreadsheet opens as is), ISO dates, plain integers, decimal
commas, and every text through `core.tabular.safe_cell`. Needs no package."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import IO

from django.utils.translation import gettext as _

from core.tabular import safe_cell

from .base import PROGRESS_EVERY, Column, Heading, Progress, Section, displayed, typed


class _Utf8Out(io.TextIOWrapper):
    """UTF-8 text over the binary target, which stays open when this closes."""

    def close(self):
        self.flush()
        self.detach()


def _csv_writer(target: IO[bytes]):
    text = _Utf8Out(target, encoding="utf-8", newline="")
    text.write("\ufeff")  # what a French spreadsheet needs to read UTF-8
    return text, csv.writer(text, delimiter=";", lineterminator="\r\n")


def _csv_cell(value, kind: str) -> str:
    """ISO dates (YYYY-MM-DD, `YYYY-MM-DD HH:MM` local time), plain integers,
    decimal commas, neutralised text."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return safe_cell(value)


def write_rows_csv(
    target: IO[bytes],
    columns: list[Column],
    rows: Iterable,
    *,
    progress: Progress | None = None,
    every: int = PROGRESS_EVERY,
) -> int:
    """A heading line, then one line per row (`rows` aligned with `columns`);
    `progress(count)` every `every` lines."""
    text, writer = _csv_writer(target)
    writer.writerow([safe_cell(c.label) for c in columns])
    plan = list(enumerate(columns))
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(typed(displayed(row[i], c), c.type), c.type) for i, c in plan])
        count += 1
        if progress is not None and count % every == 0:
            progress(count)
    text.close()
    return count


def write_sections_csv(target: IO[bytes], heading: Heading, sections: list[Section]) -> None:
    text, writer = _csv_writer(target)
    writer.writerow([safe_cell(heading.title)])
    writer.writerow([safe_cell(_("Period")), safe_cell(heading.period)])
    for label, value in heading.filters:
        writer.writerow([safe_cell(label), safe_cell(value)])
    for note in heading.notes:
        writer.writerow([safe_cell(note)])
    for section in sections:
        writer.writerow([])
        writer.writerow([safe_cell(section.title)])
        if not section.key_figures:
            writer.writerow([safe_cell(c.label) for c in section.columns])
        for values, kinds in section.typed_rows():
            writer.writerow([_csv_cell(typed(v, k), k) for v, k in zip(values, kinds, strict=True)])
    text.close()
