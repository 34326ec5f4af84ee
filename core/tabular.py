"""Spreadsheet output that no spreadsheet runs as a formula (OWASP "CSV injection").

`safe_cell()` is the one rule: text beginning with a formula trigger gets a
leading apostrophe. Every CSV/XLSX export of the project goes through it: the
hand-made exports (running order, reports) write with `CsvWriter` and
`xlsx_cell()`, and the listing exports of Wagtail viewsets use
`SafeSpreadsheetExportMixin` on their index views.

CSV: UTF-8 with a byte-order mark and `;` separators (what a French spreadsheet
opens as is), ISO dates, plain integers, decimal commas. XLSX: openpyxl cells,
text always typed as text; openpyxl is imported only when a cell is made (the
report exports check first that it is installed)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import IO

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` as a spreadsheet may show it: text beginning with a formula trigger
    gets a leading apostrophe, so that no spreadsheet runs it; anything else is
    returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_cell(value) -> str:
    """A value as a CSV cell: "" for None, ISO dates (`YYYY-MM-DD`, datetimes
    `YYYY-MM-DD HH:MM` as given), plain integers, one decimal with a comma,
    neutralised text."""
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
    return safe_cell(value if isinstance(value, str) else str(value))


class _Utf8Out(io.TextIOWrapper):
    """UTF-8 text over a binary target, which stays open when this closes."""

    def close(self):
        self.flush()
        self.detach()


class CsvWriter:
    """Lines of cells into a binary `target`, each cell through `csv_cell()`.
    `close()` flushes and leaves `target` open."""

    def __init__(self, target: IO[bytes]):
        self._text = _Utf8Out(target, encoding="utf-8", newline="")
        self._text.write("\ufeff")  # what a French spreadsheet needs to read UTF-8
        self._writer = csv.writer(self._text, delimiter=";", lineterminator="\r\n")

    def writerow(self, values) -> None:
        self._writer.writerow([csv_cell(value) for value in values])

    def close(self) -> None:
        self._text.close()


def csv_bytes(lines) -> bytes:
    """A whole CSV file of `lines` (each an iterable of cells)."""
    buffer = io.BytesIO()
    writer = CsvWriter(buffer)
    for line in lines:
        writer.writerow(line)
    writer.close()
    return buffer.getvalue()


def xlsx_cell(sheet, value, *, font=None, fill=None, number_format=None, alignment=None):
    """A write-only openpyxl cell: text neutralised and typed as text (never a
    formula, whatever it holds), other values as they are."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        value = safe_cell(value)
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if number_format is not None:
        cell.number_format = number_format
    if alignment is not None:
        cell.alignment = alignment
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def xlsx_heading_style():
    """The font and fill of a heading row: bold white on BF1 red."""
    from openpyxl.styles import Font, PatternFill

    return Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="DC2626")


class SafeSpreadsheetExportMixin:
    """For a Wagtail index view with `list_export`: every exported value and
    heading is neutralised by `safe_cell()` (Wagtail's own export types XLSX
    formulas as text but writes CSV cells as they are)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if value is not None and not isinstance(value, str | int | float | bool):
            # Dates stay typed for XLSX; everything else is written as text.
            import datetime as dt

            if isinstance(value, dt.date | dt.time | dt.datetime):
                return value
            value = str(value)
        return safe_cell(value)

    def get_heading(self, queryset, field):
        return safe_cell(super().get_heading(queryset, field))
