"""The planning dashboard's pages: who opens them, the day and week views, the
header (late airings, the next 15 minutes), what each airing shows and which
actions it offers."""

# ruff: noqa: F401, F811 - fixtures imported from planning_fixtures, used as arguments

import datetime as dt
import re
from unittest import mock
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from broadcasting.models import Airing, BroadcastSettings
from broadcasting.services import airings as service
from campaigns.models import Status
from core import clock as broadcast_day

from .planning_fixtures import (
    NOW,
    TODAY,
    clock,
    make_video_spot,
    media_root,
    tonight,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("broadcasting:dashboard")
FRAGMENT = reverse("broadcasting:fragment")


def html_of(response) -> str:
    return response.content.decode()


# --- Who may open what ------------------------------------------------------------

PAGES = [
    DASHBOARD,
    DASHBOARD + "?view=week",
    DASHBOARD + "?date=2026-12-11",
    FRAGMENT + "?date=2026-12-10",
    FRAGMENT + "?view=week",
    reverse("broadcasting:export", kwargs={"fmt": "csv"}),
    reverse("broadcasting:export", kwargs={"fmt": "xlsx"}),
    reverse("broadcasting:export", kwargs={"fmt": "pdf"}) + "?view=week",
]
ACTIONS = [
    reverse("broadcasting:confirm_aired", kwargs={"pk": 1}),
    reverse("broadcasting:mark_missed", kwargs={"pk": 1}),
    reverse("broadcasting:undo", kwargs={"pk": 1}),
    reverse("broadcasting:confirm_break", kwargs={"pk": 1}),
]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("name", ["broadcaster", "administrator", "superuser"])
def test_pages_open_to_broadcasters_and_administrators(client, persona, name, url, media_root):
    client.force_login(persona(name))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PAGES + ACTIONS)
@pytest.mark.parametrize("name", ["advertiser_a", "editorial"])
def test_everything_is_refused_to_the_others(client, persona, name, url):
    client.force_login(persona(name))
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403


@pytest.mark.parametrize("url", PAGES + ACTIONS)
def test_anonymous_is_sent_to_login(client, url):
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == reverse("accounts:login")


@pytest.mark.parametrize("url", ACTIONS)
def test_actions_are_posts(client, broadcaster, url):
    client.force_login(broadcaster)
    assert client.get(url).status_code == 405


@pytest.mark.parametrize("url", ACTIONS)
def test_an_unknown_id_is_a_404(client, broadcaster, url):
    client.force_login(broadcaster)
    assert client.post(url.replace("/1/", "/999999/"), {"reason": "x"}).status_code == 404


# --- The day ----------------------------------------------------------------------


def test_today_by_default_with_breaks_in_time_order(client, broadcaster, tonight):
    client.force_login(broadcaster)
    response = client.get(DASHBOARD)
    assert response.context["period"].day == TODAY
    rows = response.context["breaks"]
    assert [row.local_start.strftime("%H:%M") for row in rows] == ["19:30", "20:30"]
    html = html_of(response)
    first, second = (html.index(f'id="break-{b.pk}"') for b in tonight["breaks"][:2])
    assert first < second
    assert f'data-airing="{tonight["started"].pk}"' in html


def test_the_airings_of_a_break_follow_their_position(
    client, broadcaster, tonight, approved_campaign, airing_in
):
    brk = tonight["breaks"][1]
    other = approved_campaign(lines=(("prime-time", 3),), start=TODAY, days=3)
    first = airing_in(brk, other, position=1)
    Airing.objects.filter(pk=tonight["later"].pk).update(position=2)
    client.force_login(broadcaster)
    row = next(r for r in client.get(DASHBOARD).context["breaks"] if r.brk == brk)
    assert [item.airing.pk for item in row.airings] == [first.pk, tonight["later"].pk]


def test_an_airing_shows_what_to_play(client, broadcaster, tonight):
    campaign = tonight["campaign"]
    spot = make_video_spot(campaign)
    Airing.objects.filter(pk=tonight["started"].pk).update(spot=spot)
    client.force_login(broadcaster)
    html = html_of(client.get(DASHBOARD))
    start = html.index(f'data-airing="{tonight["started"].pk}"')
    block = html[start : html.index("</li>", html.index("data-actions", start))]
    assert campaign.advertiser.name in block
    assert "Bissap Frais 30s" in block
    assert "30 s" in block
    # The player and the technical report are loaded on demand (planning_live.js).
    assert "<video" not in block
    assert re.search(r'<button type="button"[^>]* data-play="/media/media/bissap', block)
    assert 'data-poster="/media/media_thumbnails/bissap_thumb' in block
    assert re.search(r'<a href="/media/media/bissap_frais_30s[^"]*\.mp4" download=', block)
    assert "<details" in block and "h264" not in block
    report_url = re.search(r'data-report="([^"]+)"', block).group(1)
    assert report_url == reverse("broadcasting:spot_report", kwargs={"pk": spot.pk})
    report = client.get(report_url).content.decode()
    assert "h264" in report and "1920×1080" in report and "LUFS" in report
    assert 'data-badge="planned"' in block


