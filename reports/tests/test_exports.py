"""The report exports (XLSX, PDF, CSV): the same figures as the screens for the
same period and filters, typed cells, neutralised text, and each advertiser
kept to its own data."""

# ruff: noqa: F401, F811 - fixtures imported from exports_fixtures, used as arguments

from __future__ import annotations

import datetime as dt
import re
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from broadcasting.models import Airing, AiringStatus
from reports import exports, selectors
from reports.filters import resolve_filters
from reports.period import resolve_period

from .exports_fixtures import (
    TRAP_TITLE,
    block_of,
    body,
    export_world,
    media,
    pdf_text,
    workbook,
)

pytestmark = pytest.mark.django_db

XLSX = "reports:export_xlsx"
PDF = "reports:export_pdf"
CSV = "reports:export_csv"


def get(client, name, params, **extra):
    return client.get(reverse(name), {**params, **extra})


def overview_of(params, advertiser=None):
    period = resolve_period(params)
    filters = resolve_filters(params, advertiser=advertiser)
    return selectors.overview(period, filters, advertiser=advertiser)


def page_amounts(html: str) -> dict[str, int]:
    """{figure: amount} of the key figures the overview page shows
    (`data-figure="booked"` ... `data-amount="123"`)."""
    found = re.findall(r'data-figure="(\w+)".*?data-amount="(-?\d+)"', html, flags=re.S)
    return {figure: int(amount) for figure, amount in found}


# --- The overview: the page's totals ------------------------------------------------------
def test_the_xlsx_totals_are_the_pages(client, administrator, export_world):
    client.force_login(administrator)
    page = client.get(reverse("reports_admin:overview"), export_world.params)
    assert page.status_code == 200
    shown = page_amounts(page.content.decode())
    assert shown["booked"] > 0 and shown["delivered"] > 0

    response = get(client, XLSX, export_world.params, dataset="overview")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.streaming  # a file, streamed
    assert "attachment" in response["Content-Disposition"]
    sheet = workbook(response).worksheets[0]
    data = overview_of(export_world.params)
    figures = {row[0]: row[1] for row in block_of(sheet, _("Key figures"))}
    expected = {label: value for label, value, _kind in exports.key_figures(data)}
    assert figures == expected
    assert figures[_("Revenue booked (excl. VAT)")] == shown["booked"] == data["booked"]["net"]
    assert figures[_("Revenue delivered (excl. VAT)")] == shown["delivered"]
    assert figures[_("Airings aired")] == 5


def test_the_xlsx_amounts_are_numbers_in_fcfa(client, administrator, export_world):
    client.force_login(administrator)
    sheet = workbook(get(client, XLSX, export_world.params, dataset="overview")).worksheets[0]
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_col=1, max_col=2) if row[0].value}
    booked = cells[_("Revenue booked (excl. VAT)")]
    assert isinstance(booked.value, int)
    assert booked.number_format == '#,##0 "FCFA"'
    fill = cells[_("Fill rate")]
    assert isinstance(fill.value, float)


def test_the_pdf_totals_are_the_pages(client, administrator, export_world):
    client.force_login(administrator)
    response = get(client, PDF, export_world.params, dataset="overview")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    data = overview_of(export_world.params)
    for amount in (data["booked"]["net"], data["delivered"]["net"], data["delivered"]["total"]):
        assert f"{exports.spaced(amount)} FCFA" in text
    assert "BF1" in text
    assert exports.period_text(resolve_period(export_world.params)) in text
    pages = len(re.findall(r"Page \d+ ", text))
    assert pages >= 1
    for number in range(1, pages + 1):
        assert _("Page %(number)s of %(total)s") % {"number": number, "total": pages} in text


def test_the_csv_overview(client, administrator, export_world):
    client.force_login(administrator)
    response = get(client, CSV, export_world.params, dataset="overview")
    content = body(response)
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    data = overview_of(export_world.params)
    label = _("Revenue booked (excl. VAT)")
    assert f"{label};{data['booked']['net']}\r\n" in text


def test_the_export_follows_the_filters_of_the_screen(client, administrator, export_world):
    client.force_login(administrator)
    company = export_world.campaign_b.advertiser
    params = {**export_world.params, "advertiser": str(company.pk), "band": "prime-time"}
    sheet = workbook(get(client, XLSX, params, dataset="overview")).worksheets[0]
    data = overview_of(params)
    figures = {row[0]: row[1] for row in block_of(sheet, _("Key figures"))}
    assert figures[_("Airings aired")] == data["airings"]["aired"] == 1
    values = [row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]]
    assert company.name in values  # the filters are said


