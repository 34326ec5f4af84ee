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
