"""The PDF writer of the report exports. The page is the branded BF1 listing of
`core.pdf` (the red band with the title and the period on every page, the
printing time and "Page n of N" in the footer, A4 landscape for a listing,
portrait for the overview); this module only builds the content: the period
and the filters first, then the tables.

Imported only once `check_dependency("pdf")` has found reportlab (see
`reports.exports.Export.write`)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import IO

from django.utils.translation import gettext as _
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from core.pdf import (
    LINE,
    LISTING,
    LazyStory,
    Letterhead,
    build_pdf,
    content_width,
    para,
    pdf_text,
    styles,
)
from core.pdf import table_style as branded_table_style

from .base import (
    DATE,
    DATETIME,
    INT,
    MONEY,
    PDF_MAX_ROWS,
    PDF_TABLE_ROWS,
    PERCENT,
    PROGRESS_EVERY,
    TEXT,
    Column,
    Heading,
    Progress,
    Section,
    as_text,
    displayed,
    spaced,
    typed,
)

# Share of the width each type of column takes.
WEIGHTS = {TEXT: 3.0, DATE: 1.4, DATETIME: 1.9, MONEY: 2.0, INT: 1.1, PERCENT: 1.1}
# The compact cells of a listing: 8 pt, tight padding (a line under every row).
COMPACT = [
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("FONTSIZE", (0, 0), (-1, -1), 8),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
]


def _text(value, kind: str) -> str:
    return pdf_text(as_text(value, kind))


def _column_styles(rows: int, columns: int) -> list[list[CellStyle]]:
    """The cell styles of a table whose style commands all span every row
    (those of `_Document.table`): one per column, shared by every row, where
    reportlab would make one per cell (5 500 objects, about 4 MB, for a table
    of 500 lines). The commands set the same values, so the pages are the same."""
    shared = [CellStyle(repr((0, column))) for column in range(columns)]
    return [shared] * rows


class _Document:
    """The story of one export in its letterhead: the period and the filters
    first, then what the writer appends."""

    def __init__(self, heading: Heading, *, wide: bool):
        self.head = Letterhead(
            title=heading.title,
            detail=heading.period,
            footer=heading.printed,
            layout=LISTING,
            landscape=wide,
        )
        self.available = content_width(self.head)
        self.st = styles()
        lines = [f"<b>{para(_('Period'))}</b> : {para(heading.period)}"]
        lines += [f"<b>{para(label)}</b> : {para(value)}" for label, value in heading.filters]
        self.story = [Paragraph("<br/>".join(lines), self.st["base"])]
        self.story += [Paragraph(para(note), self.st["small"]) for note in heading.notes]
        self.story.append(Spacer(1, 4))

    def widths(self, kinds: list[str]) -> list[float]:
        weights = [WEIGHTS.get(kind, 2.0) for kind in kinds]
        return [self.available * w / sum(weights) for w in weights]

    def table(self, columns: list[Column] | None, rows: list[list[str]], kinds, widths):
        """A table with the red heading row of BF1's tables (`columns`), or a
        plain one without heading (None), its first column bold."""
        right = [i for i, kind in enumerate(kinds) if kind in (MONEY, INT, PERCENT)]
        commands = [*COMPACT, *(("ALIGN", (i, 0), (i, -1), "RIGHT") for i in right)]
        if columns is None:
            commands += [
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE),
                ("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
            ]
            return Table(
                rows,
                colWidths=widths,
                repeatRows=0,
                style=TableStyle(commands),
                cellStyles=_column_styles(len(rows), len(widths)),
            )
        # The branded style draws the lines under the rows; the heading row has one too.
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.5, LINE))
        heads = [
            Paragraph(para(c.label), self.st["th_right" if i in right else "th"])
            for i, c in enumerate(columns)
        ]
        return Table(
            [heads, *rows],
            colWidths=widths,
            repeatRows=1,
            style=branded_table_style(commands),
            cellStyles=_column_styles(len(rows) + 1, len(widths)),
        )

    def build(self, target: IO[bytes], compress: bool | None) -> None:
        build_pdf(self.story, self.head, target=target, compress=compress)


def write_rows_pdf(
    target: IO[bytes],
    columns: list[Column],
    rows: Iterable,
    *,
    heading: Heading,
    progress: Progress | None = None,
    every: int = PROGRESS_EVERY,
    max_rows: int = PDF_MAX_ROWS,
    compress: bool | None = None,
    totals: tuple[int, dict[int, int]] | None = None,
) -> int:
    """A4 landscape: the lines in tables of PDF_TABLE_ROWS (long text cut to
    what its cell shows; the first `max_rows` only), the sum of the amounts
    and the number of lines (all of them).

    `totals`: (the number of lines, the sum of each amount column by index)
    when the caller knows them (the database counted them): then only the
    first `max_rows` of `rows` are read, each table's lines as reportlab
    needs them. Without, every row is read first (the note at the top needs
    their number): the lines shown kept as short tuples of text, the others
    only added up. Either way the tables are made one at a time while
    reportlab lays the pages out (`core.pdf.LazyStory`), so that memory holds
    one table, never the whole listing's."""
    pdf = _Document(heading, wide=True)
    kinds = [c.type for c in columns]
    widths = pdf.widths(kinds)
    cells = _Cells(columns, widths)
    if totals is None:
        lines, sums, count = _shown_lines(cells, rows, progress, every, max_rows)
        chunks = _taken(lines)
    else:
        count, sums = totals
        chunks = _read(cells, rows, progress, every, max_rows, count)
    note = ""
    if count > max_rows:
        note = _(
            "This PDF lists the first %(shown)s lines of %(count)s: the XLSX and CSV exports "
            "have them all."
        ) % {"shown": spaced(max_rows), "count": spaced(count)}
        pdf.story.insert(1, Paragraph(para(note), pdf.st["base"]))

    def following():
        """The tables of PDF_TABLE_ROWS lines, each made when reportlab needs
        it (its lines forgotten then), then the totals."""
        if not count:
            yield pdf.table(columns, [], kinds, widths)
        for chunk in chunks:
            yield pdf.table(columns, chunk, kinds, widths)
        if sums:
            total = [""] * len(columns)
            total[0] = _("Total")
            for index, amount in sums.items():
                total[index] = _text(amount, MONEY)
            yield pdf.table(None, [total], kinds, widths)
        yield Paragraph(para(_("%(count)s lines") % {"count": spaced(count)}), pdf.st["small"])
        if note:
            yield Paragraph(para(note), pdf.st["small"])

    pdf.story = LazyStory(pdf.story, following())
    pdf.build(target, compress)
    return count