def test_the_period_is_the_pages(client, administrator, export_world):
    """A period of more than 365 days is cut the same way as on the screen."""
    client.force_login(administrator)
    response = get(client, CSV, {"start": "2026-01-01", "end": "2027-12-31"})
    text = body(response).decode("utf-8-sig")
    period = resolve_period({"start": "2026-01-01", "end": "2027-12-31"})
    assert period.was_cut
    assert exports.period_text(period) in text
    assert "bf1-rapport-2026-01-01-2026-12-31.csv" in response["Content-Disposition"]


# --- Listings: types, neutralisation --------------------------------------------------------
def test_the_airings_xlsx_has_real_dates_and_numbers(client, administrator, export_world):
    client.force_login(administrator)
    response = get(client, XLSX, export_world.params, dataset="airings")
    book = workbook(response)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows())
    heading = [cell.value for cell in rows[0]]
    labels = [str(column.label) for column in selectors.AIRING_COLUMNS]
    assert heading == labels
    lines = rows[1:-1]
    assert len(lines) == 10
    day, starts, price = (labels.index(str(c.label)) for c in _columns("day", "starts", "price"))
    first = lines[0]
    assert isinstance(first[day].value, dt.datetime)  # a real date (Excel keeps datetimes)
    assert first[day].number_format == "DD/MM/YYYY"
    assert isinstance(first[starts].value, dt.datetime)
    assert first[starts].value.tzinfo is None
    airing = Airing.objects.order_by("break_slot__day", "break_slot__starts_at", "pk").first()
    local = timezone.localtime(airing.break_slot.starts_at).replace(tzinfo=None)
    assert first[starts].value == local
    assert isinstance(first[price].value, int)
    assert first[price].number_format == '#,##0 "FCFA"'
    total = rows[-1]
    assert total[0].value == _("Total")
    assert total[price].value == sum(Airing.objects.values_list("unit_price", flat=True))
    statuses = {line[labels.index(str(_("Status")))].value for line in lines}
    assert statuses == {
        str(AiringStatus.AIRED.label),
        str(AiringStatus.MISSED.label),
        str(AiringStatus.PLANNED.label),
    }
    assert book.worksheets[1]["A1"].value == _("Airings of the period")


def _columns(*names):
    keys = {"day": "break_slot__day", "starts": "break_slot__starts_at", "price": "unit_price"}
    by_key = {column.key: column for column in selectors.AIRING_COLUMNS}
    return [by_key[keys[name]] for name in names]


