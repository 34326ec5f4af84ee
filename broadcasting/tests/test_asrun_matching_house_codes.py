"""The house code the playout matches on is printed where the broadcaster reads
the running order: the planning page and its exports."""

# ruff: noqa: F401, F811 - fixtures imported from planning_fixtures, used as arguments

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from broadcasting import exports
from campaigns.house_codes import assign_house_code

from .planning_fixtures import TODAY, clock, media_root, tonight

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(tonight):
    spot = tonight["started"].spot
    assign_house_code(spot)
    return spot.house_code


def test_the_planning_page_shows_the_house_code(client, broadcaster, tonight, coded):
    client.force_login(broadcaster)
    html = client.get(reverse("broadcasting:dashboard")).content.decode()
    assert f'data-house-code="{coded}"' in html
    assert html.count(f'<strong class="font-mono">{coded}</strong>') == 2  # two airings


def test_the_csv_export_has_a_code_column(client, broadcaster, tonight, coded):
    client.force_login(broadcaster)
    url = reverse("broadcasting:export", kwargs={"fmt": "csv"})
    text = client.get(url, {"date": TODAY.isoformat()}).content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    column = rows[0].index(_("Code"))
    assert [row[column] for row in rows[1:]] == [coded, coded]


def test_the_pdf_and_xlsx_exports_print_it(tonight, coded):
    rows = exports.export_rows(TODAY, TODAY)
    assert {row.house_code for row in rows} == {coded}
    pdf = exports.render_pdf(rows, first=TODAY, last=TODAY, compress=False)
    assert coded.encode() in pdf
    assert exports.render_xlsx(rows, sheet_title="x").startswith(b"PK")


def test_a_spot_without_a_code_prints_nothing(client, broadcaster, tonight):
    client.force_login(broadcaster)
    html = client.get(reverse("broadcasting:dashboard")).content.decode()
    assert "data-house-code" not in html
    assert {row.house_code for row in exports.export_rows(TODAY, TODAY)} == {""}


def test_the_admin_break_detail_shows_it(client, administrator, card, tonight, coded):
    client.force_login(administrator)
    url = reverse("broadcast_breaks:inspect", args=[tonight["breaks"][0].pk])
    assert f'data-house-code="{coded}"' in client.get(url).content.decode()
