"""The report exports (XLSX, PDF, CSV), computed by the same selectors as the
report screens (reports/selectors.py) for the same period and filters
(`resolve_period` + `resolve_filters` on the query string of the screen).

Three datasets:
- `overview`: the figures of the overview page (key figures, then its tables),
  a few dozen lines whatever the period;
- `airings` and `campaigns`: one line per airing / campaign of the period,
  streamed from the database (`.iterator(chunk_size=2000)`) into the file, so
  that memory stays flat whatever the number of lines.

Every writer writes into a binary file object (a temporary file, never the
whole file in memory). The one rule of every format: text beginning with `=`,
`+`, `-`, `@` (or a tab / carriage return) goes through
`core.tabular.safe_cell`. Amounts are integer francs (FCFA); in XLSX
they are numbers shown with the `#,##0 "FCFA"` format, dates real dates and
datetimes naive local time (Excel has no time zones).

openpyxl and reportlab are imported only when a file is written: when one is
missing on the server, `check_dependency` raises `MissingDependency` and the
view says which package is missing instead of failing."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.tabular import safe_cell

FORMATS = ("xlsx", "pdf", "csv")
DATASETS = ("overview", "airings", "campaigns")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
# The package each format needs at run time.
PACKAGES = {"xlsx": "openpyxl", "pdf": "reportlab"}

TEXT, DATE, DATETIME, MONEY, INT, PERCENT = "text", "date", "datetime", "money", "int", "percent"
MONEY_FORMAT = '#,##0 "FCFA"'
NUMBER_FORMATS = {
    MONEY: MONEY_FORMAT,
    DATE: "DD/MM/YYYY",
    DATETIME: "DD/MM/YYYY HH:MM",
    PERCENT: '0.0" %"',  # a percentage as the page shows it (87.5 → "87.5 %")
    INT: "#,##0",
}
CHUNK_SIZE = 2000
# How often (in lines) a long export reports its progress.
PROGRESS_EVERY = 2000
# Lines of one PDF table: a long listing is laid out one table at a time.
PDF_TABLE_ROWS = 500
# Lines a PDF listing shows (about 230 pages); past them the amounts are still
# added up, and the PDF says the XLSX and CSV have every line. reportlab lays a
# document out in memory: a year of airings (3 000 pages) would take about 1 GB.
PDF_MAX_ROWS = 10_000

Progress = Callable[[int], None]


class MissingDependency(Exception):
    """A package an export format needs is not installed on the server."""

    def __init__(self, fmt: str, package: str):
        self.fmt = fmt
        self.package = package
        super().__init__(f"{fmt}: {package} is missing")

    @property
    def message(self) -> str:
        return _("The %(format)s export needs the %(package)s package, missing on the server.") % {
            "format": self.fmt.upper(),
            "package": self.package,
        }


def check_dependency(fmt: str) -> None:
    """Raise `MissingDependency` when the package `fmt` needs cannot be imported."""
    package = PACKAGES.get(fmt)
    if package is None:
        return
    try:
        importlib.import_module(package)
    except ImportError as exc:
        raise MissingDependency(fmt, package) from exc


# --- What is exported -----------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str = TEXT
    choices: dict | None = None  # stored code -> label

    @classmethod
    def of(cls, column) -> Column:
        """A column of the selectors (reports.selectors.Column) with its labels
        translated now."""
        choices = getattr(column, "choices", None)
        if choices is not None:
            choices = {key: str(label) for key, label in choices.items()}
        return cls(column.key, str(column.label), column.type or TEXT, choices)


@dataclass
class Section:
    """A titled table of the overview export. `key_figures`: a label / value
    block whose rows are (label, value, type) rather than a table."""

    title: str
    columns: list[Column]
    rows: list[Sequence[Any]]
    key_figures: bool = False

    def typed_rows(self) -> Iterator[tuple[list[Any], list[str]]]:
        """(values, types) of each row."""
        for row in self.rows:
            if self.key_figures:
                label, value, kind = row
                yield [label, value], [TEXT, kind]
            else:
                yield list(row), [c.type for c in self.columns]


@dataclass
class Heading:
    """What every export says above its figures."""

    title: str
    period: str
    filters: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    printed: str = ""


def local_naive(value):
    """An aware datetime as Excel wants it: local (Africa/Ouagadougou) time,
    without time zone."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def typed(value, kind: str):
    """`value` as its column's type: an int for money/int, a float for a
    percentage, a date, a naive local datetime, or neutralised text."""
    if value is None or value == "" and kind != TEXT:
        return None
    if kind in (MONEY, INT):
        return int(value)
    if kind == PERCENT:
        return float(value)
    if kind == DATETIME:
        return local_naive(value)
    if kind == DATE:
        if isinstance(value, dt.datetime):
            return local_naive(value).date()
        return value
    return safe_cell(value if isinstance(value, str) else str(value))