def test_formulas_are_neutralised_in_every_format(client, administrator, export_world):
    client.force_login(administrator)
    sheet = workbook(get(client, XLSX, export_world.params, dataset="airings")).worksheets[0]
    texts = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert "'" + TRAP_TITLE in [cell.value for cell in texts]
    assert "'-coupure de courant" in [cell.value for cell in texts]
    assert all(cell.data_type == "s" for cell in texts)
    assert not any(cell.value.startswith(("=", "+", "-", "@")) for cell in texts)

    csv_text = body(get(client, CSV, export_world.params, dataset="airings")).decode("utf-8-sig")
    cells = [cell for line in csv_text.splitlines() for cell in line.split(";")]
    assert not any(cell.lstrip('"').startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'-coupure de courant" in cells

    campaigns = workbook(get(client, XLSX, export_world.params, dataset="campaigns")).worksheets[0]
    titles = [row[0] for row in campaigns.iter_rows(values_only=True)]
    assert "'" + TRAP_TITLE in titles

    pdf = pdf_text(get(client, PDF, export_world.params, dataset="campaigns"))
    assert "'=HYPERLINK" in pdf


def test_the_campaigns_csv(client, administrator, export_world):
    client.force_login(administrator)
    response = get(client, CSV, export_world.params, dataset="campaigns")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = body(response).decode("utf-8-sig").splitlines()
    assert lines[0].split(";") == [str(c.label) for c in selectors.CAMPAIGN_COLUMNS]
    assert len(lines) == 3
    campaign = export_world.campaign_b
    line = next(line for line in lines if campaign.title in line)
    assert campaign.start_date.isoformat() in line.split(";")


def test_the_airings_pdf_lists_every_line(client, administrator, export_world):
    client.force_login(administrator)
    text = pdf_text(get(client, PDF, export_world.params, dataset="airings"))
    assert _("%(count)s lines") % {"count": 10} in text
    total = sum(Airing.objects.values_list("unit_price", flat=True))
    assert f"{exports.spaced(total)} FCFA" in text


def test_an_unknown_dataset_is_the_overview(client, administrator, export_world):
    client.force_login(administrator)
    response = get(client, CSV, export_world.params, dataset="../../etc/passwd")
    assert response.status_code == 200
    assert "bf1-rapport-" in response["Content-Disposition"]


def test_the_export_queries_do_not_grow_with_the_lines(
    client, administrator, export_world, approved_campaign, make_breaks, airing_in
):
    client.force_login(administrator)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            body(get(client, XLSX, export_world.params, dataset="airings"))
        return len(ctx.captured_queries)

    before = queries()
    more = approved_campaign(start=timezone.localdate() - dt.timedelta(days=2), days=3)
    for brk in make_breaks(timezone.localdate() - dt.timedelta(days=2), days=3, capacity=600):
        airing_in(brk, more)
    assert queries() == before


# --- Who exports what -----------------------------------------------------------------------
def test_an_advertiser_exports_its_own_data_only(client, advertiser_a, export_world):
    client.force_login(advertiser_a)
    other = export_world.campaign_b.advertiser
    params = {**export_world.params, "advertiser": str(other.pk)}  # ignored

    sheet = workbook(get(client, XLSX, params, dataset="airings")).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))[1:-1]
    names = {row[3] for row in rows}
    assert names == {advertiser_a.advertiser.name}
    assert len(rows) == export_world.airings_a

    csv_text = body(get(client, CSV, params, dataset="campaigns")).decode("utf-8-sig")
    assert other.name not in csv_text
    assert export_world.campaign_b.title not in csv_text

    overview = workbook(get(client, XLSX, params, dataset="overview")).worksheets[0]
    own = overview_of(export_world.params, advertiser=advertiser_a.advertiser)
    figures = {row[0]: row[1] for row in block_of(overview, _("Key figures"))}
    assert figures[_("Airings aired")] == own["airings"]["aired"] == 3
    values = [cell for row in overview.iter_rows(values_only=True) for cell in row]
    assert other.name not in values

    pdf = pdf_text(get(client, PDF, params, dataset="airings"))
    assert other.name not in pdf


@pytest.mark.parametrize("name", [XLSX, PDF, CSV])
def test_only_administrators_and_advertisers_export(client, request, name, export_world):
    response = client.get(reverse(name), export_world.params)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    for persona in ("broadcaster", "editorial"):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(reverse(name), export_world.params).status_code == 403


def test_an_advertiser_user_without_a_company_is_refused(client, advertiser_a, export_world):
    advertiser_a.advertiser = None
    advertiser_a.save(update_fields=["advertiser"])
    client.force_login(advertiser_a)
    assert get(client, XLSX, export_world.params).status_code == 403


# --- A missing package ----------------------------------------------------------------------
@pytest.mark.parametrize(("name", "package"), [(XLSX, "openpyxl"), (PDF, "reportlab")])
def test_a_missing_package_is_named_in_french(
    client, administrator, export_world, monkeypatch, name, package
):
    monkeypatch.setitem(sys.modules, package, None)  # `import package` now fails
    client.force_login(administrator)
    response = get(client, name, export_world.params)
    assert response.status_code == 503
    with translation.override("fr"):
        message = exports.MissingDependency(name.rsplit("_", 1)[-1], package).message
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html
    assert package in html


def test_the_csv_needs_no_package(client, administrator, export_world, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    monkeypatch.setitem(sys.modules, "reportlab", None)
    client.force_login(administrator)
    assert get(client, CSV, export_world.params).status_code == 200


def test_the_missing_package_message_in_english():
    with translation.override("en"):
        message = exports.MissingDependency("xlsx", "openpyxl").message
    assert message == "The XLSX export needs the openpyxl package, missing on the server."


def test_a_long_pdf_listing_shows_the_first_lines_and_every_total(
    client, administrator, export_world, monkeypatch
):
    monkeypatch.setattr(exports, "PDF_MAX_ROWS", 4)
    client.force_login(administrator)
    text = pdf_text(get(client, PDF, export_world.params, dataset="airings"))
    note = _(
        "This PDF lists the first %(shown)s lines of %(count)s: the XLSX and CSV exports "
        "have them all."
    ) % {"shown": 4, "count": 10}
    assert note in text.replace("\n", " ")
    total = sum(Airing.objects.values_list("unit_price", flat=True))
    assert f"{exports.spaced(total)} FCFA" in text
    assert _("%(count)s lines") % {"count": 10} in text
