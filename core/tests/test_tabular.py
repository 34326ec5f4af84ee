"""No exported cell runs as a formula."""

from __future__ import annotations

import datetime as dt

import pytest

from core.tabular import SafeSpreadsheetExportMixin, safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+33", "'+33"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Sahel Boissons", "Sahel Boissons"),
        (-5, -5),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


class _Base:
    def preprocess_field_value(self, field, value, export_format):
        return value

    def get_heading(self, queryset, field):
        return field


class _Export(SafeSpreadsheetExportMixin, _Base):
    pass


def test_the_viewset_mixin_neutralises_values_and_headings_but_keeps_dates():
    export = _Export()
    assert export.preprocess_field_value("title", "=1+1", "csv") == "'=1+1"
    assert export.preprocess_field_value("n", 3, "xlsx") == 3
    day = dt.date(2026, 12, 6)
    assert export.preprocess_field_value("day", day, "xlsx") == day
    assert export.get_heading(None, "=bad") == "'=bad"
