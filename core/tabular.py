"""Spreadsheet output that no spreadsheet runs as a formula (OWASP "CSV injection").

`safe_cell()` is the one rule: text beginning with a formula trigger gets a
leading apostrophe. Every CSV/XLSX export of the project goes through it: the
hand-made exports (running order, reports) and the listing exports of Wagtail
viewsets (`SafeSpreadsheetExportMixin` on their index views)."""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` as a spreadsheet may show it: text beginning with a formula trigger
    gets a leading apostrophe, so that no spreadsheet runs it; anything else is
    returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


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
