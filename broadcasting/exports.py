"""Running-order exports of a day or a week: CSV, XLSX and PDF, computed from
the same selector as the planning dashboard (a fixed number of queries).

Columns: date, break time, label, position, advertiser, spot, length, file name,
status. CSV and XLSX are written by `core.tabular`, whose `safe_cell()` keeps
any text from running as a formula (beginning with `=`, `+`, `-`, `@`, or a tab
/ carriage return), the one rule of every format."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from core.pdf import (
    LISTING,
    Letterhead,
    build_pdf,
    content_width,
    para,
    pdf_text,
    styles,
    table_style,
)
from core.tabular import csv_bytes, xlsx_cell, xlsx_heading_style

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
    """UTF-8 with a BOM and `;` separators (`core.tabular`): what a French
    spreadsheet opens as is. Dates ISO (YYYY-MM-DD), times HH:MM."""

    def lines():
        yield headings()
        for row in rows:
            values = _cells(row)
            values[0] = row.day.isoformat()
            values[1] = row.time.strftime("%H:%M")
            yield values

    return csv_bytes(lines())


# --- XLSX -----------------------------------------------------------------------------

XLSX_WIDTHS = [12, 9, 26, 9, 30, 34, 10, 34, 18]
XLSX_FORMATS = ((dt.date, "DD/MM/YYYY"), (dt.time, "HH:MM"))


def _number_format(value) -> str | None:
    for kind, number_format in XLSX_FORMATS:
        if isinstance(value, kind):
            return number_format
    return None


def render_xlsx(rows: Iterable[ExportRow], *, sheet_title: str) -> bytes:
    """A write-only workbook (constant memory): real dates and times, the text
    cells neutralised and typed as text (`core.tabular.xlsx_cell`)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    for index, width in enumerate(XLSX_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    font, fill = xlsx_heading_style()
    centred = Alignment(vertical="center")
    sheet.append([xlsx_cell(sheet, h, font=font, fill=fill, alignment=centred) for h in headings()])
    for row in rows:
        sheet.append([xlsx_cell(sheet, v, number_format=_number_format(v)) for v in _cells(row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF ------------------------------------------------------------------------------

# time, label, position, advertiser, spot, length, file name, status (the rest)
PDF_WIDTHS = [16 * mm, 40 * mm, 12 * mm, 48 * mm, 58 * mm, 16 * mm, 47 * mm]

STATUS_COLOURS = {AIRED: colors.HexColor("#047857"), MISSED: colors.HexColor("#B91C1C")}


def _day_table(day_rows: list[ExportRow], widths: list[float], st) -> Table:
    data = [[Paragraph(para(h), st["th"]) for h in headings()[1:]]]
    extra = []
    for index, row in enumerate(day_rows, start=1):
        data.append(
            [
                row.time.strftime("%H:%M"),
                Paragraph(para(row.label), st["base"]),
                str(row.position),
                Paragraph(para(row.advertiser), st["base"]),
                Paragraph(para(row.spot), st["base"]),
                f"{row.length} s",
                Paragraph(para(row.file_name), st["small"]),
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
    return Table(data, colWidths=widths, repeatRows=1, style=table_style(extra))


def render_pdf(
    rows: list[ExportRow], *, first: dt.date, last: dt.date, compress: bool | None = None
) -> bytes:
    """A4 landscape: BF1 header on every page, one table per broadcast day,
    "Page n of N" in the footer."""
    st = styles()
    printed = _("Printed on %(moment)s") % {
        "moment": formats.date_format(timezone.localtime(), "j F Y H:i")
    }
    head = Letterhead(
        title=title(first, last),
        detail=printed,
        footer=_("Broadcast planning"),
        layout=LISTING,
        landscape=True,
    )
    widths = [*PDF_WIDTHS, content_width(head) - sum(PDF_WIDTHS)]
    story = []
    by_day: dict[dt.date, list[ExportRow]] = {}
    for row in rows:
        by_day.setdefault(row.day, []).append(row)
    if not by_day:
        story.append(Paragraph(para(_("No airing in this period.")), st["base"]))
    for day, day_rows in by_day.items():
        story += [
            Paragraph(para(formats.date_format(day, "l j F Y").capitalize()), st["h2"]),
            _day_table(day_rows, widths, st),
            Spacer(1, 4),
        ]
    return build_pdf(story, head, compress=compress)


def render(fmt: str, first: dt.date, last: dt.date) -> bytes:
    rows = export_rows(first, last)
    if fmt == "csv":
        return render_csv(rows)
    if fmt == "xlsx":
        return render_xlsx(rows, sheet_title=_("Running order"))
    if fmt == "pdf":
        return render_pdf(rows, first=first, last=last)
    raise ValueError(fmt)
