"""“Non placés”: the unplaced list, a hand placement (rules checked, capacity
override explicit and logged), giving an item up, a campaign's placement screen
(re-run, priority) and placing the campaigns waiting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from broadcasting.models import Airing, AiringEvent, Break, UnplacedItem
from broadcasting.services.placement_admin import LOG_PRIORITY
from campaigns.models import Status
from core import clock as broadcast_day

pytestmark = pytest.mark.django_db

INDEX = reverse("broadcast_unplaced:index")
PENDING = reverse("broadcast_unplaced:place_pending")


def in_days(n: int) -> dt.date:
    return broadcast_day.today() + dt.timedelta(days=n)


@pytest.fixture
def admin_client(client, administrator, card):
    client.force_login(administrator)
    return client


@pytest.fixture
def campaign(approved_campaign):
    return approved_campaign(lines=(("prime-time", 3),), start=in_days(2), days=3, title="Bissap")


def unplaced(campaign, reason="full", band="prime-time"):
    return UnplacedItem.objects.create(
        campaign=campaign, band_code=band, reason=reason, unit_price=87750
    )


def place_url(item):
    return reverse("broadcast_unplaced:place", args=[item.pk])


# --- Listing ------------------------------------------------------------------------


def test_lists_open_items_with_their_reason(admin_client, campaign, approved_campaign):
    item = unplaced(campaign, reason="separation")
    done = unplaced(approved_campaign(title="Résolu"), reason="full")
    UnplacedItem.objects.filter(pk=done.pk).update(resolved_at=timezone.now())
    html = admin_client.get(INDEX).content.decode()
    assert "Bissap" in html and "Résolu" not in html
    assert str(item.get_reason_display()) in html
    assert place_url(item) in html
    assert reverse("broadcast_unplaced:release", args=[item.pk]) in html
    assert reverse("broadcast_unplaced:campaign", args=[campaign.pk]) in html
    assert PENDING in html


def listed(client, **params) -> set[str]:
    response = client.get(INDEX, params)
    return {item.campaign.title for item in response.context["object_list"]}


def test_filters_by_campaign_band_and_reason(admin_client, campaign, approved_campaign):
    unplaced(campaign, reason="separation")
    other = approved_campaign(lines=(("matinee", 2),), title="Dolo")
    unplaced(other, reason="full", band="matinee")
    assert listed(admin_client) == {"Bissap", "Dolo"}
    assert listed(admin_client, campaign=campaign.pk) == {"Bissap"}
    assert listed(admin_client, band_code="matinee") == {"Dolo"}
    assert listed(admin_client, reason="separation") == {"Bissap"}


# --- Place by hand ------------------------------------------------------------------


def test_offers_the_candidate_breaks_with_their_fill(admin_client, campaign, make_breaks):
    breaks = make_breaks(in_days(2), days=2)
    item = unplaced(campaign)
    html = admin_client.get(place_url(item)).content.decode()
    for brk in breaks:
        assert f'value="{brk.pk}"' in html
    assert "0/180 s" in html
    html = admin_client.get(place_url(item), {"day": in_days(3).isoformat()}).content.decode()
    assert f'value="{breaks[0].pk}"' not in html
    assert f'value="{breaks[2].pk}"' in html


def test_place_by_hand(admin_client, campaign, make_breaks, administrator):
    brk = make_breaks(in_days(2), days=1)[0]
    item = unplaced(campaign)
    response = admin_client.post(place_url(item), {"target": brk.pk})
    assert response.status_code == 302
    airing = Airing.objects.get(campaign=campaign)
    assert airing.break_slot == brk
    item.refresh_from_db()
    assert (item.resolution, item.resolved_by) == ("placed", administrator)
    brk.refresh_from_db()
    assert brk.booked_seconds == 30
    assert not AiringEvent.objects.filter(action="override").exists()


@pytest.fixture
def full_break(make_breaks, approved_campaign, airing_in):
    brk = make_breaks(in_days(2), days=1, times=(("prime-time", "20:30"),), capacity=30)[0]
    airing_in(brk, approved_campaign(start=in_days(2), title="Déjà là"))
    return brk


def test_a_full_break_is_refused_without_the_override(admin_client, campaign, full_break):
    item = unplaced(campaign)
    response = admin_client.post(place_url(item), {"target": full_break.pk})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Airing.objects.filter(campaign=campaign).exists()
    item.refresh_from_db()
    assert item.resolved_at is None
    full_break.refresh_from_db()
    assert full_break.booked_seconds == 30


def test_the_capacity_override_is_logged(admin_client, campaign, full_break, administrator):
    item = unplaced(campaign)
    response = admin_client.post(
        place_url(item), {"target": full_break.pk, "override_capacity": "on"}
    )
    assert response.status_code == 302
    full_break.refresh_from_db()
    assert full_break.booked_seconds == 60
    event = AiringEvent.objects.get(action="override")
    assert (event.actor, event.data["capacity"]) == (administrator, 30)


def test_a_past_break_is_refused(admin_client, campaign):
    past = Break.objects.create(
        day=in_days(-1), starts_at=timezone.now() - dt.timedelta(hours=3), band_code="prime-time"
    )
    item = unplaced(campaign)
    response = admin_client.post(place_url(item), {"target": past.pk, "override_capacity": "on"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Airing.objects.exists()
    item.refresh_from_db()
    assert item.resolved_at is None


@pytest.mark.parametrize("target", ["", "999999", "abc"])
def test_an_unknown_break_is_refused(admin_client, campaign, target):
    item = unplaced(campaign)
    response = admin_client.post(place_url(item), {"target": target})
    assert response.status_code == 200
    assert "target" in response.context["form"].errors
    assert not Airing.objects.exists()


def test_an_item_already_resolved_cannot_be_placed(admin_client, campaign, make_breaks):
    brk = make_breaks(in_days(2), days=1)[0]
    item = unplaced(campaign)
    UnplacedItem.objects.filter(pk=item.pk).update(resolved_at=timezone.now())
    response = admin_client.post(place_url(item), {"target": brk.pk})
    assert response.status_code == 200
    assert not Airing.objects.exists()


# --- Give up ------------------------------------------------------------------------


def test_give_up_needs_a_note(admin_client, campaign):
    item = unplaced(campaign)
    url = reverse("broadcast_unplaced:release", args=[item.pk])
    response = admin_client.post(url, {"note": "  "})
    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    item.refresh_from_db()
    assert item.resolved_at is None
    response = admin_client.post(url, {"note": "Le client renonce à ce passage"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.resolution == "released"
    assert AiringEvent.objects.get(action="released").note == "Le client renonce à ce passage"


# --- A campaign's placement ---------------------------------------------------------


def test_campaign_placement_screen(admin_client, campaign):
    unplaced(campaign)
    url = reverse("broadcast_unplaced:campaign", args=[campaign.pk])
    html = admin_client.get(url).content.decode()
    assert "Bissap" in html
    assert reverse("broadcast_unplaced:place_campaign", args=[campaign.pk]) in html
    assert reverse("broadcast_unplaced:priority", args=[campaign.pk]) in html


def test_run_the_placement_again(admin_client, campaign, make_breaks):
    make_breaks(in_days(2), days=3)
    item = unplaced(campaign)
    url = reverse("broadcast_unplaced:place_campaign", args=[campaign.pk])
    response = admin_client.post(url, follow=True)
    assert response.status_code == 200
    assert Airing.objects.filter(campaign=campaign).count() == 3
    item.refresh_from_db()
    assert item.resolution == "replanned"
    campaign.refresh_from_db()
    assert campaign.status == Status.SCHEDULED


def test_run_the_placement_of_a_campaign_not_approved(admin_client, campaign, make_breaks):
    make_breaks(in_days(2), days=3)
    campaign.status = Status.SUBMITTED
    campaign.save(update_fields=["status"])
    url = reverse("broadcast_unplaced:place_campaign", args=[campaign.pk])
    response = admin_client.post(url, follow=True)
    assert any(m.level_tag == "error" for m in response.context["messages"])
    assert not Airing.objects.exists()


def test_set_the_priority(admin_client, campaign, administrator):
    url = reverse("broadcast_unplaced:priority", args=[campaign.pk])
    response = admin_client.post(url, {"priority": "7"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.priority == 7
    entry = ModelLogEntry.objects.get(action=LOG_PRIORITY)
    assert (entry.user, entry.data) == (administrator, {"old": 0, "new": 7})
    html = admin_client.get(reverse("broadcast_unplaced:campaign", args=[campaign.pk]))
    assert "0 → 7" in html.content.decode()


@pytest.mark.parametrize("priority", ["11", "-11", "abc", "", "2.5"])
def test_a_bad_priority_changes_nothing(admin_client, campaign, priority):
    url = reverse("broadcast_unplaced:priority", args=[campaign.pk])
    response = admin_client.post(url, {"priority": priority})
    assert response.status_code == 200
    assert "priority" in response.context["priority_form"].errors
    campaign.refresh_from_db()
    assert campaign.priority == 0
    assert not ModelLogEntry.objects.filter(action=LOG_PRIORITY).exists()


def test_place_the_campaigns_waiting(admin_client, approved_campaign, make_breaks):
    make_breaks(in_days(2), days=3)
    waiting = approved_campaign(lines=(("prime-time", 2),), start=in_days(2), title="En attente")
    html = admin_client.get(PENDING).content.decode()
    assert "En attente" in html
    response = admin_client.post(PENDING, follow=True)
    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == Status.SCHEDULED
    assert Airing.objects.filter(campaign=waiting).count() == 2


def test_marks_the_breaks_already_holding_the_advertiser(
    admin_client, campaign, make_breaks, airing_in
):
    breaks = make_breaks(in_days(2), days=1)
    airing_in(breaks[0], campaign)
    item = unplaced(campaign)
    form = admin_client.get(place_url(item)).context["form"]
    labels = dict(form.fields["target"].choices)
    assert "—" in labels[breaks[0].pk]
    assert "—" not in labels[breaks[1].pk]


def test_listing_query_count_is_constant(admin_client, campaign, approved_campaign):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    unplaced(campaign)
    admin_client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(INDEX)
    for n in range(6):
        unplaced(approved_campaign(title=f"Autre {n}"), reason="no_break")
    with CaptureQueriesContext(connection) as many:
        admin_client.get(INDEX)
    assert len(few) == len(many)
