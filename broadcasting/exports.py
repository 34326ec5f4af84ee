"""Running-order exports of a day or a week: CSV, XLSX and PDF, computed from
the same selector as the planning dashboard (a fixed number of queries).

Columns: date, break time, label, position, advertiser, spot, house code (the
playout's clip id, see `campaigns.house_codes`), length, file name, status. CSV
and XLSX are written by `core.tabular`, whose `safe_cell()` keeps any text from
running as a formula (beginning with `=`, `+`, `-`, `@`, or a tab
/ carriage return), the one rule of every format."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import NamedTuple

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from campaigns.models import Spot
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
from core.tabular import safe_cell, xlsx_cell, xlsx_heading_style

from .models import Airing, AiringStatus
from .selectors.badges import AIRED, MAKE_GOOD, MISSED, PLANNED, badge_label
from .selectors.day import spot_file_name, spot_title

FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


class ExportRow(NamedTuple):
    """One airing as the exports write it: plain typed values, the first ten in
    column order."""

    day: dt.date
    time: dt.time
    label: str
    position: int
    advertiser: str
    spot: str
    house_code: str
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
        _("Code"),
        _("Length (s)"),
        _("File name"),
        _("Status"),
    ]


EXPORT_COLUMNS = (
    "break_slot__day",
    "break_slot__starts_at",
    "break_slot__label",
    "position",
    "advertiser__name",
    "spot_id",
    "length",
    "status",
    "make_good_of_id",
)
SPOT_COLUMNS = (
    "id",
    "uuid",
    "house_code",
    "kind",
    "media__title",
    "media__file",
    "image__title",
    "image__file",
)


def _spot_labels(spot_ids: set[int]) -> dict[int, tuple[str, str, str]]:
    """Spot id -> (title, file name, house code), read once per spot of the period."""
    labels = {}
    for values in Spot.objects.filter(pk__in=spot_ids).values(*SPOT_COLUMNS):
        values = {f"spot__{key}": value for key, value in values.items()}
        values["spot_id"] = values["spot__id"]
        title = spot_title(values)
        video = values["spot__kind"] == "video"
        stored = values["spot__media__file"] if video else values["spot__image__file"]
        name = spot_file_name(stored or "", title)
        labels[values["spot_id"]] = (title, name, values["spot__house_code"] or "")
    return labels


def export_rows(first: dt.date, last: dt.date) -> list[ExportRow]:
    """One row per non-cancelled airing of the broadcast days `first`..`last`,
    in break then position order: one narrow `values_list` query for the
    airings, one for their spots' titles and file names."""
    lines = list(
        Airing.objects.filter(break_slot__day__gte=first, break_slot__day__lte=last)
        .exclude(status=AiringStatus.CANCELLED)
        .order_by("break_slot__starts_at", "break_slot_id", "position", "pk")
        .values_list(*EXPORT_COLUMNS)
    )
    spots = _spot_labels({line[5] for line in lines if line[5] is not None})
    labels = {key: badge_label(key) for key in (PLANNED, AIRED, MISSED, MAKE_GOOD)}
    statuses = {
        (AiringStatus.AIRED, False): (labels[AIRED], AIRED),
        (AiringStatus.AIRED, True): (f"{labels[AIRED]} ({labels[MAKE_GOOD]})", AIRED),
        (AiringStatus.MISSED, False): (labels[MISSED], MISSED),
        (AiringStatus.MISSED, True): (f"{labels[MISSED]} ({labels[MAKE_GOOD]})", MISSED),
        (AiringStatus.PLANNED, False): (labels[PLANNED], PLANNED),
        (AiringStatus.PLANNED, True): (labels[MAKE_GOOD], MAKE_GOOD),
    }
    times: dict[dt.datetime, dt.time] = {}
    no_spot = ("", "", "")
    rows = []
    for day, starts_at, label, position, advertiser, spot_id, length, status, of in lines:
        at = times.get(starts_at)
        if at is None:
            at = times[starts_at] = (
                timezone.localtime(starts_at).time().replace(second=0, microsecond=0)
            )
        title, name, code = spots.get(spot_id, no_spot)
        text, badge = statuses[(status, of is not None)]
        rows.append(
            ExportRow(day, at, label, position, advertiser, title, code, length, name, text, badge)
        )
    return rows


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
    """UTF-8 with a BOM and `;` separators (as `core.tabular.CsvWriter`): what a
    French spreadsheet opens as is. Dates ISO (YYYY-MM-DD), times HH:MM, every
    text through `safe_cell()`."""
    buffer = io.StringIO(newline="")
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headings()])
    days: dict[dt.date, str] = {}
    times: dict[dt.time, str] = {}
    safe = safe_cell
    for row in rows:
        day = days.get(row[0]) or days.setdefault(row[0], row[0].isoformat())
        at = times.get(row[1]) or times.setdefault(row[1], row[1].strftime("%H:%M"))
        writer.writerow(
            (
                day,
                at,
                safe(row[2]),
                row[3],
                safe(row[4]),
                safe(row[5]),
                safe(row[6]),
                row[7],
                safe(row[8]),
                safe(row[9]),
            )
        )
    return buffer.getvalue().encode("utf-8")


# --- XLSX -----------------------------------------------------------------------------

XLSX_WIDTHS = [12, 9, 26, 9, 30, 34, 13, 10, 34, 18]
XLSX_FORMATS = ((dt.date, "DD/MM/YYYY"), (dt.time, "HH:MM"))


def render_xlsx(rows: Iterable[ExportRow], *, sheet_title: str) -> bytes:
    """A write-only workbook (constant memory): real dates and times (the two
    styled cells of a row), text neutralised by `safe_cell()` — never a formula,
    so openpyxl types it as text — and plain numbers."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    for index, width in enumerate(XLSX_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    font, fill = xlsx_heading_style()
    centred = Alignment(vertical="center")
    sheet.append([xlsx_cell(sheet, h, font=font, fill=fill, alignment=centred) for h in headings()])
    date_format, time_format = (number_format for _kind, number_format in XLSX_FORMATS)
    safe = safe_cell
    append = sheet.append
    for row in rows:
        day = WriteOnlyCell(sheet, value=row[0])
        day.number_format = date_format
        at = WriteOnlyCell(sheet, value=row[1])
        at.number_format = time_format
        append(
            (
                day,
                at,
                safe(row[2]),
                row[3],
                safe(row[4]),
                safe(row[5]),
                safe(row[6]),
                row[7],
                safe(row[8]),
                safe(row[9]),
            )
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF ------------------------------------------------------------------------------

# time, label, position, advertiser, spot, code, length, file name, status (the rest)
PDF_WIDTHS = [16 * mm, 36 * mm, 12 * mm, 44 * mm, 52 * mm, 22 * mm, 16 * mm, 43 * mm]

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
                Paragraph(para(row.house_code), st["small"]),
                f"{row.length} s",
                Paragraph(para(row.file_name), st["small"]),
                pdf_text(row.status),
            ]
        )
        colour = STATUS_COLOURS.get(row.badge)
        if colour is not None:
            extra.append(("TEXTCOLOR", (8, index), (8, index), colour))
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
