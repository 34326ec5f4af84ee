"""The PDF writer of the report exports. The page is the branded BF1 listing of
`core.pdf` (the red band with the title and the period on every page, the
printing time and "Page n of N" in the footer, A4 landscape for a listing,
portrait for the overview); this module only builds the content: the period
and the filters first, then the tables.

Imported only once `check_dependency("pdf")` has found reportlab (see
`reports.exports.Export.write`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from django.utils.translation import gettext as _
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

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
            return Table(rows, colWidths=widths, repeatRows=0, style=TableStyle(commands))
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
) -> int:
    """A4 landscape: the lines in tables of PDF_TABLE_ROWS (long text cut to
    what its cell shows; the first `max_rows` only), the sum of the amounts
    and the number of lines (all of them).

    The rows are read first (the note at the top needs their number): the
    lines shown are kept as short tuples of text, the others only added up.
    The tables are then made one at a time while reportlab lays the pages out
    (`core.pdf.LazyStory`), so that memory holds one table, never the whole
    listing's."""
    pdf = _Document(heading, wide=True)
    kinds = [c.type for c in columns]
    widths = pdf.widths(kinds)
    lines, sums, count = _shown_lines(columns, rows, widths, progress, every, max_rows)
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
        while lines:
            chunk = [list(line) for line in lines[:PDF_TABLE_ROWS]]
            del lines[:PDF_TABLE_ROWS]
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


def _shown_lines(columns, rows, widths, progress, every, max_rows):
    """(the first `max_rows` lines as tuples of cell texts, the sum of each
    amount column over every row, the number of rows). A text seen before is
    kept once (statuses, bands, advertisers and amounts repeat)."""
    fits = [max(6, int(width / 4.2)) for width in widths]  # characters at 8 pt
    sums = {index: 0 for index, c in enumerate(columns) if c.type == MONEY}
    plan = list(enumerate(columns))
    known: dict[str, str] = {}
    lines: list[tuple[str, ...]] = []
    count = 0
    for row in rows:
        count += 1
        if count > max_rows:  # not shown, still added up
            for index in sums:
                sums[index] += int(row[index] or 0)
            if progress is not None and count % every == 0:
                progress(count)
            continue
        line = []
        for index, column in plan:
            value = typed(displayed(row[index], column), column.type)
            if index in sums and value is not None:
                sums[index] += value
            text = _text(value, column.type)
            if len(text) > fits[index]:
                text = text[: fits[index] - 1] + "…"
            line.append(known.setdefault(text, text))
        lines.append(tuple(line))
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
