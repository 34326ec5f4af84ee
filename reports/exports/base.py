"""What every export writer shares: the cell types and their formats, the
columns, sections and heading of an export, and the conversion of a value to
its column's type (the formula rule of `core.tabular.safe_cell` included).

No third-party package here: the CSV needs none, and the XLSX and PDF writers
import openpyxl / reportlab themselves, once `check_dependency` has said they
are there."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core.tabular import safe_cell

FORMATS = ("xlsx", "pdf", "csv")
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


# --- Values ---------------------------------------------------------------------------
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


def displayed(value, column: Column):
    """A stored code as its label (the column's choices); anything else as is."""
    if column.choices is not None and value is not None:
        return column.choices.get(value, value)
    return value
