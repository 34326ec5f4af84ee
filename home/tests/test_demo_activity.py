"""seed_demo fills the site so that every persona meets a living screen: campaigns
in every status, today's and this week's airings (aired, planned, one missed with
its make-good), a certificate, notifications, crew, a vehicle and coverage
requests; idempotent; and it prints where each persona lands."""

import pytest
from django.db.models import Count

from accounts.models import Advertiser, User
from broadcasting.models import Airing, Break, BroadcastCertificate
from broadcasting.models.airing import AiringStatus
from campaigns.models import Campaign, CampaignEvent, Spot, Status
from core import clock
from editorial.models import (
    Assignment,
    CoverageRequest,
    CoverageStatus,
    CrewMember,
    Mission,
    Vehicle,
)
from notifications.models import Notification

from .utils import login, run_seed

pytestmark = pytest.mark.django_db

CLIENT = "annonceur@demo.bf1.bf"


def counts() -> dict[str, int]:
    models = [
        Advertiser, User, Campaign, CampaignEvent, Spot, Airing, Break, BroadcastCertificate,
        Notification, CrewMember, Vehicle, CoverageRequest, Mission, Assignment,
    ]  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def test_campaigns_in_every_status_with_airings_this_week(seeded):
    assert set(Campaign.objects.values_list("status", flat=True)) == set(Status.values)
    client = User.objects.get(email=CLIENT)
    own = Campaign.objects.filter(advertiser=client.advertiser)
    assert set(own.values_list("status", flat=True)) == set(Status.values)
    assert Advertiser.objects.annotate(n=Count("campaigns")).filter(n__gt=0).count() >= 4
    assert all(c.quote_total > 0 for c in Campaign.objects.exclude(status=Status.DRAFT))

    today = clock.today()
    todays = Airing.objects.filter(break_slot__day=today)
    assert todays.filter(status=AiringStatus.AIRED).exists()
    assert todays.filter(status=AiringStatus.PLANNED).exists()
    assert todays.values("advertiser").distinct().count() >= 2
    week = Airing.objects.filter(break_slot__day__gt=today).filter(status=AiringStatus.PLANNED)
    assert week.values("break_slot__day").distinct().count() >= 3

    missed = Airing.objects.get(status=AiringStatus.MISSED)
    assert missed.advertiser == client.advertiser
    make_good = missed.make_good
    assert make_good.status == AiringStatus.PLANNED
    assert make_good.break_slot.starts_at > missed.break_slot.starts_at
    assert make_good.break_slot_id != missed.break_slot_id

    certificate = BroadcastCertificate.objects.get()
    assert certificate.campaign.status == Status.FINISHED
    assert certificate.aired_count >= 1
    assert Notification.objects.filter(recipient=client).count() >= 3
    # the counters of every break match its airings
    for brk in Break.objects.filter(airings__isnull=False).distinct():
        booked = sum(a.length for a in brk.airings.filter(status__in=["planned", "aired"]))
        assert brk.booked_seconds == booked


def test_newsroom_has_crew_a_vehicle_and_requests_in_several_statuses(seeded):
    assert CrewMember.objects.count() >= 5
    assert Vehicle.objects.count() == 1
    assert set(CoverageRequest.objects.values_list("status", flat=True)) >= {
        CoverageStatus.NEW,
        CoverageStatus.REVIEWING,
        CoverageStatus.ACCEPTED,
        CoverageStatus.REFUSED,
    }
    mission = Mission.objects.get(request__status=CoverageStatus.ACCEPTED)
    assert mission.vehicle is not None
    assert mission.assignments.filter(is_active=True).count() == 3


def test_running_it_again_changes_nothing(seeded, settings):
    settings.DEBUG = True
    before = counts()
    output = run_seed()
    assert counts() == before
    assert "0 campagne(s), 0 passage(s)" in output


def test_prints_where_each_persona_lands(seeded, settings):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8100"
    output = run_seed()
    for path, email in [
        ("/campaigns/", CLIENT),
        ("/admin/", "admin@demo.bf1.bf"),
        ("/diffusion/", "diffuseur@demo.bf1.bf"),
        ("/admin/editorial/", "redaction@demo.bf1.bf"),
    ]:
        assert f"http://127.0.0.1:8100{path}  ({email})" in output
    assert "http://127.0.0.1:8100/dev/outbox/" in output


def test_personas_see_a_living_screen(client, seeded):
    login(client, User.objects.get(email=CLIENT))
    content = client.get("/campaigns/").content.decode()
    assert "Jus Sahel" in content and "Offre Tabaski" in content
    assert client.get("/broadcasts/").status_code == 200
    client.logout()
    login(client, User.objects.get(email="diffuseur@demo.bf1.bf"))
    content = client.get("/diffusion/").content.decode()
    assert "Brasserie du Faso" in content


def test_the_home_page_promises_the_invoices_the_client_area_now_gives(client, seeded):
    """Billing has landed: the home page says invoices are downloaded, and the
    demo client finds its issued invoice in /billing/."""
    content = client.get("/").content.decode()
    assert "devis" in content and "vos factures" in content
    login(client, User.objects.get(email=CLIENT))
    billing = client.get("/billing/").content.decode()
    assert "FA-" in billing
