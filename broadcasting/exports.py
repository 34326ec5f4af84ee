"""Running-order exports of a day or a week: CSV, XLSX and PDF, computed from
the same selector as the planning dashboard (a fixed number of queries).

Columns: date, break time, label, position, advertiser, spot, length, file name,
status. Text that a spreadsheet would run as a formula (beginning with `=`, `+`,
`-`, `@`, or a tab / carriage return) goes through `safe_cell()`, the one rule of
every format."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from core.tabular import safe_cell
from simulator.pdf import (
    LINE,
    MARGIN,
    MUTED,
    RED,
    _canvas_maker,
    _p,
    _styles,
    _table_style,
    pdf_text,
)

from .selectors.planning import AIRED, MISSED, badge_of, breaks_between, file_name, status_text

FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class ExportRow:
    day: dt.date
    time: dt.time
    label: str
    position: int
    advertiser: str
    spot: str
    length: int
    file_name: str
    status: str
    badge: str = ""


def headings() -> list[str]:
    return [
        _("Date"),
        _("Break time"),
        _("Label"),
        _("Position"),
        _("Advertiser"),
        _("Spot"),
        _("Length (s)"),
        _("File name"),
        _("Status"),
    ]


def export_rows(first: dt.date, last: dt.date) -> list[ExportRow]:
    """One row per non-cancelled airing of the broadcast days `first`..`last`,
    in break then position order. Two queries."""
    rows = []
    for brk in breaks_between(first, last):
        local = timezone.localtime(brk.starts_at)
        for airing in brk.running_order:
            spot = airing.spot
            rows.append(
                ExportRow(
                    day=brk.day,
                    time=local.time().replace(second=0, microsecond=0),
                    label=brk.label,
                    position=airing.position,
                    advertiser=airing.advertiser.name,
                    spot=str(spot) if spot is not None else "",
                    length=airing.length,
                    file_name=file_name(spot),
                    status=status_text(airing),
                    badge=badge_of(airing),
                )
            )
    return rows


def _cells(row: ExportRow) -> list:
    return [
        row.day,
        row.time,
        row.label,
        row.position,
        row.advertiser,
        row.spot,
        row.length,
        row.file_name,
        row.status,
    ]


def export_filename(first: dt.date, last: dt.date, fmt: str) -> str:
    if first == last:
        return f"conducteur-{first.isoformat()}.{fmt}"
    return f"conducteur-{first.isoformat()}-{last.isoformat()}.{fmt}"


def title(first: dt.date, last: dt.date) -> str:
    if first == last:
        return _("Running order of %(day)s") % {"day": formats.date_format(first, "l j F Y")}
    return _("Running order from %(first)s to %(last)s") % {
        "first": formats.date_format(first, "j F Y"),
        "last": formats.date_format(last, "j F Y"),
    }


# --- CSV ------------------------------------------------------------------------------


def render_csv(rows: Iterable[ExportRow]) -> bytes:
    """UTF-8 with a BOM and `;` separators: what a French spreadsheet opens as is.
    Dates ISO (YYYY-MM-DD), times HH:MM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headings()])
    for row in rows:
        values = _cells(row)
        values[0] = row.day.isoformat()
        values[1] = row.time.strftime("%H:%M")
        writer.writerow([safe_cell(value) for value in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- XLSX -----------------------------------------------------------------------------

XLSX_WIDTHS = [12, 9, 26, 9, 30, 34, 10, 34, 18]


def render_xlsx(rows: Iterable[ExportRow], *, sheet_title: str) -> bytes:
    """A write-only workbook (constant memory): real dates and times, the text
    cells neutralised by `safe_cell()` and typed as text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    for index, width in enumerate(XLSX_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="DC2626")
    header = []
    for heading in headings():
        cell = WriteOnlyCell(sheet, value=safe_cell(heading))
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for value in _cells(row):
            cell = WriteOnlyCell(sheet, value=safe_cell(value))
            if isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(value, dt.time):
                cell.number_format = "HH:MM"
            elif isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF ------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
HEADER = 20 * mm
FOOTER = 14 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
# time, label, position, advertiser, spot, length, file name, status
PDF_WIDTHS = [16 * mm, 40 * mm, 12 * mm, 48 * mm, 58 * mm, 16 * mm, 47 * mm]
PDF_WIDTHS.append(CONTENT_WIDTH - sum(PDF_WIDTHS))

STATUS_COLOURS = {AIRED: colors.HexColor("#047857"), MISSED: colors.HexColor("#B91C1C")}


def render_pdf(
    rows: list[ExportRow], *, first: dt.date, last: dt.date, compress: bool | None = None
) -> bytes:
    """A4 landscape: BF1 header on every page, one table per broadcast day,
    "Page n of N" in the footer."""
    st = _styles()
    heading = title(first, last)
    printed = _("Printed on %(moment)s") % {
        "moment": formats.date_format(timezone.localtime(), "j F Y H:i")
    }

    def header(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.rect(0, PAGE_HEIGHT - HEADER, PAGE_WIDTH, HEADER, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 20)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 13 * mm, "BF1")
        canvas.setFont("Helvetica", 11)
        canvas.drawString(MARGIN + 20 * mm, PAGE_HEIGHT - 12.5 * mm, pdf_text(heading))
        canvas.setFont("Helvetica", 8.5)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 12.5 * mm, pdf_text(printed))
        canvas.restoreState()

    def footer(canvas, number, total):
        canvas.saveState()
        canvas.setStrokeColor(LINE)
        canvas.line(MARGIN, FOOTER - 4 * mm, PAGE_WIDTH - MARGIN, FOOTER - 4 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(MARGIN, FOOTER - 8.5 * mm, pdf_text("BF1 · " + _("Broadcast planning")))
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN,
            FOOTER - 8.5 * mm,
            pdf_text(_("Page %(number)s of %(total)s") % {"number": number, "total": total}),
        )
        canvas.restoreState()

    cols = headings()[1:]
    story = []
    by_day: dict[dt.date, list[ExportRow]] = {}
    for row in rows:
        by_day.setdefault(row.day, []).append(row)
    if not by_day:
        story.append(Paragraph(_p(_("No airing in this period.")), st["base"]))
    for day, day_rows in by_day.items():
        story.append(Paragraph(_p(formats.date_format(day, "l j F Y").capitalize()), st["h2"]))
        data = [[Paragraph(_p(h), st["th"]) for h in cols]]
        extra = []
        for index, row in enumerate(day_rows, start=1):
            data.append(
                [
                    row.time.strftime("%H:%M"),
                    Paragraph(_p(row.label), st["base"]),
                    str(row.position),
                    Paragraph(_p(row.advertiser), st["base"]),
                    Paragraph(_p(row.spot), st["base"]),
                    f"{row.length} s",
                    Paragraph(_p(row.file_name), st["small"]),
                    pdf_text(row.status),
                ]
            )
            colour = STATUS_COLOURS.get(row.badge)
            if colour is not None:
                extra.append(("TEXTCOLOR", (7, index), (7, index), colour))
        extra += [
            ("FONTSIZE", (0, 1), (-1, -1), 8.5),
            ("FONTNAME", (0, 1), (0, -1), "Helvetica-Bold"),
        ]
        story += [
            Table(data, colWidths=PDF_WIDTHS, repeatRows=1, style=_table_style(extra)),
            Spacer(1, 4),
        ]

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=HEADER + 5 * mm,
        bottomMargin=FOOTER + 2 * mm,
        title=pdf_text(heading),
        author="BF1",
        creator="BF1 Pub",
        invariant=1,
        pageCompression=rl_config.pageCompression if compress is None else int(compress),
    )
    doc.build(story, onFirstPage=header, onLaterPages=header, canvasmaker=_canvas_maker(footer))
    return buffer.getvalue()


def render(fmt: str, first: dt.date, last: dt.date) -> bytes:
    rows = export_rows(first, last)
    if fmt == "csv":
        return render_csv(rows)
    if fmt == "xlsx":
        return render_xlsx(rows, sheet_title=_("Running order"))
    if fmt == "pdf":
        return render_pdf(rows, first=first, last=last)
    raise ValueError(fmt)