def test_an_image_spot_is_shown_as_an_image(client, broadcaster, tonight):
    client.force_login(broadcaster)
    html = html_of(client.get(DASHBOARD))
    start = html.index(f'data-airing="{tonight["later"].pk}"')
    block = html[start : html.index("</li>", start)]
    assert re.search(r'<img src="/media/spots/images/spot~[^"]+"', block)
    assert "<video" not in block


def test_the_break_shows_its_fill_against_capacity(client, broadcaster, tonight):
    client.force_login(broadcaster)
    response = client.get(DASHBOARD)
    row = response.context["breaks"][0]
    assert (row.brk.booked_seconds, row.brk.capacity, row.fill_percent) == (30, 180, 17)
    assert 'aria-valuenow="30"' in html_of(response) and "width: 17%" in html_of(response)


def test_statuses_are_badged(client, broadcaster, administrator, tonight):
    service.mark_missed(airing=tonight["started"], actor=broadcaster, reason="Coupure")
    client.force_login(broadcaster)
    html = html_of(client.get(DASHBOARD))
    assert 'data-badge="missed"' in html
    assert "Coupure" in html
    make_good = Airing.objects.get(make_good_of=tonight["started"])
    day = make_good.break_slot.day.isoformat()
    html = html_of(client.get(DASHBOARD, {"date": day}))
    assert 'data-badge="make_good"' in html
    assert "data-replaces" in html


def test_another_day_by_its_date_with_arrows(client, broadcaster, tonight):
    client.force_login(broadcaster)
    response = client.get(DASHBOARD, {"date": "2026-12-11"})
    period = response.context["period"]
    assert period.day == dt.date(2026, 12, 11)
    assert parse_qs(urlparse(period.previous_url).query) == {"date": ["2026-12-10"]}
    assert parse_qs(urlparse(period.next_url).query) == {"date": ["2026-12-12"]}
    html = html_of(response)
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert 'type="date" id="planning-date" name="date" value="2026-12-11"' in html
    # another day's airings can be watched, not confirmed
    assert "data-actions" not in html
    assert all(not item.can_confirm for row in response.context["breaks"] for item in row.airings)


@pytest.mark.parametrize("value", ["2026-13-01", "demain", "2026-2-3", "1999-12-31", "'; DROP"])
def test_an_invalid_date_shows_today_with_a_message(client, broadcaster, clock, value):
    client.force_login(broadcaster)
    response = client.get(DASHBOARD, {"date": value})
    assert response.status_code == 200
    assert response.context["period"].day == TODAY
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    expected = _("“%(value)s” is not a valid date (YYYY-MM-DD): here is today's running order.")
    assert messages == [expected % {"value": value}]


def test_the_broadcast_day_starts_at_five(client, broadcaster):
    """At 02:00 the running order shown is still the previous evening's."""
    night = dt.datetime(2026, 12, 11, 2, 0, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=night):
        client.force_login(broadcaster)
        response = client.get(DASHBOARD)
    assert response.context["period"].day == dt.date(2026, 12, 10)


# --- The week ---------------------------------------------------------------------


def test_the_week_view_runs_monday_to_sunday(client, broadcaster, tonight):
    service.confirm_aired(airing=tonight["started"], actor=broadcaster)
    client.force_login(broadcaster)
    response = client.get(DASHBOARD, {"date": "2026-12-10", "view": "week"})
    week = response.context["week"]
    assert [s.day for s in week] == [dt.date(2026, 12, 7) + dt.timedelta(days=n) for n in range(7)]
    thursday = week[3]
    assert len(thursday.breaks) == 2
    assert (thursday.aired, thursday.planned, thursday.missed) == (1, 1, 0)
    assert thursday.booked == 60 and thursday.capacity == 360
    html = html_of(response)
    assert html.count("data-day=") == 7
    assert "?date=2026-12-10" in html  # each day links to its day view
    period = response.context["period"]
    assert parse_qs(urlparse(period.next_url).query) == {"date": ["2026-12-17"], "view": ["week"]}
    assert 'name="view" value="week"' in html  # the date picker keeps the week view


# --- The header -------------------------------------------------------------------


def test_late_airings_are_counted_today_and_yesterday(
    client, broadcaster, tonight, make_breaks, approved_campaign, airing_in
):
    yesterday = make_breaks(TODAY - dt.timedelta(days=1), days=1, times=(("prime-time", "23:50"),))
    older = make_breaks(TODAY - dt.timedelta(days=2), days=1, times=(("prime-time", "21:00"),))
    campaign = approved_campaign(lines=(("prime-time", 3),), start=TODAY - dt.timedelta(days=2))
    airing_in(yesterday[0], campaign)
    airing_in(older[0], campaign)
    client.force_login(broadcaster)
    response = client.get(DASHBOARD)
    # tonight's 19:30 and yesterday's 23:50; not the 20:30 to come, not two days ago
    assert response.context["late_count"] == 2
    assert re.search(r"data-late-count>2<", html_of(response))
    late = [i.airing.pk for r in response.context["breaks"] for i in r.airings if i.is_late]
    assert late == [tonight["started"].pk]
    # shown on any day's page
    assert client.get(DASHBOARD, {"date": "2026-12-20"}).context["late_count"] == 2


