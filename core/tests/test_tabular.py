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


def test_csv_files_open_in_a_french_spreadsheet_and_never_run_a_formula():
    import csv
    import io

    from core.tabular import csv_bytes

    data = csv_bytes(
        [
            ["Annonceur", "Montant", "Date", "Taux"],
            ["=cmd|' /C calc'!A0", 125000, dt.date(2026, 12, 6), 12.5],
            ["-2+3", -5, dt.datetime(2026, 12, 6, 20, 15), None],
        ]
    )
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["'=cmd|' /C calc'!A0", "125000", "2026-12-06", "12,5"]
    assert rows[2] == ["'-2+3", "-5", "2026-12-06 20:15", ""]


def test_xlsx_cells_keep_formulas_as_text():
    import io

    from openpyxl import Workbook, load_workbook

    from core.tabular import xlsx_cell, xlsx_heading_style

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Feuille")
    font, fill = xlsx_heading_style()
    sheet.append([xlsx_cell(sheet, "=SUM(A1:A2)", font=font, fill=fill), xlsx_cell(sheet, 42)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    read = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert read["A1"].value == "'=SUM(A1:A2)"
    assert read["A1"].data_type == "s"
    assert read["B1"].value == 42
