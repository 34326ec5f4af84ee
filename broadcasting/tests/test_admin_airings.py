"""Airings in the admin: the listing, moving and removing a planned airing, an
administrator's late undo of a confirmation, the make-goods to accept
(“Rattrapages”) and the journal of every change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from broadcasting.models import AiringEvent, AiringStatus, Break, UnplacedItem
from core import clock as broadcast_day

pytestmark = pytest.mark.django_db

AIRINGS = reverse("broadcast_airings:index")
MAKE_GOODS = reverse("broadcast_make_goods:index")
JOURNAL = reverse("broadcast_journal:index")


def in_days(n: int) -> dt.date:
    return broadcast_day.today() + dt.timedelta(days=n)


@pytest.fixture
def admin_client(client, administrator, card):
    client.force_login(administrator)
    return client


@pytest.fixture
def campaign(approved_campaign):
    return approved_campaign(lines=(("prime-time", 4),), start=in_days(1), days=4, title="Bissap")


@pytest.fixture
def breaks(make_breaks):
    return make_breaks(in_days(1), days=2)  # 19:30 and 20:30 on two days


def past_break(hours_ago=20, label="Hier"):
    moment = timezone.now() - dt.timedelta(hours=hours_ago)
    return Break.objects.create(
        day=broadcast_day.day_of(moment), starts_at=moment, band_code="prime-time", label=label
    )


# --- Listing ------------------------------------------------------------------------


def test_lists_airings_around_today(admin_client, campaign, breaks, airing_in, approved_campaign):
    airing_in(breaks[0], campaign)
    far = Break.objects.create(
        day=in_days(20),
        starts_at=broadcast_day.starts_at(in_days(20), dt.time(20, 30)),
        band_code="prime-time",
    )
    airing_in(far, approved_campaign(start=in_days(20), title="Lointaine"))
    titles = {a.campaign.title for a in admin_client.get(AIRINGS).context["object_list"]}
    assert titles == {"Bissap"}
    response = admin_client.get(AIRINGS, {"day_from": "", "day_to": "", "status": "planned"})
    assert {a.campaign.title for a in response.context["object_list"]} == {"Bissap", "Lointaine"}


def test_airings_listing_query_count_is_constant(
    admin_client, breaks, approved_campaign, airing_in
):
    airing_in(breaks[0], approved_campaign(start=in_days(1)))
    admin_client.get(AIRINGS)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(AIRINGS)
    for brk in breaks:
        airing_in(brk, approved_campaign(start=in_days(1)))
        airing_in(brk, approved_campaign(start=in_days(1)))
    with CaptureQueriesContext(connection) as many:
        admin_client.get(AIRINGS)
    assert len(few) == len(many)


# --- Move ---------------------------------------------------------------------------


def test_move_an_airing(admin_client, campaign, breaks, airing_in, administrator):
    airing = airing_in(breaks[0], campaign)
    url = reverse("broadcast_airings:move", args=[airing.pk])
    html = admin_client.get(url).content.decode()
    assert f'value="{breaks[1].pk}"' in html
    assert f'value="{breaks[0].pk}"' not in html  # its own break is not offered
    response = admin_client.post(url, {"target": breaks[1].pk})
    assert response.status_code == 302
    airing.refresh_from_db()
    assert airing.break_slot == breaks[1]
    event = AiringEvent.objects.get(action="moved")
    assert (event.actor, event.data) == (administrator, {"from": breaks[0].pk, "to": breaks[1].pk})


def test_move_into_a_full_break_needs_the_override(
    admin_client, campaign, breaks, airing_in, approved_campaign
):
    airing = airing_in(breaks[0], campaign)
    Break.objects.filter(pk=breaks[1].pk).update(capacity=30)
    airing_in(Break.objects.get(pk=breaks[1].pk), approved_campaign(start=in_days(1)))
    url = reverse("broadcast_airings:move", args=[airing.pk])
    response = admin_client.post(url, {"target": breaks[1].pk})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    airing.refresh_from_db()
    assert airing.break_slot == breaks[0]
    assert not AiringEvent.objects.exists()
    response = admin_client.post(url, {"target": breaks[1].pk, "override_capacity": "on"})
    assert response.status_code == 302
    assert AiringEvent.objects.filter(action="override").count() == 1


def test_move_into_a_past_break_is_refused(admin_client, campaign, breaks, airing_in):
    airing = airing_in(breaks[0], campaign)
    past = past_break()
    response = admin_client.post(
        reverse("broadcast_airings:move", args=[airing.pk]), {"target": past.pk}
    )
    assert response.status_code == 200
    airing.refresh_from_db()
    assert airing.break_slot == breaks[0]


def test_an_aired_airing_cannot_be_moved(admin_client, campaign, breaks, airing_in, broadcaster):
    brk = past_break()
    airing = airing_in(brk, campaign, status=AiringStatus.AIRED, confirmed_by=broadcaster)
    response = admin_client.post(
        reverse("broadcast_airings:move", args=[airing.pk]), {"target": breaks[0].pk}
    )
    assert response.status_code == 200
    airing.refresh_from_db()
    assert airing.break_slot == brk


# --- Remove -------------------------------------------------------------------------


def test_remove_needs_a_reason(admin_client, campaign, breaks, airing_in):
    airing = airing_in(breaks[0], campaign)
    url = reverse("broadcast_airings:remove", args=[airing.pk])
    response = admin_client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    airing.refresh_from_db()
    assert airing.status == AiringStatus.PLANNED
    response = admin_client.post(url, {"reason": "Demande du client"})
    assert response.status_code == 302
    airing.refresh_from_db()
    assert airing.status == AiringStatus.CANCELLED
    assert UnplacedItem.objects.get().reason == "removed"
    assert AiringEvent.objects.get(action="removed").note == "Demande du client"


def test_remove_refuses_a_past_airing(admin_client, campaign, airing_in):
    airing = airing_in(past_break(hours_ago=2), campaign)
    response = admin_client.post(
        reverse("broadcast_airings:remove", args=[airing.pk]), {"reason": "Trop tard"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    airing.refresh_from_db()
    assert airing.status == AiringStatus.PLANNED
    assert not UnplacedItem.objects.exists()


# --- Late undo by an administrator ----------------------------------------------------


@pytest.fixture
def aired(campaign, airing_in, broadcaster):
    return airing_in(
        past_break(),
        campaign,
        status=AiringStatus.AIRED,
        confirmed_by=broadcaster,
        confirmed_at=timezone.now() - dt.timedelta(hours=19),
    )


def test_late_undo_needs_a_reason(admin_client, aired, administrator):
    url = reverse("broadcast_airings:undo", args=[aired.pk])
    response = admin_client.post(url, {"reason": " "})
    assert response.status_code == 200
    aired.refresh_from_db()
    assert aired.status == AiringStatus.AIRED
    response = admin_client.post(url, {"reason": "Erreur de saisie du diffuseur"})
    assert response.status_code == 302
    aired.refresh_from_db()
    assert (aired.status, aired.confirmed_by) == (AiringStatus.PLANNED, None)
    event = AiringEvent.objects.get(action="undone")
    assert (event.actor, event.note, event.data["late"]) == (
        administrator,
        "Erreur de saisie du diffuseur",
        True,
    )


def test_undo_of_a_planned_airing_is_refused(admin_client, campaign, breaks, airing_in):
    airing = airing_in(breaks[0], campaign)
    response = admin_client.post(
        reverse("broadcast_airings:undo", args=[airing.pk]), {"reason": "?"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not AiringEvent.objects.exists()


# --- Make-goods ---------------------------------------------------------------------


@pytest.fixture
def make_good(campaign, breaks, airing_in):
    missed = airing_in(
        past_break(),
        campaign,
        status=AiringStatus.MISSED,
        missed_reason="Coupure de courant",
        confirmed_at=timezone.now() - dt.timedelta(hours=19),
    )
    return airing_in(breaks[1], campaign, make_good_of=missed)


def test_lists_the_make_goods_to_accept(admin_client, make_good):
    html = admin_client.get(MAKE_GOODS).content.decode()
    assert "Bissap" in html
    assert "Coupure de courant" in html
    assert reverse("broadcast_make_goods:accept", args=[make_good.pk]) in html
    assert reverse("broadcast_airings:move", args=[make_good.pk]) in html


def test_accept_a_make_good(admin_client, make_good, administrator):
    url = reverse("broadcast_make_goods:accept", args=[make_good.pk])
    assert "Coupure de courant" in admin_client.get(url).content.decode()
    response = admin_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == MAKE_GOODS
    make_good.refresh_from_db()
    assert make_good.make_good_accepted
    assert AiringEvent.objects.get(action="make_good_ok").actor == administrator
    assert list(admin_client.get(MAKE_GOODS).context["object_list"]) == []
    response = admin_client.post(url)  # twice: refused, nothing more logged
    assert response.status_code == 200
    assert AiringEvent.objects.filter(action="make_good_ok").count() == 1


def test_an_ordinary_airing_is_not_a_make_good(admin_client, campaign, breaks, airing_in):
    airing = airing_in(breaks[0], campaign)
    url = reverse("broadcast_make_goods:accept", args=[airing.pk])
    assert admin_client.get(url).status_code == 404
    assert admin_client.post(url).status_code == 404
    airing.refresh_from_db()
    assert not airing.make_good_accepted


# --- Journal ------------------------------------------------------------------------


def test_journal_lists_and_filters_every_change(
    admin_client, campaign, approved_campaign, breaks, airing_in, administrator, broadcaster
):
    airing = airing_in(breaks[0], campaign)
    other = approved_campaign(title="Dolo")
    AiringEvent.objects.create(
        campaign=campaign, airing=airing, action="moved", actor=administrator, note="Déplacé"
    )
    AiringEvent.objects.create(campaign=other, action="aired", actor=broadcaster)
    AiringEvent.objects.create(campaign=other, action="released", note="Abandon")

    def listed(**params):
        response = admin_client.get(JOURNAL, params)
        assert response.status_code == 200
        return {(e.campaign.title, e.action) for e in response.context["object_list"]}

    assert len(listed()) == 3
    assert listed(action="moved") == {("Bissap", "moved")}
    assert listed(campaign=other.pk) == {("Dolo", "aired"), ("Dolo", "released")}
    assert listed(actor=broadcaster.pk) == {("Dolo", "aired")}
    today = timezone.localdate().isoformat()
    assert len(listed(date_from=today, date_to=today)) == 3
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert listed(date_from=yesterday, date_to=yesterday) == set()
    html = admin_client.get(JOURNAL).content.decode()
    assert "Déplacé" in html


def test_journal_query_count_is_constant(admin_client, campaign, breaks, airing_in, administrator):
    airing = airing_in(breaks[0], campaign)
    AiringEvent.objects.create(campaign=campaign, airing=airing, action="placed")
    admin_client.get(JOURNAL)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(JOURNAL)
    for _ in range(20):
        AiringEvent.objects.create(
            campaign=campaign, airing=airing, action="moved", actor=administrator
        )
    with CaptureQueriesContext(connection) as many:
        admin_client.get(JOURNAL)
    assert len(few) == len(many)


def test_journal_export(admin_client, campaign):
    AiringEvent.objects.create(campaign=campaign, action="released", note="Abandon")
    response = admin_client.get(JOURNAL, {"export": "csv"})
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "Abandon" in body


def test_make_goods_query_count_is_constant(admin_client, make_good, approved_campaign, airing_in):
    admin_client.get(MAKE_GOODS)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(MAKE_GOODS)
    for n in range(5):
        other = approved_campaign(title=f"Autre {n}")
        missed = airing_in(past_break(hours_ago=20 + n), other, status=AiringStatus.MISSED)
        airing_in(make_good.break_slot, other, make_good_of=missed)
    with CaptureQueriesContext(connection) as many:
        admin_client.get(MAKE_GOODS)
    assert len(few) == len(many)