def spaced(number: int) -> str:
    """12345678 -> "12 345 678"."""
    return f"{number:,}".replace(",", " ")


def as_text(value, kind: str) -> str:
    """A typed value as the PDF shows it (French)."""
    if value is None:
        return ""
    if kind == MONEY:
        return f"{spaced(value)} FCFA"
    if kind == INT:
        return spaced(value)
    if kind == PERCENT:
        return f"{value:.1f} %".replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _display(value, column: Column):
    if column.choices is not None and value is not None:
        return column.choices.get(value, value)
    return value


# --- CSV ------------------------------------------------------------------------------
class _Utf8Out(io.TextIOWrapper):
    """UTF-8 text over the binary target, which stays open when this closes."""

    def close(self):
        self.flush()
        self.detach()


def _csv_writer(target: IO[bytes]):
    text = _Utf8Out(target, encoding="utf-8", newline="")
    text.write("\ufeff")  # what a French spreadsheet needs to read UTF-8
    return text, csv.writer(text, delimiter=";", lineterminator="\r\n")


def _csv_cell(value, kind: str) -> str:
    """ISO dates (YYYY-MM-DD, `YYYY-MM-DD HH:MM` local time), plain integers,
    decimal commas, neutralised text."""
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
    return safe_cell(value)


def write_rows_csv(
    target: IO[bytes], columns: list[Column], rows: Iterable, *, progress: Progress | None = None
) -> int:
    """A heading line, then one line per row (`rows` aligned with `columns`)."""
    text, writer = _csv_writer(target)
    writer.writerow([safe_cell(c.label) for c in columns])
    plan = list(enumerate(columns))
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(typed(_display(row[i], c), c.type), c.type) for i, c in plan])
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    text.close()
    return count


def write_sections_csv(target: IO[bytes], heading: Heading, sections: list[Section]) -> None:
    text, writer = _csv_writer(target)
    writer.writerow([safe_cell(heading.title)])
    writer.writerow([safe_cell(_("Period")), safe_cell(heading.period)])
    for label, value in heading.filters:
        writer.writerow([safe_cell(label), safe_cell(value)])
    for note in heading.notes:
        writer.writerow([safe_cell(note)])
    for section in sections:
        writer.writerow([])
        writer.writerow([safe_cell(section.title)])
        if not section.key_figures:
            writer.writerow([safe_cell(c.label) for c in section.columns])
        for values, kinds in section.typed_rows():
            writer.writerow([_csv_cell(typed(v, k), k) for v, k in zip(values, kinds, strict=True)])
    text.close()


# --- XLSX -----------------------------------------------------------------------------
XLSX_WIDTHS = {TEXT: 28, DATE: 12, DATETIME: 17, MONEY: 17, INT: 10, PERCENT: 10}


class _XlsxStyles:
    def __init__(self):
        from openpyxl.styles import Font, PatternFill

        self.head_font = Font(bold=True, color="FFFFFF")
        self.head_fill = PatternFill("solid", fgColor="DC2626")
        self.title_font = Font(bold=True, size=14, color="B91C1C")
        self.section_font = Font(bold=True, size=12, color="B91C1C")
        self.bold = Font(bold=True)
        self.muted = Font(color="64748B")


