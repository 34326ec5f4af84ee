"""The report exports (XLSX, PDF, CSV), computed by the same selectors as the
report screens (reports/selectors/) for the same period and filters
(`resolve_period` + `resolve_filters` on the query string of the screen).

Three datasets (`datasets.py`: what each one holds):
- `overview`: the figures of the overview page (key figures, then its tables),
  a few dozen lines whatever the period;
- `airings` and `campaigns`: one line per airing / campaign of the period,
  streamed from the database (`.iterator(chunk_size=2000)`) into the file, so
  that memory stays flat whatever the number of lines. The PDF shows the first
  `PDF_MAX_ROWS` lines only: it reads those, the database counting and adding
  up the others (`datasets.listing_totals`).

One writer per format (`csv.py`, `xlsx.py`, `pdf.py`, sharing `base.py`),
each writing into a binary file object (a temporary file, never the whole file
in memory). The one rule of every format: text beginning with `=`, `+`, `-`,
`@` (or a tab / carriage return) goes through `core.tabular.safe_cell`.
Amounts are integer francs (FCFA); in XLSX they are numbers shown with the
`#,##0 "FCFA"` format, dates real dates and datetimes naive local time (Excel
has no time zones). The PDF is the branded listing of `core.pdf`.

openpyxl and reportlab are imported only when a file is written: when one is
missing on the server, `check_dependency` raises `MissingDependency` and the
view says which package is missing instead of failing.

`Export` (below) is the one entry point: the views and the export jobs build
it from the screen's query string and write it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from ..filters import resolve_filters
from ..period import resolve_period
from . import datasets
from .base import (
    CONTENT_TYPES,
    FORMATS,
    PACKAGES,
    PDF_MAX_ROWS,
    PROGRESS_EVERY,
    Column,
    Heading,
    MissingDependency,
    Progress,
    Section,
    check_dependency,
    local_naive,
    spaced,
)
from .datasets import DATASETS, key_figures, overview_sections, period_text, printed_text

__all__ = [
    "CONTENT_TYPES",
    "DATASETS",
    "FORMATS",
    "PACKAGES",
    "PDF_MAX_ROWS",
    "PROGRESS_EVERY",
    "Column",
    "Export",
    "Heading",
    "MissingDependency",
    "Section",
    "check_dependency",
    "key_figures",
    "local_naive",
    "overview_sections",
    "period_text",
    "printed_text",
    "spaced",
]


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
        return datasets.listing_columns(self.dataset)

    def queryset(self):
        """The lines of a listing, as tuples in the order of `columns()`."""
        return datasets.listing_values(
            self.dataset, self.period, self.filters, advertiser=self.advertiser
        )

    def row_count(self) -> int:
        """Lines of the file: the listing's count (one query); the overview is
        a few dozen lines whatever the period."""
        if not self.is_listing:
            return 0
        return self.queryset().order_by().count()

    def file_name(self) -> str:
        stem = datasets.FILE_STEMS[self.dataset]
        return (
            f"bf1-{stem}-{self.period.start.isoformat()}-{self.period.end.isoformat()}.{self.fmt}"
        )

    def heading(self) -> Heading:
        return datasets.heading(self.dataset, self.period, self.filters)

    # Writing ----------------------------------------------------------------------------
    def write(self, target: IO[bytes], *, progress: Progress | None = None) -> int:
        """Write the file into `target`; the number of lines written. The
        writers of XLSX and PDF are imported here, once their package is known
        to be there; `PROGRESS_EVERY` and `PDF_MAX_ROWS` are read now."""
        check_dependency(self.fmt)
        heading = self.heading()
        if not self.is_listing:
            data = datasets.overview_data(self.period, self.filters, advertiser=self.advertiser)
            sections = overview_sections(data)
            if self.fmt == "xlsx":
                from .xlsx import write_sections_xlsx

                write_sections_xlsx(target, heading, sections, sheet_title=_("Overview"))
            elif self.fmt == "pdf":
                from .pdf import write_sections_pdf

                write_sections_pdf(target, heading, sections)
            else:
                from .csv import write_sections_csv

                write_sections_csv(target, heading, sections)
            return sum(len(section.rows) for section in sections)
        columns = self.columns()
        if self.fmt == "pdf":
            from .pdf import write_rows_pdf

            # The number of lines and the totals counted by the database; only
            # the lines shown are read.
            queryset = self.queryset()
            return write_rows_pdf(
                target,
                columns,
                datasets.iterate(queryset[:PDF_MAX_ROWS]),
                heading=heading,
                progress=progress,
                every=PROGRESS_EVERY,
                max_rows=PDF_MAX_ROWS,
                totals=datasets.listing_totals(queryset, columns),
            )
        rows = datasets.iterate(self.queryset())
        if self.fmt == "xlsx":
            from .xlsx import write_rows_xlsx

            title = _("Airings") if self.dataset == "airings" else _("Campaigns")
            return write_rows_xlsx(
                target,
                columns,
                rows,
                heading=heading,
                sheet_title=title,
                progress=progress,
                every=PROGRESS_EVERY,
            )
        from .csv import write_rows_csv

        return write_rows_csv(target, columns, rows, progress=progress, every=PROGRESS_EVERY)