class _Cells:
    """The texts of a line as its cells show them (long text cut to what its
    cell shows at 8 pt). A text seen before is kept once (statuses, bands,
    advertisers and amounts repeat)."""

    def __init__(self, columns: list[Column], widths: list[float]):
        self.fits = [max(6, int(width / 4.2)) for width in widths]  # characters at 8 pt
        self.plan = list(enumerate(columns))
        self.known: dict[str, str] = {}

    def line(self, row, sums: dict[int, int] | None = None) -> tuple[str, ...]:
        """The line of `row`; its amounts added to `sums` when given."""
        line = []
        for index, column in self.plan:
            value = typed(displayed(row[index], column), column.type)
            if sums is not None and index in sums and value is not None:
                sums[index] += value
            text = _text(value, column.type)
            if len(text) > self.fits[index]:
                text = text[: self.fits[index] - 1] + "…"
            line.append(self.known.setdefault(text, text))
        return tuple(line)


def _taken(lines: list):
    """The lines (forgotten as they go) in tables' worth."""
    while lines:
        chunk = [list(line) for line in lines[:PDF_TABLE_ROWS]]
        del lines[:PDF_TABLE_ROWS]
        yield chunk


def _read(cells: _Cells, rows: Iterable, progress, every, max_rows, count):
    """The first `max_rows` of `rows` read as their tables are needed, in
    tables' worth. The progress scales the lines read to the `count` of the
    listing (the lines not shown are not read)."""
    rows = iter(rows)
    shown = min(count, max_rows)
    done = 0
    while done < shown:
        chunk = []
        for row in islice(rows, min(PDF_TABLE_ROWS, shown - done)):
            chunk.append(list(cells.line(row)))
            done += 1
            if progress is not None and done % every == 0:
                progress(done * count // shown)
        if not chunk:
            return
        yield chunk


def _shown_lines(cells: _Cells, rows, progress, every, max_rows):
    """(the first `max_rows` lines as tuples of cell texts, the sum of each
    amount column over every row, the number of rows)."""
    sums = {index: 0 for index, c in cells.plan if c.type == MONEY}
    lines: list[tuple[str, ...]] = []
    count = 0
    for row in rows:
        count += 1
        if count > max_rows:  # not shown, still added up
            for index in sums:
                sums[index] += int(row[index] or 0)
        else:
            lines.append(cells.line(row, sums))
        if progress is not None and count % every == 0:
            progress(count)
    return lines, sums, count


def write_sections_pdf(
    target: IO[bytes], heading: Heading, sections: list[Section], *, compress: bool | None = None
) -> None:
    """A4 portrait: the key figures, then each table of the overview."""
    pdf = _Document(heading, wide=False)
    for section in sections:
        if not section.rows:
            continue
        title = Paragraph(para(section.title), pdf.st["h2"])
        rows = [
            [_text(typed(value, kind), kind) for value, kind in zip(values, kinds, strict=True)]
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
    pdf.build(target, compress)