def _cell(sheet, value, *, font=None, fill=None, number_format=None):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if number_format is not None:
        cell.number_format = number_format
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text
    return cell


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
) -> int:
    """One sheet of lines (a frozen heading row, then `rows` aligned with
    `columns`, then a "Total" line summing the amounts) and a second sheet
    saying the period and the filters. Write-only workbook: each line goes to a
    temporary file as soon as it is appended."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

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
        if progress is not None and count % PROGRESS_EVERY == 0:
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
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

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


# --- PDF ------------------------------------------------------------------------------
class _Pdf:
    """A document in BF1's style: red BF1 header on every page (title and
    period), "Page n of N" in the footer, the period and filters first."""

    def __init__(self, target: IO[bytes], heading: Heading, *, wide: bool, compress=None):
        from reportlab import rl_config
        from reportlab.lib.pagesizes import A4, landscape
        from reportlab.lib.units import mm
        from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

        from simulator.pdf import MARGIN, _p, _styles, pdf_text

        self.heading = heading
        self.width, self.height = landscape(A4) if wide else A4
        self.header_height, self.footer_height = 20 * mm, 14 * mm
        self.available = self.width - 2 * MARGIN
        self.st = _styles()
        self.doc = SimpleDocTemplate(
            target,
            pagesize=(self.width, self.height),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=self.header_height + 5 * mm,
            bottomMargin=self.footer_height + 2 * mm,
            title=pdf_text(heading.title),
            author="BF1",
            creator="BF1 Pub",
            invariant=1,
            pageCompression=rl_config.pageCompression if compress is None else int(compress),
        )
        lines = [f"<b>{_p(_('Period'))}</b> : {_p(heading.period)}"]
        lines += [f"<b>{_p(label)}</b> : {_p(value)}" for label, value in heading.filters]
        self.story = [Paragraph("<br/>".join(lines), self.st["base"])]
        self.story += [Paragraph(_p(note), self.st["small"]) for note in heading.notes]
        self.story.append(Spacer(1, 4))

    def _header(self, canvas, doc):
        from reportlab.lib import colors
        from reportlab.lib.units import mm

        from simulator.pdf import MARGIN, RED, pdf_text

        width, height = self.width, self.height
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.rect(0, height - self.header_height, width, self.header_height, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 20)
        canvas.drawString(MARGIN, height - 13 * mm, "BF1")
        canvas.setFont("Helvetica", 11)
        canvas.drawString(MARGIN + 20 * mm, height - 12.5 * mm, pdf_text(self.heading.title))
        canvas.setFont("Helvetica", 8.5)
        canvas.drawRightString(width - MARGIN, height - 12.5 * mm, pdf_text(self.heading.period))
        canvas.restoreState()

    def _footer(self, canvas, number, total):
        from reportlab.lib.units import mm

        from simulator.pdf import LINE, MARGIN, MUTED, pdf_text

        base = self.footer_height
        canvas.saveState()
        canvas.setStrokeColor(LINE)
        canvas.line(MARGIN, base - 4 * mm, self.width - MARGIN, base - 4 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(MARGIN, base - 8.5 * mm, pdf_text(f"BF1 · {self.heading.printed}"))
        canvas.drawRightString(
            self.width - MARGIN,
            base - 8.5 * mm,
            pdf_text(_("Page %(number)s of %(total)s") % {"number": number, "total": total}),
        )
        canvas.restoreState()

    def widths(self, kinds: list[str]) -> list[float]:
        weight = {TEXT: 3.0, DATE: 1.4, DATETIME: 1.9, MONEY: 2.0, INT: 1.1, PERCENT: 1.1}
        weights = [weight.get(kind, 2.0) for kind in kinds]
        return [self.available * w / sum(weights) for w in weights]

    def table(self, columns: list[Column] | None, rows: list[list[str]], kinds, widths):
        """A table with a red heading row (`columns`), or without one (None)."""
        from reportlab.lib import colors
        from reportlab.platypus import Paragraph, Table, TableStyle

        from simulator.pdf import GREY, LINE, RED, _p

        right = [i for i, kind in enumerate(kinds) if kind in (MONEY, INT, PERCENT)]
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            *(("ALIGN", (i, 0), (i, -1), "RIGHT") for i in right),
        ]
        data = rows
        if columns is None:
            commands += [
                ("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
            ]
        else:
            heads = [
                Paragraph(_p(c.label), self.st["th_right" if i in right else "th"])
                for i, c in enumerate(columns)
            ]
            data = [heads, *rows]
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), RED),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, GREY]),
            ]
        return Table(
            data,
            colWidths=widths,
            repeatRows=0 if columns is None else 1,
            style=TableStyle(commands),
        )

    def build(self) -> None:
        from simulator.pdf import _canvas_maker

        self.doc.build(
            self.story,
            onFirstPage=self._header,
            onLaterPages=self._header,
            canvasmaker=_canvas_maker(self._footer),
        )


def _pdf_text(value, kind: str) -> str:
    from simulator.pdf import pdf_text

    return pdf_text(as_text(value, kind))


def write_rows_pdf(
    target: IO[bytes],
    columns: list[Column],
    rows: Iterable,
    *,
    heading: Heading,
    progress: Progress | None = None,
    compress: bool | None = None,
) -> int:
    """A4 landscape: the lines in tables of PDF_TABLE_ROWS (long text cut to
    what its cell shows; the first PDF_MAX_ROWS only), the sum of the amounts
    and the number of lines (all of them)."""
    from reportlab.platypus import Paragraph

    from simulator.pdf import _p

    pdf = _Pdf(target, heading, wide=True, compress=compress)
    kinds = [c.type for c in columns]
    widths = pdf.widths(kinds)
    fits = [max(6, int(width / 4.2)) for width in widths]  # characters at 8 pt
    sums = {index: 0 for index, c in enumerate(columns) if c.type == MONEY}
    count = 0
    chunk: list[list[str]] = []
    for row in rows:
        count += 1
        if count > PDF_MAX_ROWS:  # not shown, still added up
            for index in sums:
                sums[index] += int(row[index] or 0)
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
            continue
        line = []
        for index, column in enumerate(columns):
            value = typed(_display(row[index], column), column.type)
            if index in sums and value is not None:
                sums[index] += value
            text = _pdf_text(value, column.type)
            line.append(text if len(text) <= fits[index] else text[: fits[index] - 1] + "…")
        chunk.append(line)
        if len(chunk) >= PDF_TABLE_ROWS:
            pdf.story.append(pdf.table(columns, chunk, kinds, widths))
            chunk = []
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    if chunk or not count:
        pdf.story.append(pdf.table(columns, chunk, kinds, widths))
    if sums:
        total = [""] * len(columns)
        total[0] = _("Total")
        for index, amount in sums.items():
            total[index] = _pdf_text(amount, MONEY)
        pdf.story.append(pdf.table(None, [total], kinds, widths))
    pdf.story.append(
        Paragraph(_p(_("%(count)s lines") % {"count": spaced(count)}), pdf.st["small"])
    )
    if count > PDF_MAX_ROWS:
        note = _(
            "This PDF lists the first %(shown)s lines of %(count)s: the XLSX and CSV exports "
            "have them all."
        ) % {"shown": spaced(PDF_MAX_ROWS), "count": spaced(count)}
        pdf.story.insert(1, Paragraph(_p(note), pdf.st["base"]))
        pdf.story.append(Paragraph(_p(note), pdf.st["small"]))
    pdf.build()
    return count


def write_sections_pdf(
    target: IO[bytes], heading: Heading, sections: list[Section], *, compress: bool | None = None
) -> None:
    """A4 portrait: the key figures, then each table of the overview."""
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    from simulator.pdf import _p

    pdf = _Pdf(target, heading, wide=False, compress=compress)
    for section in sections:
        if not section.rows:
            continue
        title = Paragraph(_p(section.title), pdf.st["h2"])
        rows = [
            [_pdf_text(typed(value, kind), kind) for value, kind in zip(values, kinds, strict=True)]
            for values, kinds in section.typed_rows()
        ]
        if section.key_figures:
            widths = [pdf.available * 0.62, pdf.available * 0.38]
            table = pdf.table(None, rows, [TEXT, MONEY], widths)
        else:
            kinds = [c.type for c in section.columns]
            table = pdf.table(section.columns, rows, kinds, pdf.widths(kinds))
        if len(rows) <= 25:
            pdf.story.append(KeepTogether([title, table]))
        else:
            pdf.story += [title, table]
        pdf.story.append(Spacer(1, 4))
    pdf.build()


# --- From the screen's query string to a file ---------------------------------------------
def iterate(queryset) -> Iterator:
    """The rows of a lazy queryset, fetched CHUNK_SIZE at a time."""
    return queryset.iterator(chunk_size=CHUNK_SIZE)


def period_text(period) -> str:
    return _("From %(start)s to %(end)s") % {
        "start": formats.date_format(period.start, "j F Y"),
        "end": formats.date_format(period.end, "j F Y"),
    }


def printed_text() -> str:
    return _("Printed on %(moment)s") % {
        "moment": formats.date_format(timezone.localtime(), "j F Y H:i")
    }


DATASET_TITLES = {
    "overview": lambda: _("Activity report"),
    "airings": lambda: _("Airings of the period"),
    "campaigns": lambda: _("Campaigns of the period"),
}
FILE_STEMS = {"overview": "rapport", "airings": "passages", "campaigns": "campagnes"}


@dataclass
class Export:
    """One export: the dataset, the format, and the period and filters resolved
    from the screen's query string by the screens' own functions."""

    dataset: str
    fmt: str
    period: Any
    filters: Any
    advertiser: Any = None

    @classmethod
    def from_params(cls, params, *, fmt: str, advertiser=None) -> Export:
        """`params`: the query string of the export link (or a job's saved
        parameters). `advertiser`: an advertiser's own company, forced."""
        from .filters import resolve_filters
        from .period import resolve_period

        dataset = (params.get("dataset") or "overview") if params else "overview"
        if dataset not in DATASETS:
            dataset = "overview"
        return cls(
            dataset=dataset,
            fmt=fmt,
            period=resolve_period(params),
            filters=resolve_filters(params, advertiser=advertiser),
            advertiser=advertiser,
        )

    # What the export covers -------------------------------------------------------------
    @property
    def is_listing(self) -> bool:
        return self.dataset != "overview"

    def params(self) -> dict[str, str]:
        """The resolved period and filters (what a job runs with later)."""
        return {**self.period.as_params(), **self.filters.as_params(), "dataset": self.dataset}

    def columns(self) -> list[Column]:
        from . import selectors

        source = (
            selectors.AIRING_COLUMNS if self.dataset == "airings" else selectors.CAMPAIGN_COLUMNS
        )
        return [Column.of(column) for column in source]

    def queryset(self):
        """The lines of a listing, as tuples in the order of `columns()`."""
        from . import selectors

        if self.dataset == "airings":
            return selectors.airing_values(self.period, self.filters, advertiser=self.advertiser)
        return selectors.campaign_values(self.period, self.filters, advertiser=self.advertiser)

    def row_count(self) -> int:
        """Lines of the file: the listing's count (one query); the overview is
        a few dozen lines whatever the period."""
        if not self.is_listing:
            return 0
        return self.queryset().order_by().count()

    def file_name(self) -> str:
        stem = FILE_STEMS[self.dataset]
        return (
            f"bf1-{stem}-{self.period.start.isoformat()}-{self.period.end.isoformat()}.{self.fmt}"
        )

    def heading(self) -> Heading:
        from .filters import band_names

        title = DATASET_TITLES[self.dataset]()
        filters = []
        f = self.filters
        if f.advertiser_name:
            filters.append((_("Advertiser"), f.advertiser_name))
        if f.sector_name:
            filters.append((_("Business sector"), f.sector_name))
        if f.band:
            filters.append((_("Time band"), band_names().get(f.band, f.band)))
        if f.status:
            filters.append((_("Campaign status"), f.status_label))
        if f.q:
            filters.append((_("Search"), f.q))
        notes = [str(message) for message in self.period.messages]
        return Heading(
            title=title,
            period=period_text(self.period),
            filters=filters,
            notes=notes,
            printed=printed_text(),
        )

    # Writing ----------------------------------------------------------------------------
    def write(self, target: IO[bytes], *, progress: Progress | None = None) -> int:
        """Write the file into `target`; the number of lines written."""
        check_dependency(self.fmt)
        heading = self.heading()
        if not self.is_listing:
            from . import selectors

            data = selectors.overview(self.period, self.filters, advertiser=self.advertiser)
            sections = overview_sections(data)
            if self.fmt == "xlsx":
                write_sections_xlsx(target, heading, sections, sheet_title=_("Overview"))
            elif self.fmt == "pdf":
                write_sections_pdf(target, heading, sections)
            else:
                write_sections_csv(target, heading, sections)
            return sum(len(section.rows) for section in sections)
        columns = self.columns()
        rows = iterate(self.queryset())
        if self.fmt == "xlsx":
            title = _("Airings") if self.dataset == "airings" else _("Campaigns")
            return write_rows_xlsx(
                target, columns, rows, heading=heading, sheet_title=title, progress=progress
            )
        if self.fmt == "pdf":
            return write_rows_pdf(target, columns, rows, heading=heading, progress=progress)
        return write_rows_csv(target, columns, rows, progress=progress)


