"""The campaign's business rules: drafts, submission with a frozen quote, the
state machine, spot review, duplication, concurrency."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from accounts.tests.factories import AdvertiserUserFactory, BusinessSectorFactory
from campaigns import services
from campaigns.exceptions import CampaignError
from campaigns.models import (
    Campaign,
    CampaignEvent,
    CreativeMode,
    ReviewState,
    Spot,
    Status,
)
from campaigns.tests.factories import CampaignFactory, SpotFactory, pdf_file
from core.clock import today as broadcast_today
from notifications.models import Notification
from simulator.models import TimeBand
from simulator.pricing import LineRequest, QuoteRequest, price
from simulator.selectors import pricing_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def airtime(**overrides) -> dict:
    start = TODAY() + timedelta(days=3)
    data = {
        "start_date": start,
        "end_date": start + timedelta(days=13),
        "spot_length": 30,
        "bands": [{"band": "prime-time", "airings": 10}, {"band": "matinee", "airings": 5}],
        "options": [],
    }
    data.update(overrides)
    return data


def snapshot(campaign: Campaign) -> tuple:
    campaign = Campaign.objects.get(pk=campaign.pk)
    lines = tuple(campaign.lines.values_list("band_code", "airings").order_by("band_code"))
    return (
        campaign.status,
        campaign.title,
        campaign.start_date,
        campaign.end_date,
        campaign.spot_length,
        lines,
        campaign.quote_total,
        campaign.events.count(),
    )


def approved_spot(campaign: Campaign, administrator=None) -> Spot:
    return SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)


# --- Drafts -----------------------------------------------------------------------------


def test_create_draft_for_the_users_company(advertiser_a, card):
    campaign = services.create_draft(
        user=advertiser_a,
        data={"title": "Bissap d'or", "product": "Bissap", **airtime()},
    )
    assert campaign.advertiser == advertiser_a.advertiser
    assert campaign.created_by == advertiser_a
    assert campaign.status == Status.DRAFT
    lines = {line.band_code: (line.airings, line.band_name) for line in campaign.lines.all()}
    assert lines == {"prime-time": (10, "Prime time (JT 19h30)"), "matinee": (5, "Matinée")}
    event = campaign.events.get()
    assert (event.from_status, event.to_status, event.actor) == ("", Status.DRAFT, advertiser_a)
    assert not campaign.is_quote_frozen


def test_a_draft_can_start_with_only_a_title(advertiser_a, card):
    campaign = services.create_draft(user=advertiser_a, data={"title": "Lancement"})
    assert campaign.pk and campaign.lines.count() == 0


def test_a_user_without_company_cannot_create(administrator, card):
    with pytest.raises(CampaignError):
        services.create_draft(user=administrator, data={"title": "X"})
    assert Campaign.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start_date": broadcast_today() - timedelta(days=1)}, "start_date"),
        ({"end_date": TODAY() + timedelta(days=1)}, "end_date"),  # before the start
        ({"end_date": TODAY() + timedelta(days=3 + 365)}, "end_date"),  # 366 days
        ({"bands": [{"band": "nuit-blanche", "airings": 3}]}, "bands.0"),
        ({"bands": [{"band": "prime-time", "airings": 0}]}, "bands.0"),
        ({"bands": [{"band": "prime-time", "airings": -2}]}, "bands.0"),
        ({"bands": [{"band": "prime-time", "airings": "beaucoup"}]}, "bands.0"),
        ({"spot_length": 3}, "spot_length"),
        ({"spot_length": 500}, "spot_length"),
        ({"options": ["inconnue"]}, "options"),
        ({"start_date": "demain"}, "start_date"),
    ],
)
def test_bad_airtime_is_refused_and_changes_nothing(advertiser_a, card, overrides, field):
    with pytest.raises(CampaignError) as error:
        services.create_draft(user=advertiser_a, data={"title": "T", **airtime(**overrides)})
    assert field in error.value.field_errors
    assert Campaign.objects.count() == 0

    campaign = CampaignFactory(user=advertiser_a)
    before = snapshot(campaign)
    with pytest.raises(CampaignError) as error:
        services.update_draft(
            campaign=campaign, user=advertiser_a, data=airtime(**overrides), step=2
        )
    assert field in error.value.field_errors
    assert snapshot(campaign) == before


def test_a_period_of_exactly_365_days_is_accepted(advertiser_a, card):
    start = TODAY() + timedelta(days=3)
    campaign = services.create_draft(
        user=advertiser_a,
        data={"title": "Année", **airtime(start_date=start, end_date=start + timedelta(days=364))},
    )
    assert (campaign.end_date - campaign.start_date).days == 364


def test_update_draft_changes_only_the_given_fields(advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a)
    services.update_draft(
        campaign=campaign,
        user=advertiser_a,
        data={"bands": [{"band": "matinee", "airings": 4}], "key_message": "  Nouveau  "},
        step=3,
    )
    campaign.refresh_from_db()
    assert campaign.wizard_step == 3
    assert campaign.key_message == "Nouveau"
    assert campaign.title.startswith("Campagne")
    assert list(campaign.lines.values_list("band_code", "airings")) == [("matinee", 4)]


def test_update_draft_checks_choices_and_sector(advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a)
    inactive = BusinessSectorFactory(is_active=False)
    with pytest.raises(CampaignError) as error:
        services.update_draft(
            campaign=campaign,
            user=advertiser_a,
            data={
                "sector": inactive.pk,
                "objective": "world-domination",
                "languages": ["fr", "klingon"],
                "creative_mode": "magic",
                "title": "   ",
            },
        )
    assert set(error.value.field_errors) == {
        "sector",
        "objective",
        "languages",
        "creative_mode",
        "title",
    }


def test_another_company_cannot_update(advertiser_a, advertiser_b, card):
    campaign = CampaignFactory(user=advertiser_a)
    before = snapshot(campaign)
    with pytest.raises(CampaignError):
        services.update_draft(campaign=campaign, user=advertiser_b, data={"title": "Piraté"})
    assert snapshot(campaign) == before


@pytest.mark.parametrize("status", [s for s in Status if s not in services.EDITABLE_STATUSES])
def test_only_drafts_and_returned_campaigns_can_be_edited(advertiser_a, card, status):
    campaign = CampaignFactory(user=advertiser_a, status=status)
    with pytest.raises(CampaignError):
        services.update_draft(campaign=campaign, user=advertiser_a, data={"title": "Nouveau"})
    campaign.refresh_from_db()
    assert campaign.title != "Nouveau"


def test_a_returned_campaign_can_be_edited(advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a, status=Status.CHANGES_REQUESTED)
    services.update_draft(campaign=campaign, user=advertiser_a, data={"title": "Corrigée"})
    assert campaign.title == "Corrigée"


def test_authorisation_document_must_be_a_real_document(advertiser_a, card):
    from django.core.files.base import ContentFile

    campaign = CampaignFactory(user=advertiser_a)
    with pytest.raises(CampaignError) as error:
        services.update_draft(
            campaign=campaign,
            user=advertiser_a,
            data={"authorization_document": ContentFile(b"<html>", name="a.pdf")},
        )
    assert "authorization_document" in error.value.field_errors
    services.update_draft(
        campaign=campaign, user=advertiser_a, data={"authorization_document": pdf_file()}
    )
    campaign.refresh_from_db()
    assert campaign.authorization_document.name.startswith("campaigns/authorizations/")
    assert "autorisation" not in campaign.authorization_document.name


# --- Submission ------------------------------------------------------------------------


def test_submit_freezes_the_quote(advertiser_a, administrator, card):
    campaign = CampaignFactory(user=advertiser_a, lines=[("prime-time", 10), ("matinee", 5)])
    services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    campaign.refresh_from_db()
    expected = price(
        pricing_data(card),
        QuoteRequest(
            spot_length=30,
            start_date=campaign.start_date,
            end_date=campaign.end_date,
            lines=(LineRequest("prime-time", 10), LineRequest("matinee", 5)),
        ),
    )
    assert campaign.status == Status.SUBMITTED
    assert campaign.submitted_at is not None
    assert campaign.rate_card == card
    assert campaign.quote == expected.as_dict()
    assert (
        campaign.quote_subtotal,
        campaign.quote_discount,
        campaign.quote_vat,
        campaign.quote_total,
    ) == (expected.subtotal, expected.discount, expected.vat, expected.total)
    assert campaign.quote_total == (
        campaign.quote_subtotal - campaign.quote_discount + campaign.quote_vat
    )
    event = campaign.events.get(to_status=Status.SUBMITTED)
    assert (event.from_status, event.actor) == (Status.DRAFT, advertiser_a)

    # A later change of the card does not change what the client was promised.
    frozen = dict(campaign.quote), campaign.quote_total
    band = TimeBand.objects.get(rate_card=card, code="prime-time")
    band.price_up_to_30 *= 2
    band.save()
    campaign.refresh_from_db()
    assert (campaign.quote, campaign.quote_total) == frozen
    again = price(
        pricing_data(card),
        QuoteRequest(30, campaign.start_date, campaign.end_date, (LineRequest("prime-time", 10),)),
    )
    assert again.lines[0].unit_price != campaign.quote["lines"][0]["unit_price"]


def test_submit_notifies_the_client_and_the_commercial_team(advertiser_a, administrator, card):
    colleague = AdvertiserUserFactory(advertiser=advertiser_a.advertiser)
    campaign = CampaignFactory(user=advertiser_a)
    services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    recipients = set(Notification.objects.values_list("recipient__email", flat=True))
    assert recipients == {advertiser_a.email, colleague.email, administrator.email}
    admin_note = Notification.objects.get(recipient=administrator)
    assert campaign.title in admin_note.title
    assert "Sahel Boissons" in admin_note.title


def test_a_creation_request_is_announced_as_such(advertiser_a, administrator, card):
    campaign = CampaignFactory(
        user=advertiser_a,
        creative_mode=CreativeMode.MAKE,
        brief_message="Une famille partage un jus",
        brief_contacts="Awa, 70 12 34 56",
    )
    services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    note = Notification.objects.get(recipient=administrator)
    assert note.title.startswith("New creation request") or "création" in note.title.lower()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"product": ""}, "product"),
        ({"objective": ""}, "objective"),
        ({"languages": []}, "languages"),
        ({"key_message": ""}, "key_message"),
        ({"sector": None}, "sector"),
        ({"creative_mode": ""}, "creative_mode"),
        ({"creative_mode": CreativeMode.MAKE}, "brief_message"),
        ({"creative_mode": CreativeMode.REUSE}, "creative_mode"),
        ({"start_date": None}, "start_date"),
        ({"spot_length": None}, "spot_length"),
    ],
)
def test_an_incomplete_campaign_cannot_be_submitted(advertiser_a, card, changes, field):
    campaign = CampaignFactory(user=advertiser_a, **changes)
    before = snapshot(campaign)
    with pytest.raises(CampaignError) as error:
        services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    assert field in error.value.field_errors
    assert snapshot(campaign) == before


def test_submit_needs_the_terms_accepted(advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a)
    before = snapshot(campaign)
    with pytest.raises(CampaignError) as error:
        services.submit(campaign=campaign, user=advertiser_a, accept_terms=False)
    assert "accept_terms" in error.value.field_errors
    assert snapshot(campaign) == before
    assert Notification.objects.count() == 0


def test_submit_needs_bands(advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a, lines=[])
    with pytest.raises(CampaignError) as error:
        services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    assert "bands" in error.value.field_errors


def test_submit_refuses_dates_now_in_the_past(advertiser_a, card):
    start = TODAY() - timedelta(days=2)
    campaign = CampaignFactory(user=advertiser_a, start_date=start, end_date=start + timedelta(5))
    with pytest.raises(CampaignError) as error:
        services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    assert "start_date" in error.value.field_errors
    assert Campaign.objects.get(pk=campaign.pk).status == Status.DRAFT


def test_a_restricted_sector_needs_its_authorisation(advertiser_a, card):
    sector = BusinessSectorFactory(name="Alcool", slug="alcool", requires_authorization=True)
    campaign = CampaignFactory(user=advertiser_a, sector=sector)
    with pytest.raises(CampaignError) as error:
        services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    assert "authorization_document" in error.value.field_errors
    assert Campaign.objects.get(pk=campaign.pk).status == Status.DRAFT

    services.update_draft(
        campaign=campaign, user=advertiser_a, data={"authorization_document": pdf_file()}
    )
    services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    assert campaign.status == Status.SUBMITTED


def test_reuse_needs_an_approved_spot_attached(advertiser_a, card):
    old = CampaignFactory(user=advertiser_a, status=Status.FINISHED)
    spot = approved_spot(old)
    campaign = CampaignFactory(user=advertiser_a, creative_mode=CreativeMode.REUSE)
    services.reuse_spot(campaign=campaign, spot=spot, user=advertiser_a)
    services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    assert campaign.status == Status.SUBMITTED


def test_another_company_cannot_submit(advertiser_a, advertiser_b, card):
    campaign = CampaignFactory(user=advertiser_a)
    with pytest.raises(CampaignError):
        services.submit(campaign=campaign, user=advertiser_b, accept_terms=True)
    assert Campaign.objects.get(pk=campaign.pk).status == Status.DRAFT


def test_a_returned_campaign_is_submitted_again_and_repriced(advertiser_a, administrator, card):
    campaign = CampaignFactory(user=advertiser_a)
    services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    services.request_changes(campaign=campaign, actor=administrator, note="Précisez la cible")
    services.update_draft(
        campaign=campaign,
        user=advertiser_a,
        data={"bands": [{"band": "prime-time", "airings": 20}]},
    )
    services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    campaign.refresh_from_db()
    assert campaign.status == Status.SUBMITTED
    assert campaign.quote["airings"] == 20
    assert list(campaign.events.values_list("to_status", flat=True)) == [
        Status.SUBMITTED,
        Status.CHANGES_REQUESTED,
        Status.SUBMITTED,
    ]


def test_submit_without_a_card_is_refused(advertiser_a):
    campaign = CampaignFactory(user=advertiser_a)
    with pytest.raises(CampaignError):
        services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)


# --- The state machine --------------------------------------------------------------------

ALL_PAIRS = [
    (source, target)
    for source in Status
    for target in Status
    if target != Status.SUBMITTED and source != target
]


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_every_move_of_the_table(advertiser_a, administrator, card, source, target):
    campaign = CampaignFactory(user=advertiser_a, status=source)
    approved_spot(campaign)
    allowed = target in services.ALLOWED_MOVES[source]
    if allowed:
        services.transition(campaign=campaign, to_status=target, actor=administrator, note="Motif")
        campaign.refresh_from_db()
        assert campaign.status == target
        event = campaign.events.get()
        assert (event.from_status, event.to_status, event.actor, event.note) == (
            source,
            target,
            administrator,
            "Motif",
        )
        assert Notification.objects.filter(recipient=advertiser_a).count() == 1
        if target == Status.APPROVED:
            assert campaign.approved_at is not None
    else:
        with pytest.raises(CampaignError):
            services.transition(
                campaign=campaign, to_status=target, actor=administrator, note="Motif"
            )
        campaign.refresh_from_db()
        assert campaign.status == source
        assert not campaign.events.exists()
        assert not Notification.objects.exists()


def test_transition_never_submits(advertiser_a, administrator, card):
    campaign = CampaignFactory(user=advertiser_a)
    with pytest.raises(CampaignError):
        services.transition(campaign=campaign, to_status=Status.SUBMITTED, actor=advertiser_a)
    with pytest.raises(CampaignError):
        services.transition(campaign=campaign, to_status="bogus", actor=administrator)


@pytest.mark.parametrize("target", [Status.REFUSED, Status.CHANGES_REQUESTED])
def test_refusing_and_returning_need_a_note(advertiser_a, administrator, card, target):
    campaign = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    with pytest.raises(CampaignError) as error:
        services.transition(campaign=campaign, to_status=target, actor=administrator, note="  ")
    assert "note" in error.value.field_errors
    assert Campaign.objects.get(pk=campaign.pk).status == Status.SUBMITTED


@pytest.mark.parametrize(
    "target", [Status.APPROVED, Status.REFUSED, Status.CHANGES_REQUESTED, Status.IN_PRODUCTION]
)
def test_a_client_cannot_decide(advertiser_a, card, target):
    campaign = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    approved_spot(campaign)
    with pytest.raises(CampaignError):
        services.transition(campaign=campaign, to_status=target, actor=advertiser_a, note="x")
    assert Campaign.objects.get(pk=campaign.pk).status == Status.SUBMITTED


def test_approve_without_an_approved_spot_is_refused(advertiser_a, administrator, card):
    campaign = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    SpotFactory(campaign=campaign)  # pending
    SpotFactory(campaign=campaign, review_state=ReviewState.REFUSED, review_reason="Flou")
    with pytest.raises(CampaignError) as error:
        services.approve(campaign=campaign, actor=administrator)
    assert "spot" in error.value.message
    assert Campaign.objects.get(pk=campaign.pk).status == Status.SUBMITTED


def test_a_creation_request_goes_through_production(advertiser_a, administrator, card):
    campaign = CampaignFactory(
        user=advertiser_a, status=Status.SUBMITTED, creative_mode=CreativeMode.MAKE
    )
    with pytest.raises(CampaignError) as error:
        services.approve(campaign=campaign, actor=administrator)
    assert "production" in error.value.message
    services.start_production(campaign=campaign, actor=administrator)
    with pytest.raises(CampaignError):  # the made spot is not approved yet
        services.approve(campaign=campaign, actor=administrator)
    spot = SpotFactory(campaign=campaign, uploaded_by=administrator)
    services.review_spot(spot=spot, actor=administrator, approve=True)
    services.approve(campaign=campaign, actor=administrator)
    assert campaign.status == Status.APPROVED


def test_the_client_cancels_before_approval(advertiser_a, administrator, card):
    campaign = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    services.cancel(campaign=campaign, actor=advertiser_a)
    assert campaign.status == Status.CANCELLED
    assert campaign.events.get().actor == advertiser_a
    # the team that was reviewing it hears of it
    assert Notification.objects.filter(recipient=administrator).count() == 1


@pytest.mark.parametrize(
    "status", [Status.APPROVED, Status.SCHEDULED, Status.AIRING, Status.FINISHED, Status.REFUSED]
)
def test_cancel_only_before_approval(advertiser_a, administrator, card, status):
    campaign = CampaignFactory(user=advertiser_a, status=status)
    for actor in (advertiser_a, administrator):
        with pytest.raises(CampaignError):
            services.cancel(campaign=campaign, actor=actor)
    assert Campaign.objects.get(pk=campaign.pk).status == status


def test_another_company_cannot_cancel(advertiser_a, advertiser_b, card):
    campaign = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    with pytest.raises(CampaignError):
        services.cancel(campaign=campaign, actor=advertiser_b)
    assert Campaign.objects.get(pk=campaign.pk).status == Status.SUBMITTED


def test_scheduler_moves_need_no_actor(advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a, status=Status.APPROVED)
    services.transition(campaign=campaign, to_status=Status.SCHEDULED, actor=None)
    services.transition(campaign=campaign, to_status=Status.AIRING, actor=None)
    services.transition(campaign=campaign, to_status=Status.FINISHED, actor=None)
    assert list(campaign.events.values_list("actor", flat=True)) == [None, None, None]
    with pytest.raises(CampaignError):
        other = CampaignFactory(user=advertiser_a, status=Status.APPROVED)
        services.transition(campaign=other, to_status=Status.SCHEDULED, actor=advertiser_a)


def test_approval_notifies_the_client_only(advertiser_a, advertiser_b, administrator, card):
    campaign = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    approved_spot(campaign)
    services.approve(campaign=campaign, actor=administrator)
    note = Notification.objects.get()
    assert note.recipient == advertiser_a
    assert campaign.title in note.title
    assert note.url == campaign.get_absolute_url()


def test_a_stale_copy_gets_a_clear_error(advertiser_a, administrator, card):
    campaign = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    approved_spot(campaign)
    stale = Campaign.objects.get(pk=campaign.pk)
    services.approve(campaign=campaign, actor=administrator)
    with pytest.raises(CampaignError) as error:
        services.refuse(campaign=stale, actor=administrator, note="Trop tard")
    assert Campaign.objects.get(pk=campaign.pk).status == Status.APPROVED
    assert error.value.message


def test_bulk_approve_skips_what_cannot_be_approved(advertiser_a, administrator, card):
    ready = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    approved_spot(ready)
    without_spot = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    approved, skipped = services.bulk_approve(campaigns=[ready, without_spot], actor=administrator)
    assert [c.pk for c in approved] == [ready.pk]
    assert list(skipped) == [without_spot.pk]
    assert Campaign.objects.get(pk=without_spot.pk).status == Status.SUBMITTED


# --- Spots -------------------------------------------------------------------------------------


def test_review_spot(advertiser_a, administrator, card):
    spot = SpotFactory(campaign=CampaignFactory(user=advertiser_a, status=Status.SUBMITTED))
    with pytest.raises(CampaignError) as error:
        services.review_spot(spot=spot, actor=administrator, approve=False)
    assert "reason" in error.value.field_errors
    services.review_spot(spot=spot, actor=administrator, approve=False, reason="Son saturé")
    spot.refresh_from_db()
    assert (spot.review_state, spot.review_reason, spot.reviewed_by) == (
        ReviewState.REFUSED,
        "Son saturé",
        administrator,
    )
    assert "Son saturé" in Notification.objects.get(recipient=advertiser_a).body
    with pytest.raises(CampaignError):
        services.review_spot(spot=spot, actor=administrator, approve=True)

    new_version = SpotFactory(campaign=spot.campaign, replaces=spot)
    services.review_spot(spot=new_version, actor=administrator, approve=True)
    assert new_version.review_state == ReviewState.APPROVED
    assert list(spot.replaced_by.all()) == [new_version]


def test_a_client_cannot_review_a_spot(advertiser_a, card):
    spot = SpotFactory(campaign=CampaignFactory(user=advertiser_a))
    with pytest.raises(CampaignError):
        services.review_spot(spot=spot, actor=advertiser_a, approve=True)
    spot.refresh_from_db()
    assert spot.review_state == ReviewState.PENDING


def test_only_an_approved_spot_of_the_company_can_be_reused(advertiser_a, advertiser_b, card):
    theirs = approved_spot(CampaignFactory(user=advertiser_b, status=Status.FINISHED))
    pending = SpotFactory(campaign=CampaignFactory(user=advertiser_a, status=Status.FINISHED))
    campaign = CampaignFactory(user=advertiser_a)
    for spot in (theirs, pending):
        with pytest.raises(CampaignError):
            services.reuse_spot(campaign=campaign, spot=spot, user=advertiser_a)
    assert not campaign.spots.exists()


# --- Duplication ----------------------------------------------------------------------------


def test_duplicate_campaign(advertiser_a, administrator, card):
    original = CampaignFactory(user=advertiser_a, lines=[("prime-time", 8), ("matinee", 4)])
    services.submit(campaign=original, user=advertiser_a, accept_terms=True)
    spot = approved_spot(original)
    SpotFactory(campaign=original, review_state=ReviewState.REFUSED, review_reason="Non")

    copy = services.duplicate_campaign(campaign=original, user=advertiser_a)
    assert copy.pk != original.pk and copy.uuid != original.uuid
    assert copy.status == Status.DRAFT
    assert copy.advertiser == original.advertiser
    assert copy.title.startswith(original.title)
    assert (copy.product, copy.sector, copy.languages, copy.spot_length) == (
        original.product,
        original.sector,
        original.languages,
        original.spot_length,
    )
    assert sorted(copy.lines.values_list("band_code", "airings")) == [
        ("matinee", 4),
        ("prime-time", 8),
    ]
    assert not copy.is_quote_frozen and copy.quote_total == 0
    reused = copy.spots.get()
    assert (reused.reused_from, reused.image_id, reused.review_state) == (
        spot,
        spot.image_id,
        ReviewState.APPROVED,
    )
    assert copy.creative_mode == CreativeMode.REUSE
    # the copy can be submitted and approved on the reused spot
    services.submit(campaign=copy, user=advertiser_a, accept_terms=True)
    services.approve(campaign=copy, actor=administrator)
    assert copy.status == Status.APPROVED


def test_duplicate_forgets_past_dates(advertiser_a, card):
    start = TODAY() - timedelta(days=30)
    original = CampaignFactory(
        user=advertiser_a, status=Status.FINISHED, start_date=start, end_date=start + timedelta(5)
    )
    copy = services.duplicate_campaign(campaign=original, user=advertiser_a)
    assert copy.start_date is None and copy.end_date is None


def test_another_company_cannot_duplicate(advertiser_a, advertiser_b, card):
    original = CampaignFactory(user=advertiser_a)
    with pytest.raises(CampaignError):
        services.duplicate_campaign(campaign=original, user=advertiser_b)
    assert Campaign.objects.count() == 1


# --- Concurrency (PostgreSQL: SQLite serialises writers anyway) ------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_administrators_deciding_at_once(advertiser_a, administrator, card):
    other_admin = type(administrator).objects.get(pk=administrator.pk)
    campaign = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    approved_spot(campaign)
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def act(name, func):
        try:
            barrier.wait()
            func()
            results[name] = "won"
        except CampaignError as exc:
            results[name] = f"lost: {exc.message}"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(
            target=act,
            args=("approve", lambda: services.approve(campaign=campaign, actor=administrator)),
        ),
        threading.Thread(
            target=act,
            args=(
                "refuse",
                lambda: services.refuse(
                    campaign=Campaign.objects.get(pk=campaign.pk), actor=other_admin, note="Non"
                ),
            ),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(value.split(":")[0] for value in results.values()) == ["lost", "won"]
    final = Campaign.objects.get(pk=campaign.pk)
    winner = "approve" if results["approve"] == "won" else "refuse"
    assert final.status == (Status.APPROVED if winner == "approve" else Status.REFUSED)
    assert CampaignEvent.objects.filter(campaign=final).count() == 1


# --- Adding spots ----------------------------------------------------------------------------


def test_add_spot_and_a_new_version_of_a_refused_one(advertiser_a, administrator, card):
    from campaigns.tests.factories import image_factory_image

    campaign = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    first = services.add_spot(
        campaign=campaign, user=advertiser_a, kind="image", image=image_factory_image()
    )
    assert (first.review_state, first.advertiser, first.declared_length) == (
        ReviewState.PENDING,
        advertiser_a.advertiser,
        30,
    )
    assert Notification.objects.filter(recipient=administrator).count() == 1
    services.review_spot(spot=first, actor=administrator, approve=False, reason="Logo absent")
    second = services.add_spot(
        campaign=campaign,
        user=advertiser_a,
        kind="image",
        image=image_factory_image(),
        replaces=first,
    )
    assert second.replaces == first
    assert campaign.spots.count() == 2  # the history keeps both
    with pytest.raises(CampaignError):  # only a refused spot is replaced
        services.add_spot(
            campaign=campaign,
            user=advertiser_a,
            kind="image",
            image=image_factory_image(),
            replaces=second,
        )


def test_add_spot_is_refused_to_others_and_late(advertiser_a, advertiser_b, card):
    from campaigns.tests.factories import image_factory_image

    campaign = CampaignFactory(user=advertiser_a)
    with pytest.raises(CampaignError):
        services.add_spot(
            campaign=campaign, user=advertiser_b, kind="image", image=image_factory_image()
        )
    with pytest.raises(CampaignError):  # kind and file disagree
        services.add_spot(campaign=campaign, user=advertiser_a, kind="video", image=None)
    approved = CampaignFactory(user=advertiser_a, status=Status.APPROVED)
    with pytest.raises(CampaignError):
        services.add_spot(
            campaign=approved, user=advertiser_a, kind="image", image=image_factory_image()
        )
    assert not Spot.objects.exists()


def test_the_team_adds_the_made_spot_and_the_client_hears_of_it(advertiser_a, administrator, card):
    from campaigns.tests.factories import image_factory_image

    campaign = CampaignFactory(
        user=advertiser_a, status=Status.IN_PRODUCTION, creative_mode=CreativeMode.MAKE
    )
    services.add_spot(
        campaign=campaign, user=administrator, kind="image", image=image_factory_image()
    )
    assert Notification.objects.filter(recipient=advertiser_a).count() == 1
    assert not Notification.objects.filter(recipient=administrator).exists()
