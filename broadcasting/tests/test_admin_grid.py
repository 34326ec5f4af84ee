"""“Grille des écrans”: the weekly grid listed by day then time, edited with the
rate card's bands, and applied to the weeks ahead."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from broadcasting.models import Break, BreakGridSlot

pytestmark = pytest.mark.django_db

INDEX = reverse("broadcast_grid:index")
ADD = reverse("broadcast_grid:add")
APPLY = reverse("broadcast_grid:apply")


def slot_data(**overrides):
    data = {
        "weekday": "0",
        "time": "19:28",
        "band_code": "prime-time",
        "capacity": "180",
        "label": "Avant JT 19h30",
        "is_active": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def admin_client(client, administrator, card):
    client.force_login(administrator)
    return client


def test_listed_by_weekday_then_time(admin_client):
    # Labels with a space: a random CSP nonce in the page's head could hold "L1".
    BreakGridSlot.objects.create(
        weekday=1, time=dt.time(7, 0), band_code="matinee", label="Mardi matin"
    )
    BreakGridSlot.objects.create(
        weekday=0, time=dt.time(19, 28), band_code="prime-time", label="Lundi soir"
    )
    BreakGridSlot.objects.create(
        weekday=0, time=dt.time(7, 0), band_code="matinee", label="Lundi matin"
    )
    html = admin_client.get(INDEX).content.decode()
    assert html.index("Lundi matin") < html.index("Lundi soir") < html.index("Mardi matin")
    assert APPLY in html


def test_filters_by_weekday_and_band(admin_client):
    BreakGridSlot.objects.create(weekday=1, time=dt.time(7, 0), band_code="matinee", label="Mardi")
    BreakGridSlot.objects.create(
        weekday=0, time=dt.time(19, 28), band_code="prime-time", label="L2"
    )
    html = admin_client.get(INDEX, {"weekday": "1"}).content.decode()
    assert "Mardi" in html and "L2" not in html
    html = admin_client.get(INDEX, {"band_code": "prime-time"}).content.decode()
    assert "L2" in html and "Mardi" not in html


def test_the_form_offers_the_card_bands(admin_client):
    html = admin_client.get(ADD).content.decode()
    assert '<select name="band_code"' in html
    for code in ("matinee", "mi-journee", "prime-time", "fin-de-soiree"):
        assert f'value="{code}"' in html


def test_create_a_grid_break(admin_client):
    response = admin_client.post(ADD, slot_data(), follow=True)
    assert response.status_code == 200
    slot = BreakGridSlot.objects.get()
    assert (slot.weekday, slot.time, slot.band_code) == (0, dt.time(19, 28), "prime-time")
    levels = [m.level_tag for m in response.context["messages"]]
    assert "success" in levels and "info" in levels  # the hint to apply the grid


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"band_code": "no-such-band"}, "band_code"),
        ({"band_code": ""}, "band_code"),
        ({"time": "10:00"}, "time"),  # prime time runs 19:25–20:55
        ({"capacity": "5"}, "capacity"),
    ],
)
def test_bad_input_creates_nothing(admin_client, overrides, field):
    response = admin_client.post(ADD, slot_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not BreakGridSlot.objects.exists()


def test_a_band_crossing_midnight_accepts_00_30(admin_client):
    admin_client.post(ADD, slot_data(time="00:30", band_code="fin-de-soiree"))
    assert BreakGridSlot.objects.get().time == dt.time(0, 30)


def test_one_break_per_day_and_time(admin_client):
    BreakGridSlot.objects.create(weekday=0, time=dt.time(19, 28), band_code="prime-time")
    response = admin_client.post(ADD, slot_data())
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["time"]
    assert len(errors["time"]) == 1  # one clear message, not Django's generic one too
    assert BreakGridSlot.objects.count() == 1


def test_edit_keeps_its_own_time(admin_client):
    slot = BreakGridSlot.objects.create(weekday=0, time=dt.time(19, 28), band_code="prime-time")
    url = reverse("broadcast_grid:edit", args=[slot.pk])
    response = admin_client.post(url, slot_data(capacity="240"))
    assert response.status_code == 302
    slot.refresh_from_db()
    assert slot.capacity == 240


def test_apply_the_grid(admin_client):
    for weekday in range(7):
        BreakGridSlot.objects.create(weekday=weekday, time=dt.time(20, 30), band_code="prime-time")
    assert admin_client.get(APPLY).status_code == 200
    response = admin_client.post(APPLY, {"weeks": "2"}, follow=True)
    assert response.status_code == 200
    created = Break.objects.count()
    assert 13 <= created <= 14  # today's 20:30 may have passed
    assert any(m.level_tag == "success" for m in response.context["messages"])
    admin_client.post(APPLY, {"weeks": "2"})
    assert Break.objects.count() == created


@pytest.mark.parametrize("weeks", ["0", "200", "", "abc"])
def test_apply_refuses_a_bad_number_of_weeks(admin_client, weeks):
    BreakGridSlot.objects.create(weekday=0, time=dt.time(20, 30), band_code="prime-time")
    response = admin_client.post(APPLY, {"weeks": weeks})
    assert response.status_code == 200
    assert "weeks" in response.context["form"].errors
    assert not Break.objects.exists()


def test_delete_a_grid_break(admin_client):
    slot = BreakGridSlot.objects.create(weekday=0, time=dt.time(20, 30), band_code="prime-time")
    response = admin_client.post(reverse("broadcast_grid:delete", args=[slot.pk]))
    assert response.status_code == 302
    assert not BreakGridSlot.objects.exists()


def test_listing_query_count_is_constant(admin_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    BreakGridSlot.objects.create(weekday=0, time=dt.time(7, 0), band_code="matinee")
    admin_client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(INDEX)
    for weekday in range(1, 7):
        BreakGridSlot.objects.create(weekday=weekday, time=dt.time(7, 0), band_code="matinee")
    with CaptureQueriesContext(connection) as many:
        admin_client.get(INDEX)
    assert len(few) == len(many)
