"""Running-order exports (CSV, XLSX, PDF) of a day or a week, with the cells a
spreadsheet would run as formulas neutralised."""

# ruff: noqa: F401, F811 - fixtures imported from planning_fixtures, used as arguments

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from accounts.models import Advertiser
from broadcasting import exports
from broadcasting.models import Airing
from broadcasting.services import airings as service
from core import tabular

from .planning_fixtures import (
    TODAY,
    clock,
    make_video_spot,
    media_root,
    tonight,
)

pytestmark = pytest.mark.django_db


def export_url(fmt):
    return reverse("broadcasting:export", kwargs={"fmt": fmt})


# --- safe_cell ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+33 6 00", "'+33 6 00"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Sahel Boissons", "Sahel Boissons"),
        ("a=b", "a=b"),
        ("", ""),
        (30, 30),
        (-5, -5),
        (dt.date(2026, 12, 10), dt.date(2026, 12, 10)),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert tabular.safe_cell(value) == expected


# --- The exports --------------------------------------------------------------------


@pytest.fixture
def running_order(tonight, broadcaster):
    """Tonight: the 19:30 airing aired (a video spot), the 20:30 one planned; the
    advertiser's name starts like a formula."""
    campaign = tonight["campaign"]
    Advertiser.objects.filter(pk=campaign.advertiser_id).update(name="=cmd|' /C calc'!A0")
    spot = make_video_spot(campaign, title="@SUM(1+1)", name="bissap.mp4")
    Airing.objects.filter(pk=tonight["started"].pk).update(spot=spot)
    service.confirm_aired(airing=tonight["started"], actor=broadcaster)
    return tonight


def test_csv(client, broadcaster, running_order):
    client.force_login(broadcaster)
    response = client.get(export_url("csv"), {"date": "2026-12-10"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="conducteur-2026-12-10.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == exports.headings()
    assert len(rows) == 3
    first = rows[1]
    assert first[:4] == ["2026-12-10", "19:30", "prime-time 19:30", "1"]
    assert first[4] == "'=cmd|' /C calc'!A0"  # neutralised
    assert first[5] == "'@SUM(1+1)"
    assert first[7:] == ["30", "bissap.mp4", _("aired")]  # [6]: the house code
    assert rows[2][1] == "20:30" and rows[2][9] == _("planned")


def test_xlsx_has_real_dates_and_no_formula(client, broadcaster, running_order):
    client.force_login(broadcaster)
    response = client.get(export_url("xlsx"), {"date": "2026-12-10"})
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == exports.headings()
    assert rows[1][0] == dt.datetime(2026, 12, 10)  # a real date
    assert rows[1][1] == dt.time(19, 30)
    assert rows[1][4] == "'=cmd|' /C calc'!A0"
    assert sheet.cell(row=2, column=5).data_type == "s"
    assert rows[1][7] == 30
    assert sheet.cell(row=2, column=1).number_format == "DD/MM/YYYY"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_pdf(client, broadcaster, running_order):
    client.force_login(broadcaster)
    response = client.get(export_url("pdf"), {"date": "2026-12-10"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_pdf_content(running_order):
    rows = exports.export_rows(TODAY, TODAY)
    pdf = exports.render_pdf(rows, first=TODAY, last=TODAY, compress=False)
    assert pdf.startswith(b"%PDF")
    assert b"BF1" in pdf
    page = _("Page %(number)s of %(total)s") % {"number": 1, "total": 1}
    assert page.encode("cp1252") in pdf
    assert b"bissap.mp4" in pdf and b"19:30" in pdf


def test_a_long_week_in_pdf_has_numbered_pages(
    clock, media_root, make_breaks, approved_campaign, airing_in
):
    campaigns = [approved_campaign(lines=(("prime-time", 40),), start=TODAY) for _ in range(3)]
    times = [
        ("prime-time", f"{hour:02d}:{minute:02d}") for hour in range(6, 23) for minute in (0, 30)
    ]
    for brk in make_breaks(dt.date(2026, 12, 7), days=7, times=times):
        for campaign in campaigns:
            airing_in(brk, campaign)
    rows = exports.export_rows(dt.date(2026, 12, 7), dt.date(2026, 12, 13))
    assert len(rows) == 7 * 34 * 3
    pdf = exports.render_pdf(
        rows, first=dt.date(2026, 12, 7), last=dt.date(2026, 12, 13), compress=False
    )
    assert (_("Page %(number)s of %(total)s") % {"number": 2, "total": ""}).encode() in pdf


def test_the_week_export(client, broadcaster, running_order, airing_in):
    airing_in(running_order["breaks"][2], running_order["campaign"])  # Friday 19:30
    client.force_login(broadcaster)
    response = client.get(export_url("csv"), {"date": "2026-12-09", "view": "week"})
    assert 'filename="conducteur-2026-12-07-2026-12-13.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["2026-12-10", "2026-12-10", "2026-12-11"]


def test_missed_and_make_good_statuses(client, broadcaster, tonight):
    service.mark_missed(airing=tonight["started"], actor=broadcaster, reason="Coupure")
    rows = exports.export_rows(TODAY, TODAY + dt.timedelta(days=2))
    statuses = [row.status for row in rows]
    assert _("missed") in statuses
    assert _("make-good") in statuses


def test_cancelled_airings_are_left_out(tonight):
    Airing.objects.filter(pk=tonight["later"].pk).update(status="cancelled")
    assert len(exports.export_rows(TODAY, TODAY)) == 1


def test_an_unknown_format_is_a_404(client, broadcaster):
    client.force_login(broadcaster)
    assert client.get(export_url("docx")).status_code == 404
    assert client.get(export_url("CSV")).status_code == 404


@pytest.mark.parametrize("name", ["advertiser_a", "advertiser_b", "editorial"])
def test_exports_are_for_the_broadcasting_team(client, persona, name):
    client.force_login(persona(name))
    assert client.get(export_url("csv")).status_code == 403


def test_an_empty_day_still_exports(client, broadcaster, clock):
    client.force_login(broadcaster)
    for fmt in exports.FORMATS:
        response = client.get(export_url(fmt), {"date": "2026-12-25"})
        assert response.status_code == 200
        assert response.content
