"""What keeps the day page and the week exports light (issue 16): a narrow read
without JSON fields, players and reports on demand, breaks that are done
collapsed, exports written from plain values. No timing here: bench/planning.py
measures the speed."""

# ruff: noqa: F401, F811 - fixtures imported from planning_fixtures, used as arguments

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from broadcasting import exports
from broadcasting.models import Airing
from broadcasting.selectors import planning
from broadcasting.services import airings as service

from .planning_fixtures import TODAY, clock, make_video_spot, media_root, tonight

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("broadcasting:dashboard")
JSON_COLUMNS = ('"quote"', '"languages"', '"options"', '"brief_languages"')


def test_the_day_is_read_without_json_fields_or_model_instances(tonight):
    with CaptureQueriesContext(connection) as ctx:
        rows = planning.running_order(TODAY)
    assert len(ctx.captured_queries) == 2
    airings_sql = ctx.captured_queries[1]["sql"]
    assert not any(column in airings_sql for column in JSON_COLUMNS)
    item = rows[0].airings[0]
    assert not isinstance(item.airing, Airing)
    assert item.airing.pk == tonight["started"].pk


def test_players_and_reports_are_loaded_on_demand(client, broadcaster, tonight):
    spot = make_video_spot(tonight["campaign"])
    Airing.objects.filter(pk=tonight["started"].pk).update(spot=spot)
    client.force_login(broadcaster)
    html = client.get(DASHBOARD).content.decode()
    assert "<video" not in html and "data-play=" in html
    assert "h264" not in html
    url = reverse("broadcasting:spot_report", kwargs={"pk": spot.pk})
    assert f'data-report="{url}"' in html
    report = client.get(url)
    assert report.status_code == 200 and "h264" in report.content.decode()


def test_the_report_is_for_the_planning_roles_only(client, advertiser_a, tonight):
    spot = make_video_spot(tonight["campaign"])
    client.force_login(advertiser_a)
    response = client.get(reverse("broadcasting:spot_report", kwargs={"pk": spot.pk}))
    assert response.status_code == 403


def test_an_unknown_spot_report_is_a_404(client, broadcaster, tonight):
    client.force_login(broadcaster)
    response = client.get(reverse("broadcasting:spot_report", kwargs={"pk": 999999}))
    assert response.status_code == 404


def test_a_past_break_that_is_done_is_collapsed(client, broadcaster, tonight):
    from broadcasting.models import Break

    first, second = tonight["breaks"][0], tonight["breaks"][1]
    service.confirm_aired(airing=tonight["started"], actor=broadcaster)
    client.force_login(broadcaster)
    html = client.get(DASHBOARD).content.decode()
    assert "data-past-break" not in html  # started five minutes ago: still open
    Break.objects.filter(pk=first.pk).update(starts_at=first.starts_at - dt.timedelta(hours=2))
    html = client.get(DASHBOARD).content.decode()
    block = html[html.index(f'id="break-{first.pk}"') : html.index(f'id="break-{second.pk}"')]
    assert "data-past-break" in block
    assert f'data-airing="{tonight["started"].pk}"' not in block  # loaded on demand
    url = reverse("broadcasting:fragment") + f"?date={TODAY.isoformat()}&break={first.pk}"
    assert f'data-past-break="{url.replace("&", "&amp;")}"' in block
    rows = client.get(url).content.decode()
    assert f'data-airing="{tonight["started"].pk}"' in rows and 'data-status="aired"' in rows
    assert client.get(url.replace(f"break={first.pk}", "break=x")).status_code == 404


def test_the_week_export_reads_plain_values(tonight, django_assert_num_queries):
    with django_assert_num_queries(2):  # the airings, then their spots
        rows = exports.export_rows(TODAY, TODAY + dt.timedelta(days=6))
    assert len(rows) == 2
    assert isinstance(rows[0], tuple)
    assert isinstance(rows[0].day, dt.date) and isinstance(rows[0].time, dt.time)
    assert isinstance(rows[0].position, int) and isinstance(rows[0].length, int)
    lines = list(
        csv.reader(io.StringIO(exports.render_csv(rows).decode().lstrip("\ufeff")), delimiter=";")
    )
    assert lines[1][:2] == [TODAY.isoformat(), "19:30"]