def test_the_next_fifteen_minutes(client, broadcaster, tonight, make_breaks, airing_in):
    soon = make_breaks(TODAY, days=1, times=(("prime-time", "19:45"),))[0]
    airing = airing_in(soon, tonight["campaign"])
    client.force_login(broadcaster)
    response = client.get(DASHBOARD)
    assert [a.pk for a in response.context["upcoming"]] == [airing.pk]
    assert f'data-upcoming-airing="{airing.pk}"' in html_of(response)


# --- Actions offered --------------------------------------------------------------


def test_actions_follow_the_clock(client, broadcaster, tonight):
    client.force_login(broadcaster)
    rows = client.get(DASHBOARD).context["breaks"]
    started, later = rows[0].airings[0], rows[1].airings[0]
    assert started.can_confirm and started.can_mark_missed
    # a break to come: neither confirmed nor marked missed before it starts
    assert not later.can_confirm and not later.can_mark_missed
    assert rows[0].can_confirm_all and not rows[1].can_confirm_all


def test_undo_is_offered_to_the_confirmer_within_the_window(
    client, broadcaster, administrator, tonight, clock
):
    service.confirm_aired(airing=tonight["started"], actor=broadcaster)
    colleague = UserFactory(email="regie2@bf1.bf", roles=[Role.BROADCASTER])

    def undo_offer(user):
        client.force_login(user)
        item = client.get(DASHBOARD).context["breaks"][0].airings[0]
        return item.can_undo, item.admin_undo

    assert undo_offer(broadcaster) == (True, False)
    assert undo_offer(colleague) == (False, False)
    assert undo_offer(administrator) == (False, True)
    client.force_login(broadcaster)
    assert 'data-action="undo"' in html_of(client.get(DASHBOARD))
    minutes = BroadcastSettings.load().undo_minutes
    clock.return_value = NOW + dt.timedelta(minutes=minutes, seconds=1)
    assert undo_offer(broadcaster) == (False, False)


# --- The fragment and the script --------------------------------------------------


def test_the_fragment_is_the_live_part_alone(client, broadcaster, tonight):
    client.force_login(broadcaster)
    html = html_of(client.get(FRAGMENT, {"date": "2026-12-10"}))
    assert "<html" not in html and "<nav" not in html
    assert f'id="break-{tonight["breaks"][0].pk}"' in html
    assert "data-late-count" in html and "data-upcoming" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_the_fragment_never_warns_nor_caches(client, broadcaster, clock):
    client.force_login(broadcaster)
    response = client.get(FRAGMENT, {"date": "garbage"})
    assert response.context["period"].day == TODAY
    assert list(get_messages(response.wsgi_request)) == []
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_page_loads_its_script_from_static(client, broadcaster, tonight):
    client.force_login(broadcaster)
    html = html_of(client.get(DASHBOARD))
    assert re.search(r'<script src="[^"]*js/planning_live\.js" defer>', html)
    main = html[html.index('<main id="main"') : html.index("</main>")]
    assert "<script" not in main  # no inline script
    live = re.search(r'<div id="planning-live"[^>]*>', html).group(0)
    assert 'data-days="2026-12-10"' in live
    assert 'data-header-days="2026-12-09 2026-12-10"' in live
    assert 'data-fragment-url="/diffusion/fragment/?date=2026-12-10"' in live


def test_the_week_page_watches_its_seven_days(client, broadcaster, clock):
    client.force_login(broadcaster)
    html = html_of(client.get(DASHBOARD, {"view": "week"}))
    live = re.search(r'<div id="planning-live"[^>]*>', html).group(0)
    days = " ".join((dt.date(2026, 12, 7) + dt.timedelta(days=n)).isoformat() for n in range(7))
    assert f'data-days="{days}"' in live
    assert "view=week" in live


def test_the_campaign_is_on_air_after_a_confirmation_from_the_page(client, broadcaster, tonight):
    client.force_login(broadcaster)
    client.post(
        reverse("broadcasting:confirm_aired", kwargs={"pk": tonight["started"].pk}),
        {"date": "2026-12-10"},
    )
    tonight["campaign"].refresh_from_db()
    assert tonight["campaign"].status == Status.AIRING
    assert broadcast_day.today() == TODAY


def test_a_private_spot_downloads_under_its_title_not_its_random_name():
    from broadcasting.selectors.planning import file_name
    from campaigns.tests.factories import SpotFactory, image_factory_image

    spot = SpotFactory()
    spot.image = image_factory_image(title="Soldes de Noël")
    spot.save()
    assert spot.image.file.name.split("/")[-1].startswith("spot~")
    assert file_name(spot) == "soldes-de-noel.png"
