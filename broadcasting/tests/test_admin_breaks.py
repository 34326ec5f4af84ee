"""“Écrans”: the dated breaks (today and the next 7 days by default), a break's
running order, cancelling a break and adding an exceptional one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from broadcasting.models import Airing, AiringStatus, Break, BreakStatus, UnplacedItem
from core import clock as broadcast_day

pytestmark = pytest.mark.django_db

INDEX = reverse("broadcast_breaks:index")
EXCEPTIONAL = reverse("broadcast_breaks:add_exceptional")


def in_days(n: int) -> dt.date:
    return broadcast_day.today() + dt.timedelta(days=n)


@pytest.fixture
def admin_client(client, administrator, card):
    client.force_login(administrator)
    return client


def labelled(make_breaks, day, label, band="prime-time", hhmm="20:30", capacity=180):
    brk = make_breaks(day, days=1, times=((band, hhmm),), capacity=capacity)[0]
    brk.label = label
    brk.save(update_fields=["label"])
    return brk


# --- Listing ------------------------------------------------------------------------


def test_lists_today_and_the_next_seven_days_by_default(admin_client, make_breaks):
    labelled(make_breaks, in_days(2), "Soon")
    labelled(make_breaks, in_days(10), "Later")
    html = admin_client.get(INDEX).content.decode()
    assert "Soon" in html and "Later" not in html
    wide = {"day_from": in_days(0).isoformat(), "day_to": in_days(12).isoformat()}
    html = admin_client.get(INDEX, wide).content.decode()
    assert "Soon" in html and "Later" in html
    html = admin_client.get(INDEX, {"day_from": "", "day_to": ""}).content.decode()
    assert "Later" in html


def test_filters_by_band_and_status(admin_client, make_breaks):
    labelled(make_breaks, in_days(1), "Morning", band="matinee", hhmm="07:00")
    off = labelled(make_breaks, in_days(1), "Off")
    Break.objects.filter(pk=off.pk).update(status=BreakStatus.CANCELLED)
    html = admin_client.get(INDEX, {"band_code": "matinee"}).content.decode()
    assert "Morning" in html and "Off" not in html
    html = admin_client.get(INDEX, {"status": "cancelled"}).content.decode()
    assert "Off" in html and "Morning" not in html


def test_shows_fill_and_airings(admin_client, make_breaks, approved_campaign, airing_in):
    brk = labelled(make_breaks, in_days(1), "Filled")
    airing_in(brk, approved_campaign(start=in_days(1)))
    airing_in(brk, approved_campaign(start=in_days(1)))
    html = admin_client.get(INDEX).content.decode()
    assert "60/180 s" in html
    assert "<progress" in html
    assert reverse("broadcast_breaks:inspect", args=[brk.pk]) in html
    assert EXCEPTIONAL in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_listing_query_count_is_constant(admin_client, make_breaks, approved_campaign, airing_in):
    breaks = make_breaks(in_days(1), days=1)
    airing_in(breaks[0], approved_campaign(start=in_days(1)))
    admin_client.get(INDEX)
    few = _queries(admin_client, INDEX)
    more = make_breaks(in_days(2), days=5, times=(("prime-time", "19:30"), ("matinee", "07:00")))
    for brk in more:
        airing_in(brk, approved_campaign(start=in_days(1)))
    assert _queries(admin_client, INDEX) == few


# --- A break ------------------------------------------------------------------------


def test_detail_lists_the_running_order(admin_client, make_breaks, approved_campaign, airing_in):
    brk = labelled(make_breaks, in_days(1), "JT")
    first = approved_campaign(start=in_days(1), title="Premier spot")
    second = approved_campaign(start=in_days(1), title="Second spot")
    airing_in(brk, second, position=2)
    planned = airing_in(brk, first, position=1)
    html = admin_client.get(reverse("broadcast_breaks:inspect", args=[brk.pk])).content.decode()
    assert html.index("Premier spot") < html.index("Second spot")
    assert reverse("broadcast_airings:move", args=[planned.pk]) in html
    assert reverse("broadcast_airings:remove", args=[planned.pk]) in html
    assert reverse("broadcast_breaks:cancel", args=[brk.pk]) in html


def test_detail_of_a_past_break_offers_no_move(admin_client, approved_campaign, airing_in):
    past = Break.objects.create(
        day=in_days(-1), starts_at=timezone.now() - dt.timedelta(days=1), band_code="prime-time"
    )
    airing = airing_in(past, approved_campaign(start=in_days(-1)))
    html = admin_client.get(reverse("broadcast_breaks:inspect", args=[past.pk])).content.decode()
    assert reverse("broadcast_airings:move", args=[airing.pk]) not in html
    assert reverse("broadcast_breaks:cancel", args=[past.pk]) not in html


# --- Cancel -------------------------------------------------------------------------


def test_cancel_a_break(admin_client, make_breaks, approved_campaign, airing_in):
    brk = labelled(make_breaks, in_days(1), "JT")
    airing = airing_in(brk, approved_campaign(start=in_days(1)))
    url = reverse("broadcast_breaks:cancel", args=[brk.pk])
    response = admin_client.post(url, {"reason": "Match de football en direct"})
    assert response.status_code == 302
    assert response["Location"] == reverse("broadcast_breaks:inspect", args=[brk.pk])
    brk.refresh_from_db()
    assert (brk.status, brk.cancel_reason) == (BreakStatus.CANCELLED, "Match de football en direct")
    airing.refresh_from_db()
    assert airing.status == AiringStatus.CANCELLED
    assert UnplacedItem.objects.get().reason == "cancelled"


@pytest.mark.parametrize("reason", ["", "   "])
def test_cancel_needs_a_reason(admin_client, make_breaks, approved_campaign, airing_in, reason):
    brk = labelled(make_breaks, in_days(1), "JT")
    airing = airing_in(brk, approved_campaign(start=in_days(1)))
    response = admin_client.post(
        reverse("broadcast_breaks:cancel", args=[brk.pk]), {"reason": reason}
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    brk.refresh_from_db()
    airing.refresh_from_db()
    assert brk.is_open and airing.status == AiringStatus.PLANNED
    assert not UnplacedItem.objects.exists()


def test_cancel_refuses_a_past_break(admin_client):
    past = Break.objects.create(
        day=in_days(-1), starts_at=timezone.now() - dt.timedelta(hours=2), band_code="prime-time"
    )
    response = admin_client.post(
        reverse("broadcast_breaks:cancel", args=[past.pk]), {"reason": "Trop tard"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    past.refresh_from_db()
    assert past.is_open


def test_cancel_refuses_a_cancelled_break(admin_client, make_breaks):
    brk = labelled(make_breaks, in_days(1), "JT")
    Break.objects.filter(pk=brk.pk).update(status=BreakStatus.CANCELLED, cancel_reason="Avant")
    response = admin_client.post(
        reverse("broadcast_breaks:cancel", args=[brk.pk]), {"reason": "Encore"}
    )
    assert response.status_code == 200
    brk.refresh_from_db()
    assert brk.cancel_reason == "Avant"


# --- Exceptional break ----------------------------------------------------------------


def exceptional(**overrides):
    data = {
        "day": in_days(3).isoformat(),
        "time": "16:00",
        "band_code": "apres-midi",
        "capacity": "120",
        "label": "Finale CAN",
    }
    data.update(overrides)
    return data


def test_add_an_exceptional_break(admin_client):
    assert admin_client.get(EXCEPTIONAL).status_code == 200
    response = admin_client.post(EXCEPTIONAL, exceptional())
    brk = Break.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("broadcast_breaks:inspect", args=[brk.pk])
    assert (brk.day, brk.band_code, brk.capacity, brk.label) == (
        in_days(3),
        "apres-midi",
        120,
        "Finale CAN",
    )
    assert brk.is_exceptional and brk.grid_slot is None


@pytest.mark.parametrize(
    "overrides",
    [
        {"day": (broadcast_day.today() - dt.timedelta(days=2)).isoformat()},  # in the past
        {"band_code": "no-such-band"},
        {"capacity": "5000"},
        {"day": ""},
        {"time": "25:99"},
    ],
)
def test_exceptional_bad_input_creates_nothing(admin_client, overrides):
    response = admin_client.post(EXCEPTIONAL, exceptional(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Break.objects.exists()
    assert not Airing.objects.exists()
