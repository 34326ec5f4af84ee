"""The "Diffusion" admin menu: every screen opens for an administrator, nobody
else gets in (editorial is sent back to the dashboard, the others to the login
page), nobody else can act, and an unknown id is a 404."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from broadcasting.models import (
    Airing,
    AiringEvent,
    AiringStatus,
    Break,
    BreakGridSlot,
    UnplacedItem,
)
from broadcasting.services import placement

pytestmark = pytest.mark.django_db

LOGIN_PATHS = {"/login/", "/admin/login/"}


@pytest.fixture
def scene(card, make_breaks, approved_campaign, airing_in, broadcaster):
    """One of everything the screens show: a grid break, future breaks with a
    placed campaign, an unplaced item, an aired airing and a make-good."""
    today = timezone.localdate()
    slot = BreakGridSlot.objects.create(
        weekday=0, time=dt.time(19, 28), band_code="prime-time", label="Avant JT 19h30"
    )
    breaks = make_breaks(today + dt.timedelta(days=2), days=3)
    campaign = approved_campaign(lines=(("prime-time", 8),), start=today + dt.timedelta(days=2))
    placement.place_campaign(campaign=campaign)
    item = UnplacedItem.objects.filter(campaign=campaign).first()
    airing = Airing.objects.filter(campaign=campaign).first()
    past = Break.objects.create(
        day=today - dt.timedelta(days=1),
        starts_at=timezone.now() - dt.timedelta(days=1),
        band_code="prime-time",
        label="Hier",
    )
    other = approved_campaign(lines=(("prime-time", 2),), start=today - dt.timedelta(days=1))
    aired = airing_in(
        past,
        other,
        status=AiringStatus.AIRED,
        confirmed_by=broadcaster,
        confirmed_at=timezone.now() - dt.timedelta(hours=20),
    )
    missed_break = Break.objects.create(
        day=today - dt.timedelta(days=1),
        starts_at=timezone.now() - dt.timedelta(hours=23),
        band_code="prime-time",
        label="Hier soir",
    )
    missed = airing_in(missed_break, other, status=AiringStatus.MISSED, missed_reason="Coupure")
    make_good = airing_in(breaks[-1], other, make_good_of=missed)
    return {
        "slot": slot,
        "break": breaks[0],
        "campaign": campaign,
        "item": item,
        "airing": airing,
        "aired": aired,
        "make_good": make_good,
    }


def screens(scene):
    """Every GET page of the menu, as (URL, expected status for an administrator)."""
    return [
        reverse("broadcast_grid:index"),
        reverse("broadcast_grid:add"),
        reverse("broadcast_grid:edit", args=[scene["slot"].pk]),
        reverse("broadcast_grid:delete", args=[scene["slot"].pk]),
        reverse("broadcast_grid:apply"),
        reverse("broadcast_breaks:index"),
        reverse("broadcast_breaks:inspect", args=[scene["break"].pk]),
        reverse("broadcast_breaks:cancel", args=[scene["break"].pk]),
        reverse("broadcast_breaks:add_exceptional"),
        reverse("broadcast_airings:index"),
        reverse("broadcast_airings:move", args=[scene["airing"].pk]),
        reverse("broadcast_airings:remove", args=[scene["airing"].pk]),
        reverse("broadcast_airings:undo", args=[scene["aired"].pk]),
        reverse("broadcast_unplaced:index"),
        reverse("broadcast_unplaced:place", args=[scene["item"].pk]),
        reverse("broadcast_unplaced:release", args=[scene["item"].pk]),
        reverse("broadcast_unplaced:campaign", args=[scene["campaign"].pk]),
        reverse("broadcast_unplaced:place_pending"),
        reverse("broadcast_make_goods:index"),
        reverse("broadcast_make_goods:accept", args=[scene["make_good"].pk]),
        reverse("broadcast_journal:index"),
    ]


def test_administrator_opens_every_screen(client, administrator, scene):
    client.force_login(administrator)
    for url in screens(scene):
        response = client.get(url)
        assert response.status_code == 200, url


def test_superuser_opens_every_screen(client, superuser, scene):
    client.force_login(superuser)
    for url in screens(scene):
        assert client.get(url).status_code == 200, url


def test_editorial_is_sent_back_to_the_dashboard(client, editorial, scene):
    client.force_login(editorial)
    for url in screens(scene):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("wagtailadmin_home"), url


@pytest.mark.parametrize("name", ["broadcaster", "advertiser_a", "anonymous"])
def test_others_are_sent_to_login(client, persona, name, scene):
    user = persona(name)
    if user is not None:
        client.force_login(user)
    for url in screens(scene):
        response = client.get(url)
        assert response.status_code == 302, url
        assert urlparse(response["Location"]).path in LOGIN_PATHS, url


@pytest.mark.parametrize("name", ["editorial", "broadcaster", "advertiser_a"])
def test_others_cannot_act(client, persona, name, scene):
    client.force_login(persona(name))
    events = AiringEvent.objects.count()
    posts = [
        (reverse("broadcast_breaks:cancel", args=[scene["break"].pk]), {"reason": "x"}),
        (reverse("broadcast_airings:remove", args=[scene["airing"].pk]), {"reason": "x"}),
        (reverse("broadcast_airings:undo", args=[scene["aired"].pk]), {"reason": "x"}),
        (reverse("broadcast_unplaced:release", args=[scene["item"].pk]), {"note": "x"}),
        (reverse("broadcast_unplaced:priority", args=[scene["campaign"].pk]), {"priority": 5}),
        (reverse("broadcast_unplaced:place_campaign", args=[scene["campaign"].pk]), {}),
        (reverse("broadcast_unplaced:place_pending"), {}),
        (reverse("broadcast_make_goods:accept", args=[scene["make_good"].pk]), {}),
        (reverse("broadcast_grid:apply"), {"weeks": 2}),
        (reverse("broadcast_grid:delete", args=[scene["slot"].pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 302, url
    assert AiringEvent.objects.count() == events
    scene["break"].refresh_from_db()
    assert scene["break"].is_open
    scene["campaign"].refresh_from_db()
    assert scene["campaign"].priority == 0
    scene["aired"].refresh_from_db()
    assert scene["aired"].status == AiringStatus.AIRED
    scene["make_good"].refresh_from_db()
    assert not scene["make_good"].make_good_accepted
    assert BreakGridSlot.objects.filter(pk=scene["slot"].pk).exists()
    assert Break.objects.filter(grid_slot__isnull=False).count() == 0


@pytest.mark.parametrize(
    "name",
    [
        "broadcast_grid:edit",
        "broadcast_breaks:inspect",
        "broadcast_breaks:cancel",
        "broadcast_airings:move",
        "broadcast_airings:remove",
        "broadcast_airings:undo",
        "broadcast_unplaced:place",
        "broadcast_unplaced:release",
        "broadcast_unplaced:campaign",
        "broadcast_make_goods:accept",
    ],
)
def test_unknown_id_is_a_404(client, administrator, name):
    client.force_login(administrator)
    url = reverse(name, args=[999999])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "x", "note": "x"}).status_code == 404


def test_unknown_id_is_a_404_for_post_only_actions(client, administrator):
    client.force_login(administrator)
    for name in ("broadcast_unplaced:place_campaign", "broadcast_unplaced:priority"):
        assert client.post(reverse(name, args=[999999]), {"priority": 1}).status_code == 404


def test_post_only_actions_refuse_get(client, administrator, scene):
    client.force_login(administrator)
    for name in ("broadcast_unplaced:place_campaign", "broadcast_unplaced:priority"):
        url = reverse(name, args=[scene["campaign"].pk])
        assert client.get(url).status_code == 405


def test_menu_shown_to_administrator_only(client, administrator, editorial):
    client.force_login(administrator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in (
        "broadcast_grid:index",
        "broadcast_breaks:index",
        "broadcast_unplaced:index",
        "broadcast_make_goods:index",
        "broadcast_journal:index",
    ):
        assert reverse(name) in html
    client.force_login(editorial)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("broadcast_breaks:index") not in html


def test_the_notifications_link_to_these_screens():
    # broadcasting/services/notices.py sends the administrators here.
    assert reverse("broadcast_unplaced:index") == "/admin/broadcasting/unplaced/"
    assert reverse("broadcast_make_goods:index") == "/admin/broadcasting/make-goods/"
