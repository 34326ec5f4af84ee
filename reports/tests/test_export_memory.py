"""The year's exports in a worker keep memory flat (bench/report_memory.py
measures it): the PDF listing makes its tables while reportlab lays the pages
out, and a worker announcing a job's state never loads the URLconf."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.utils import timezone

import core.pdf
from reports import services
from reports.exports import pdf as pdf_writer
from reports.exports.base import DATETIME, MONEY, TEXT, Column, Heading
from reports.models import ExportJob

from .exports_fixtures import export_world, media  # noqa: F401 - fixtures

COLUMNS = [
    Column("when", "Date", DATETIME),
    Column("who", "Annonceur", TEXT),
    Column("amount", "Montant", MONEY),
]


def _rows(count: int):
    start = timezone.make_aware(dt.datetime(2026, 6, 7, 6, 0))
    for n in range(count):
        yield (start + dt.timedelta(minutes=n), f"Annonceur {n % 7}", 1000 + n)


def test_the_pdf_listing_makes_its_tables_while_the_pages_are_laid_out(monkeypatch):
    monkeypatch.setattr(pdf_writer, "PDF_TABLE_ROWS", 10)
    events: list[str] = []
    table = pdf_writer._Document.table
    band = core.pdf._Frame.listing_band

    def made(self, *args, **kwargs):
        events.append("table")
        return table(self, *args, **kwargs)

    def page(self, canvas, doc=None):
        events.append("page")
        band(self, canvas, doc)

    monkeypatch.setattr(pdf_writer._Document, "table", made)
    monkeypatch.setattr(core.pdf._Frame, "listing_band", page)
    target = io.BytesIO()
    count = pdf_writer.write_rows_pdf(
        target, COLUMNS, _rows(300), heading=Heading(title="Passages", period="Année"), max_rows=200
    )
    assert count == 300 and target.getvalue().startswith(b"%PDF")
    pages = [i for i, event in enumerate(events) if event == "page"]
    tables = [i for i, event in enumerate(events) if event == "table"]
    assert len(tables) == 21  # 20 tables of 10 lines, then the total
    # the second page is laid out long before the last table is made
    assert len(pages) > 3 and pages[1] < tables[-5]


@pytest.mark.django_db
def test_a_worker_announces_a_state_without_addresses_and_the_page_gets_them(
    administrator, monkeypatch
):
    job = ExportJob.objects.create(
        requester=administrator,
        dataset="airings",
        format="xlsx",
        params={},
        status=ExportJob.Status.DONE,
        expires_at=timezone.now() + dt.timedelta(hours=24),
        file_path="reports/exports/x.xlsx",
    )
    full = services.state(job)
    assert full["download_url"].endswith(f"/reports/jobs/{job.uuid}/download/")

    def no_urlconf(*args, **kwargs):
        raise AssertionError("the worker loaded the URLconf")

    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(services.group_name(job), channel)
    monkeypatch.setattr(services, "reverse", no_urlconf)
    services.announce(job)
    message = async_to_sync(layer.receive)(channel)
    assert message["state"]["status"] == "done" and message["state"]["download_url"] == ""
    monkeypatch.undo()
    # The consumer (web server) adds the addresses: the page gets what `state` says.
    assert services.with_links(dict(message["state"]), job.uuid) == full


def test_a_pdf_listing_whose_totals_are_known_reads_only_the_lines_it_shows():
    """Export.write gives the count and the sums the database made: the rows
    past `max_rows` are not read, and the file is the one the rows make when
    all are read and added up."""
    heading = Heading(title="Passages", period="Année")
    read: list[int] = []

    def counted(count):
        for n, row in enumerate(_rows(count)):
            read.append(n)
            yield row

    told: list[int] = []
    lazy = io.BytesIO()
    totals = (300, {2: sum(1000 + n for n in range(300))})
    count = pdf_writer.write_rows_pdf(
        lazy,
        COLUMNS,
        counted(300),
        heading=heading,
        max_rows=200,
        every=50,
        progress=told.append,
        totals=totals,
    )
    assert count == 300 and len(read) == 200
    assert told == [75, 150, 225, 300]  # the lines read, scaled to the whole listing
    whole = io.BytesIO()
    pdf_writer.write_rows_pdf(whole, COLUMNS, _rows(300), heading=heading, max_rows=200)
    assert lazy.getvalue() == whole.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("dataset", ["airings", "campaigns"])
def test_the_database_counts_and_adds_up_a_listing_as_its_lines_do(
    export_world,  # noqa: F811 - the fixture
    dataset,
):
    from reports.exports import Export, datasets

    export = Export.from_params({**export_world.params, "dataset": dataset}, fmt="pdf")
    columns = export.columns()
    rows = list(export.queryset())
    count, sums = datasets.listing_totals(export.queryset(), columns)
    money = [index for index, column in enumerate(columns) if column.type == MONEY]
    assert count == len(rows) > 0 and sorted(sums) == money
    assert sums == {index: sum(row[index] or 0 for row in rows) for index in money}


def test_a_listing_table_shares_one_cell_style_per_column_and_draws_the_same(monkeypatch):
    def build() -> tuple[bytes, object]:
        document = pdf_writer._Document(Heading(title="Passages", period="Année"), wide=True)
        kinds = [c.type for c in COLUMNS]
        lines = [["07/06/2026 06:00", f"Annonceur {n}", "1 000 FCFA"] for n in range(80)]
        table = document.table(COLUMNS, lines, kinds, document.widths(kinds))
        total = document.table(None, [["Total", "", "80 000 FCFA"]], kinds, document.widths(kinds))
        document.story += [table, total]
        target = io.BytesIO()
        document.build(target, compress=False)
        return target.getvalue(), table

    shared, table = build()
    assert table._cellStyles[1][2] is table._cellStyles[70][2]
    assert table._cellStyles[1][1] is not table._cellStyles[1][2]
    monkeypatch.setattr(pdf_writer, "_column_styles", lambda rows, columns: None)
    own, table = build()  # reportlab's own style per cell
    assert table._cellStyles[1][2] is not table._cellStyles[70][2]
    assert shared == own and shared.count(b"/Type /Page\n") > 1


@pytest.mark.django_db
def test_an_export_job_reads_with_a_small_sqlite_page_cache_then_gives_it_back():
    from django.db import connection

    from reports.tasks import SQLITE_EXPORT_CACHE_KIB, sequential_reads

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's page cache")

    def size() -> int:
        with connection.cursor() as cursor:
            return int(cursor.execute("PRAGMA cache_size").fetchone()[0])

    before = size()
    with sequential_reads():
        assert size() == -SQLITE_EXPORT_CACHE_KIB
    assert size() == before
