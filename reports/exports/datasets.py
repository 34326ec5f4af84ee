"""What each export holds, read by the shared selectors for the period and the
filters of the screen: its title and heading (period, filters, notes), the
columns and the lines of a listing (`airings`, `campaigns`), the sections of
the overview (key figures, then each table of the page)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .. import selectors
from ..filters import band_names
from .base import DATE, INT, MONEY, PERCENT, Column, Heading, Section

DATASETS = ("overview", "airings", "campaigns")
DATASET_TITLES = {
    "overview": lambda: _("Activity report"),
    "airings": lambda: _("Airings of the period"),
    "campaigns": lambda: _("Campaigns of the period"),
}
FILE_STEMS = {"overview": "rapport", "airings": "passages", "campaigns": "campagnes"}
# Lines fetched from the database at a time: memory stays flat whatever the listing
# (500: about 2 MB less at the peak of a year's XLSX than 2 000, bench/report_memory.py).
CHUNK_SIZE = 500


# --- The heading ----------------------------------------------------------------------------
def period_text(period) -> str:
    return _("From %(start)s to %(end)s") % {
        "start": formats.date_format(period.start, "j F Y"),
        "end": formats.date_format(period.end, "j F Y"),
    }


def printed_text() -> str:
    return _("Printed on %(moment)s") % {
        "moment": formats.date_format(timezone.localtime(), "j F Y H:i")
    }


def heading(dataset: str, period, filters) -> Heading:
    """The title of the dataset, the period, the filters chosen and what the
    period rules said."""
    said = []
    if filters.advertiser_name:
        said.append((_("Advertiser"), filters.advertiser_name))
    if filters.sector_name:
        said.append((_("Business sector"), filters.sector_name))
    if filters.band:
        said.append((_("Time band"), band_names().get(filters.band, filters.band)))
    if filters.status:
        said.append((_("Campaign status"), filters.status_label))
    if filters.q:
        said.append((_("Search"), filters.q))
    return Heading(
        title=DATASET_TITLES[dataset](),
        period=period_text(period),
        filters=said,
        notes=[str(message) for message in period.messages],
        printed=printed_text(),
    )


# --- The listings ---------------------------------------------------------------------------
def listing_columns(dataset: str) -> list[Column]:
    source = selectors.AIRING_COLUMNS if dataset == "airings" else selectors.CAMPAIGN_COLUMNS
    return [Column.of(column) for column in source]


def listing_values(dataset: str, period, filters, *, advertiser=None):
    """The lines of a listing (lazy), as tuples in the order of `listing_columns`."""
    if dataset == "airings":
        return selectors.airing_values(period, filters, advertiser=advertiser)
    return selectors.campaign_values(period, filters, advertiser=advertiser)


def listing_totals(queryset, columns: list[Column]) -> tuple[int, dict[int, int]]:
    """(the number of lines of a listing, the sum of each amount column by its
    index): what a PDF listing says of every line, counted by the database (one
    query) rather than by reading the lines it does not show."""
    money = {index: column.key for index, column in enumerate(columns) if column.type == MONEY}
    figures = queryset.order_by().aggregate(
        lines=Count("pk"), **{f"sum_{index}": Sum(key) for index, key in money.items()}
    )
    return figures["lines"], {index: figures[f"sum_{index}"] or 0 for index in money}


def iterate(queryset) -> Iterator:
    """The rows of a lazy queryset, fetched CHUNK_SIZE at a time."""
    return queryset.iterator(chunk_size=CHUNK_SIZE)


# --- The overview as sections ---------------------------------------------------------------
def overview_data(period, filters, *, advertiser=None) -> dict:
    return selectors.overview(period, filters, advertiser=advertiser)


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