# --- The overview as sections ---------------------------------------------------------------
def key_figures(data: dict) -> list[tuple[str, Any, str]]:
    """The overview's key figures, (label, value, type), in the page's order."""
    booked, delivered, airings = data["booked"], data["delivered"], data["airings"]
    if data.get("is_station"):
        money = [
            _("Revenue booked (excl. VAT)"),
            _("VAT on revenue booked"),
            _("Revenue booked incl. VAT"),
            _("Revenue delivered (excl. VAT)"),
            _("VAT on revenue delivered"),
            _("Revenue delivered incl. VAT"),
        ]
    else:  # an advertiser's own report: what it spends
        money = [
            _("Spend booked (excl. VAT)"),
            _("VAT on spend booked"),
            _("Spend booked incl. VAT"),
            _("Spend delivered (excl. VAT)"),
            _("VAT on spend delivered"),
            _("Spend delivered incl. VAT"),
        ]
    rows = [
        (money[0], booked["net"], MONEY),
        (money[1], booked["vat"], MONEY),
        (money[2], booked["total"], MONEY),
        (_("Campaigns approved in the period"), booked["campaigns"], INT),
        (money[3], delivered["net"], MONEY),
        (money[4], delivered["vat"], MONEY),
        (money[5], delivered["total"], MONEY),
        (_("Airings planned"), airings["planned"], INT),
        (_("Airings aired"), airings["aired"], INT),
        (_("Airings missed"), airings["missed"], INT),
        (_("Make-goods"), airings["make_good"], INT),
        (_("Seconds aired"), delivered["seconds"], INT),
    ]
    fill = data.get("fill")
    if fill:
        rows += [
            (_("Fill rate"), fill["rate"], PERCENT),
            (_("Seconds sold"), fill["booked"], INT),
            (_("Seconds of capacity"), fill["capacity"], INT),
        ]
    return rows


