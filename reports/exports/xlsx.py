"""The XLSX writer of the report exports (openpyxl, write-only workbooks: each
line goes to a temporary file as soon as it is appended, so memory stays flat).

Amounts are integer francs shown with the `#,##0 "FCFA"` format, dates real
dates, datetimes naive local time (Excel has no time zones), and every text is
typed as text (never a formula) after `core.tabular.safe_cell`.

Imported only once `check_dependency("xlsx")` has found openpyxl (see
`reports.exports.Export.write`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from core.tabular import safe_cell, xlsx_cell

from .base import (
    DATE,
    DATETIME,
    INT,
    MONEY,
    MONEY_FORMAT,
    NUMBER_FORMATS,
    PERCENT,
    PROGRESS_EVERY,
    TEXT,
    Column,
    Heading,
    Progress,
    Section,
    local_naive,
    typed,
)

XLSX_WIDTHS = {TEXT: 28, DATE: 12, DATETIME: 17, MONEY: 17, INT: 10, PERCENT: 10}


class _XlsxStyles:
    def __init__(self):
        self.head_font = Font(bold=True, color="FFFFFF")
        self.head_fill = PatternFill("solid", fgColor="DC2626")
        self.title_font = Font(bold=True, size=14, color="B91C1C")
        self.section_font = Font(bold=True, size=12, color="B91C1C")
        self.bold = Font(bold=True)
        self.muted = Font(color="64748B")


def _cell(sheet, value, *, font=None, fill=None, number_format=None):
    return xlsx_cell(sheet, value, font=font, fill=fill, number_format=number_format)


def _heading_rows(sheet, heading: Heading, styles: _XlsxStyles) -> None:
    sheet.append([_cell(sheet, safe_cell(heading.title), font=styles.title_font)])
    sheet.append(
        [_cell(sheet, _("Period"), font=styles.bold), _cell(sheet, safe_cell(heading.period))]
    )
    for label, value in heading.filters:
        sheet.append(
            [_cell(sheet, safe_cell(label), font=styles.bold), _cell(sheet, safe_cell(value))]
        )
    for note in heading.notes:
        sheet.append([_cell(sheet, safe_cell(note), font=styles.muted)])
    if heading.printed:
        sheet.append([_cell(sheet, safe_cell(heading.printed), font=styles.muted)])


def write_rows_xlsx(
    target: IO[bytes],
    columns: list[Column],
    rows: Iterable,
    *,
    heading: Heading,
    sheet_title: str,
    progress: Progress | None = None,
    every: int = PROGRESS_EVERY,
) -> int:
    """One sheet of lines (a frozen heading row, then `rows` aligned with
    `columns`, then a "Total" line summing the amounts) and a second sheet
    saying the period and the filters. Write-only workbook: each line goes to a
    temporary file as soon as it is appended."""
    clean = ILLEGAL_CHARACTERS_RE.sub
    styles = _XlsxStyles()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = XLSX_WIDTHS.get(column.type, 20)
    sheet.freeze_panes = "A2"
    sheet.append(
        [
            _cell(sheet, safe_cell(c.label), font=styles.head_font, fill=styles.head_fill)
            for c in columns
        ]
    )

    # One styled cell per formatted column, given the next value on each line:
    # the sheet writes a line out as soon as it is appended, so the cell can be
    # reused, and a formatted export costs about what a plain one does.
    plan = []
    for index, column in enumerate(columns):
        number_format = NUMBER_FORMATS.get(column.type) if column.type != INT else None
        styled = _cell(sheet, None, number_format=number_format) if number_format else None
        plan.append((index, column.type, column.choices, styled))
    sums = {index: 0 for index, c in enumerate(columns) if c.type == MONEY}

    count = 0
    append = sheet.append
    for row in rows:
        line = []
        for index, kind, choices, styled in plan:
            value = row[index]
            if value is None:
                line.append(None)
                continue
            if kind == TEXT:
                if choices is not None:
                    value = choices.get(value, value)
                value = safe_cell(clean("", value if isinstance(value, str) else str(value)))
            elif kind == MONEY:
                value = int(value)
                sums[index] += value
            elif kind == DATETIME:
                value = local_naive(value)
            elif kind == INT:
                value = int(value)
            elif kind == PERCENT:
                value = float(value)
            if styled is None:
                line.append(value)
            else:
                styled.value = value
                line.append(styled)
        append(line)
        count += 1
        if progress is not None and count % every == 0:
            progress(count)

    if sums:
        total = [None] * len(columns)
        total[0] = _cell(sheet, _("Total"), font=styles.bold)
        for index, amount in sums.items():
            total[index] = _cell(sheet, amount, font=styles.bold, number_format=MONEY_FORMAT)
        append(total)

    about = workbook.create_sheet(title=_("Parameters")[:31])
    about.column_dimensions["A"].width = 26
    about.column_dimensions["B"].width = 60
    _heading_rows(about, heading, styles)
    about.append([_cell(about, _("Lines"), font=styles.bold), _cell(about, count)])
    workbook.save(target)
    return count


def write_sections_xlsx(
    target: IO[bytes], heading: Heading, sections: list[Section], *, sheet_title: str
) -> None:
    """The overview on one sheet: the heading, the key figures, then each table."""
    styles = _XlsxStyles()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    widest = max((len(s.columns) for s in sections), default=2)
    for index in range(1, widest + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 38 if index == 1 else 18
    _heading_rows(sheet, heading, styles)
    for section in sections:
        sheet.append([])
        sheet.append([_cell(sheet, safe_cell(section.title), font=styles.section_font)])
        if not section.key_figures:
            sheet.append(
                [
                    _cell(sheet, safe_cell(c.label), font=styles.head_font, fill=styles.head_fill)
                    for c in section.columns
                ]
            )
        for values, kinds in section.typed_rows():
            line = []
            for index, (value, kind) in enumerate(zip(values, kinds, strict=True)):
                font = styles.bold if section.key_figures and index == 0 else None
                line.append(
                    _cell(
                        sheet,
                        typed(value, kind),
                        font=font,
                        number_format=NUMBER_FORMATS.get(kind),
                    )
                )
            sheet.append(line)
    workbook.save(target)
