"""What a new administrator meets in the "Diffusion" menu (issue 13): a
"Placement" link from every airing row, band names (not codes) on every screen,
the make-goods page titled "Rattrapages", boolean cells without "True", the
dashboard's media summary in French, titles that wrap between words."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from broadcasting.models import Airing, Break, BreakGridSlot
from broadcasting.selectors.bands import band_name
from core import clock as broadcast_day
from simulator.models import TimeBand

pytestmark = pytest.mark.django_db


def in_days(n: int) -> dt.date:
    return broadcast_day.today() + dt.timedelta(days=n)


@pytest.fixture
def admin_client(client, administrator, card):
    client.force_login(administrator)
    return client


@pytest.fixture
def prime_name(card):
    return TimeBand.objects.get(rate_card=card, code="prime-time").name


@pytest.fixture
def planned(approved_campaign, make_breaks, airing_in):
    campaign = approved_campaign(lines=(("prime-time", 4),), start=in_days(1), days=4)
    breaks = make_breaks(in_days(1), days=2)
    Break.objects.update(label="Soirée")  # the fixture's labels carry the band's code
    for brk in breaks:
        brk.refresh_from_db()
    return campaign, breaks, airing_in(breaks[0], campaign)


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_band_name_reads_the_card(card, prime_name):
    assert prime_name and prime_name != "prime-time"
    assert band_name("prime-time") == prime_name
    assert band_name("unknown-band") == "unknown-band"


def test_every_airing_row_links_to_the_campaign_placement(admin_client, planned):
    campaign, _breaks, _airing = planned
    response = admin_client.get(reverse("broadcast_airings:index"))
    placement = reverse("broadcast_unplaced:campaign", args=[campaign.pk])
    assert placement in response.content.decode()
    assert "Placement" in text_of(response)


def test_band_names_on_the_listings_and_pages(admin_client, planned, prime_name, make_breaks):
    campaign, breaks, airing = planned
    BreakGridSlot.objects.create(
        weekday=0, time=dt.time(19, 30), band_code="prime-time", capacity=180, label="JT"
    )
    pages = [
        reverse("broadcast_grid:index"),
        reverse("broadcast_breaks:index"),
        reverse("broadcast_breaks:inspect", args=[breaks[0].pk]),
        reverse("broadcast_airings:index"),
        reverse("broadcast_airings:move", args=[airing.pk]),
        reverse("broadcast_unplaced:campaign", args=[campaign.pk]),
    ]
    for url in pages:
        text = text_of(admin_client.get(url))
        assert prime_name in text, url
        assert "prime-time" not in text, url


def test_the_make_goods_page_is_titled_rattrapages(admin_client, planned, prime_name):
    campaign, breaks, airing = planned
    Airing.objects.filter(pk=airing.pk).update(status="missed")
    make_good = Airing.objects.create(
        break_slot=breaks[2],
        campaign=campaign,
        advertiser=campaign.advertiser,
        band_code="prime-time",
        length=30,
        make_good_of=airing,
    )
    response = admin_client.get(reverse("broadcast_make_goods:index"))
    title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
    assert "Rattrapages" in title and "Passages" not in title
    text = text_of(response)
    assert prime_name in text and "prime-time" not in text
    accept = admin_client.get(reverse("broadcast_make_goods:accept", args=[make_good.pk]))
    assert "Rattrapages" in text_of(accept)


def test_boolean_cells_say_oui_not_true(admin_client):
    BreakGridSlot.objects.create(
        weekday=0, time=dt.time(19, 30), band_code="prime-time", capacity=180, label="JT"
    )
    text = text_of(admin_client.get(reverse("broadcast_grid:index")))
    assert "True" not in text and "False" not in text
    assert "Oui" in text
    # and Wagtail's "Add %(model_name)s" ("Ajouter un(e) …") is a sentence for its noun
    assert "un(e)" not in text and "Ajouter un écran à la grille" in text


def test_the_dashboard_media_summary_is_french(admin_client):
    text = text_of(admin_client.get(reverse("wagtailadmin_home")))
    assert "Media file" not in text and "created in" not in text
    assert re.search(r"\d+ médias?", text)


def test_the_media_listing_counts_in_french(admin_client):
    from wagtailmedia.models import Media

    assert str(Media._meta.verbose_name_plural) == "médias"


def test_admin_titles_wrap_between_words(admin_client):
    html = admin_client.get(reverse("broadcast_breaks:index")).content.decode()
    assert ".listing .title" in html and "word-break: normal" in html


def test_the_dashboard_badges_show_the_band_name(client, broadcaster, planned, prime_name):
    _campaign, breaks, _airing = planned
    client.force_login(broadcaster)
    response = client.get(reverse("broadcasting:dashboard"), {"date": in_days(1).isoformat()})
    text = text_of(response)
    assert prime_name in text
    assert not re.search(r">\s*prime-time\s*<", response.content.decode())
