"""The CSV files of the report exports, written by `core.tabular.CsvWriter`:
UTF-8 with a byte-order mark and `;` (what a French spreadsheet opens as is), ISO
dates, plain integers, decimal commas, every text through `safe_cell`. Needs no
package."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from django.utils.translation import gettext as _

from core.tabular import CsvWriter

from .base import PROGRESS_EVERY, Column, Heading, Progress, Section, displayed, typed


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
    writer = CsvWriter(target)
    writer.writerow([c.label for c in columns])
    plan = list(enumerate(columns))
    count = 0
    for row in rows:
        writer.writerow([typed(displayed(row[i], c), c.type) for i, c in plan])
        count += 1
        if progress is not None and count % every == 0:
            progress(count)
    writer.close()
    return count


def write_sections_csv(target: IO[bytes], heading: Heading, sections: list[Section]) -> None:
    writer = CsvWriter(target)
    writer.writerow([heading.title])
    writer.writerow([_("Period"), heading.period])
    for label, value in heading.filters:
        writer.writerow([label, value])
    for note in heading.notes:
        writer.writerow([note])
    for section in sections:
        writer.writerow([])
        writer.writerow([section.title])
        if not section.key_figures:
            writer.writerow([c.label for c in section.columns])
        for values, kinds in section.typed_rows():
            writer.writerow([typed(v, k) for v, k in zip(values, kinds, strict=True)])
    writer.close()