def overview_sections(data: dict) -> list[Section]:
    """The overview page's figures as the export's sections (the same numbers,
    read from the same `selectors.overview` result)."""
    station = data.get("is_station")
    label = Column("label", _("Figure"))
    value = Column("value", _("Value"))
    sections = [Section(_("Key figures"), [label, value], key_figures(data), key_figures=True)]

    delivered = _("Revenue delivered (excl. VAT)") if station else _("Spend delivered (excl. VAT)")
    monthly_columns = [Column("label", _("Month")), Column("delivered", delivered, MONEY)]
    if station:
        monthly_columns.append(Column("fill_rate", _("Fill rate"), PERCENT))
    sections.append(
        Section(
            _("Month by month"),
            monthly_columns,
            [[row.get(c.key) for c in monthly_columns] for row in data["monthly"]],
        )
    )

    band_columns = [
        Column("band_name", _("Time band")),
        Column("planned", _("Planned"), INT),
        Column("aired", _("Aired"), INT),
        Column("missed", _("Missed"), INT),
        Column("delivered", delivered, MONEY),
    ]
    if station:
        band_columns += [
            Column("booked_seconds", _("Seconds sold"), INT),
            Column("capacity", _("Seconds of capacity"), INT),
            Column("fill_rate", _("Fill rate"), PERCENT),
        ]
    sections.append(
        Section(
            _("By time band"),
            band_columns,
            [[row.get(c.key) for c in band_columns] for row in data["by_band"]],
        )
    )

    if station and data.get("fill"):
        day_columns = [
            Column("day", _("Day"), DATE),
            Column("booked", _("Seconds sold"), INT),
            Column("capacity", _("Seconds of capacity"), INT),
            Column("rate", _("Fill rate"), PERCENT),
        ]
        sections.append(
            Section(
                _("Fill rate by day"),
                day_columns,
                [[row.get(c.key) for c in day_columns] for row in data["fill"]["by_day"]],
            )
        )

    ranking = [
        Column("name", _("Name")),
        Column("aired", _("Aired"), INT),
        Column("delivered", _("Revenue delivered (excl. VAT)"), MONEY),
    ]
    for key, title in (
        ("top_advertisers", _("Top advertisers (delivered)")),
        ("top_sectors", _("Top business sectors (delivered)")),
    ):
        if data.get(key):
            sections.append(
                Section(title, ranking, [[row.get(c.key) for c in ranking] for row in data[key]])
            )

    by_status = [Column("label", _("Status")), Column("count", _("Number"), INT)]
    for key, title in (
        ("campaigns_by_status", _("Campaigns by status")),
        ("creation_requests_by_status", _("Creation requests by status")),
        ("coverage_by_status", _("Coverage requests by status")),
    ):
        if data.get(key):
            sections.append(
                Section(title, by_status, [[row["label"], row["count"]] for row in data[key]])
            )
    return sections
