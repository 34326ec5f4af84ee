"""Browser journey of issue 5: an administrator approves a campaign; its airings
appear on the broadcaster's planning dashboard, open in another browser, without
a reload; the broadcaster confirms one and marks one missed; the make-good
appears; the advertiser sees what aired and what was missed in `/broadcasts/`
and downloads the certificate, whose code verifies on `/verify/<code>/`.

The pages are served by daphne (`asgi_live_server`, tests/e2e/asgi_server.py),
not by pytest-django's WSGI live server: the dashboard's update arrives over its
WebSocket (`/ws/diffusion/planning/`), well before its one-minute refresh. The
test body reads and prepares the database through the ORM only."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import (
    DEFAULT_PASSWORD,
    AdvertiserFactory,
    AdvertiserUserFactory,
    BusinessSectorFactory,
    UserFactory,
)
from broadcasting.models import Airing, AiringStatus, Break, BroadcastCertificate
from campaigns import services
from campaigns.models import ReviewState, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory
from core import clock as broadcast_day
from simulator.demo import ensure_demo_rate_card

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}
DESKTOP = {"width": 1366, "height": 900}
TITLE = "Faso Lait — rentrée scolaire"
# The dashboard refreshes itself every minute even with its socket open: an update
# seen well within that comes from the WebSocket.
PUSHED_WITHIN_MS = 10_000


@pytest.fixture
def open_page(browser, asgi_live_server):
    """A page of its own browser context (its own cookies) on the ASGI server."""
    contexts = []

    def open_(viewport):
        context = browser.new_context(
            base_url=asgi_live_server.url, locale="fr-FR", viewport=viewport
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def log_in(page, email: str, lands_on: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.locator("form#login-form [type=submit]").click()
    page.wait_for_url(re.compile(re.escape(lands_on) + "$"))


def add_break(day: dt.date, starts_at: dt.datetime, label: str) -> Break:
    return Break.objects.create(
        day=day, starts_at=starts_at, band_code="prime-time", capacity=180, label=label
    )


@pytest.fixture
def station():
    """The demo rate card; the people; a submitted campaign of 4 prime-time
    airings from today's broadcast day to a week later, with its approved image
    spot; two breaks today starting in a few minutes and three tomorrow.

    The scheduler spreads 4 airings over the 2 days that have breaks: two today
    (both breaks), two tomorrow, which leaves one break tomorrow for the
    make-good of the airing that will be missed."""
    cache.clear()
    ensure_demo_rate_card()
    sector = BusinessSectorFactory(name="Produits laitiers", slug="produits-laitiers")
    company = AdvertiserFactory(name="Laiterie du Faso SA", sector=sector)
    advertiser = AdvertiserUserFactory(
        email="mariam.kabore@laiterie-faso.bf", first_name="Mariam", advertiser=company
    )
    administrator = UserFactory(
        email="commercial@bf1.bf", first_name="Issa", roles=[Role.ADMINISTRATOR]
    )
    broadcaster = UserFactory(email="regie@bf1.bf", first_name="Salif", roles=[Role.BROADCASTER])

    today = broadcast_day.today()
    # Between midnight and 05:00 the broadcast day is still the previous date:
    # booking accepts it as "today".
    campaign = CampaignFactory(
        user=advertiser,
        title=TITLE,
        sector=sector,
        start_date=today,
        end_date=today + dt.timedelta(days=7),
        lines=[("prime-time", 4)],
    )
    SpotFactory(
        campaign=campaign,
        review_state=ReviewState.APPROVED,
        reviewed_by=administrator,
        reviewed_at=timezone.now(),
    )
    services.submit(campaign=campaign, user=advertiser, accept_terms=True)

    now = timezone.now().replace(second=0, microsecond=0)
    add_break(today, now + dt.timedelta(minutes=4), "Flash info")
    add_break(today, now + dt.timedelta(minutes=7), "Avant le film")
    tomorrow = today + dt.timedelta(days=1)
    for hour, minute, label in ((19, 25, "Avant JT 19h30"), (20, 55, "Après JT"), (22, 10, "Film")):
        add_break(tomorrow, broadcast_day.starts_at(tomorrow, dt.time(hour, minute)), label)
    yield {
        "campaign": campaign,
        "advertiser": advertiser,
        "administrator": administrator,
        "broadcaster": broadcaster,
        "today": today,
        "tomorrow": tomorrow,
    }
    cache.clear()


def test_approved_campaign_airs_and_is_certified(open_page, station):
    campaign = station["campaign"]
    today, tomorrow = station["today"], station["tomorrow"]
    assert campaign.status == Status.SUBMITTED

    # Browser A: the broadcaster watches today's running order, its socket live.
    regie = open_page(TABLET)
    log_in(regie, station["broadcaster"].email, reverse("broadcasting:dashboard"))
    today_breaks = regie.locator("[data-break]")
    expect(today_breaks).to_have_count(2)
    expect(regie.locator("[data-airing]")).to_have_count(0)
    expect(regie.locator("[data-live-status]")).to_have_attribute("data-mode", "live")
    regie.evaluate("window.__sameDocument = 'no reload'")

    # Browser B: the administrator approves the campaign in the Wagtail admin; the
    # scheduler places it at once (django-q2 runs in sync mode in the tests).
    admin = open_page(DESKTOP)
    log_in(admin, station["administrator"].email, reverse("wagtailadmin_home"))
    admin.goto(reverse("campaign_review:inspect", args=[campaign.pk]))
    expect(admin.locator("main")).to_contain_text("Laiterie du Faso SA")
    admin.get_by_role("link", name="Approuver", exact=True).click()
    admin.get_by_role("button", name="Oui, approuver").click()
    admin.wait_for_url(re.compile(r"/inspect/\d+/$"))

    campaign.refresh_from_db()
    assert campaign.status == Status.SCHEDULED
    airings = list(Airing.objects.filter(campaign=campaign).order_by("break_slot__starts_at"))
    assert [a.break_slot.day for a in airings] == [today, today, tomorrow, tomorrow]
    first, second = airings[0], airings[1]

    # Browser A: today's two airings appear in their breaks, and in the alert of
    # the next minutes, pushed over the WebSocket into the same document.
    shown = regie.locator("[data-airing]")
    expect(shown).to_have_count(2, timeout=PUSHED_WITHIN_MS)
    for airing in (first, second):
        row = regie.locator(f"#break-{airing.break_slot_id} [data-airing='{airing.pk}']")
        expect(row).to_contain_text("Laiterie du Faso SA")
        expect(row).to_contain_text(TITLE)
        expect(row).to_have_attribute("data-status", "planned")
        expect(regie.locator(f"[data-upcoming-airing='{airing.pk}']")).to_be_visible()
    assert regie.evaluate("window.__sameDocument") == "no reload"

    # Time passes: both breaks have started (their start moved into the past).
    now = timezone.now()
    Break.objects.filter(pk=first.break_slot_id).update(starts_at=now - dt.timedelta(minutes=12))
    Break.objects.filter(pk=second.break_slot_id).update(starts_at=now - dt.timedelta(minutes=6))
    regie.reload()
    expect(regie.locator("[data-late-count]")).to_have_text("2")

    # The first spot aired: confirmed.
    first_row = regie.locator(f"[data-airing='{first.pk}']")
    first_row.locator("[data-action=aired]").click()
    expect(first_row).to_have_attribute("data-status", "aired")
    expect(first_row.locator("[data-badge]")).to_have_attribute("data-badge", "aired")

    # The second did not: marked missed, with the reason.
    reason = "Coupure d'alimentation de la régie pendant la pause"
    second_row = regie.locator(f"[data-airing='{second.pk}']")
    second_row.locator("[data-action=missed]").click()
    second_row.locator(f"#reason-{second.pk}").fill(reason)
    second_row.get_by_role("button", name="Marquer comme manquée").click()
    expect(second_row).to_have_attribute("data-status", "missed")
    expect(second_row).to_contain_text(reason)
    expect(regie.locator("[data-late-count]")).to_have_text("0")

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == AiringStatus.AIRED
    assert first.confirmed_by == station["broadcaster"]
    assert second.status == AiringStatus.MISSED
    assert second.missed_reason == reason
    make_good = second.make_good
    assert make_good.status == AiringStatus.PLANNED
    assert make_good.break_slot.day == tomorrow
    assert make_good.break_slot.band_code == "prime-time"
    offered_on = f"{timezone.localtime(make_good.break_slot.starts_at):%d/%m/%Y %H:%M}"
    expect(second_row.locator("[data-make-good]")).to_contain_text("Rattrapage proposé le")
    expect(second_row.locator("[data-make-good]")).to_contain_text(offered_on)

    # The make-good is in tomorrow's running order, in the break left free.
    regie.locator("[data-nav=next]").click()
    regie.wait_for_url(re.compile(re.escape(f"date={tomorrow.isoformat()}")))
    make_good_row = regie.locator(
        f"#break-{make_good.break_slot_id} [data-airing='{make_good.pk}']"
    )
    expect(make_good_row).to_have_attribute("data-status", "make_good")
    missed_at = f"{timezone.localtime(second.break_slot.starts_at):%d/%m/%Y %H:%M}"
    expect(make_good_row.locator("[data-replaces]")).to_contain_text(
        "Rattrapage de la diffusion manquée du"
    )
    expect(make_good_row.locator("[data-replaces]")).to_contain_text(missed_at)
    expect(regie.locator("[data-airing]")).to_have_count(3)

    # Browser C: the advertiser sees what aired and what was missed.
    client = open_page(PHONE)
    log_in(client, station["advertiser"].email, reverse("campaigns:dashboard"))
    client.goto(f"{reverse('broadcasts:calendar')}?month={today:%Y-%m}")
    expect(client.locator("[data-count=aired]")).to_have_text("1")
    expect(client.locator("[data-count=missed]")).to_have_text("1")
    day_cell = client.locator(f"[data-day='{today.isoformat()}']")
    expect(day_cell.locator("[data-airing][data-status=aired]")).to_have_count(1)
    expect(day_cell.locator("[data-airing][data-status=missed]")).to_have_count(1)

    # The certificate of the campaign, downloaded as a PDF.
    client.locator("#campaign-filter").select_option(label=TITLE)
    client.wait_for_url(re.compile(r"campaign=" + str(campaign.uuid)))
    certificate_link = client.get_by_role(
        "link", name=re.compile("Attestation de toute la campagne")
    )
    with client.expect_download() as download_info:
        certificate_link.click()
    download = download_info.value
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    match = re.fullmatch(r"attestation-diffusion-([A-Z2-7-]+)\.pdf", download.suggested_filename)
    assert match, download.suggested_filename
    code = match.group(1)

    certificate = BroadcastCertificate.objects.get(campaign=campaign)
    assert certificate.display_code == code
    assert certificate.aired_count == 1
    assert certificate.airing_ids == [first.pk]
    # The code is printed in the PDF too (its title, in the uncompressed metadata).
    assert code.encode() in pdf

    # Anyone holding the certificate checks its code on BF1's site.
    visitor = open_page(PHONE)
    visitor.goto(reverse("verify:certificate", kwargs={"code": code}))
    expect(visitor.locator("[data-verdict]")).to_have_attribute("data-verdict", "genuine")
    expect(visitor.locator("[data-verdict]")).to_contain_text("Attestation authentique")
    summary = visitor.locator("[data-summary]")
    expect(summary).to_contain_text(code)
    expect(summary).to_contain_text("Laiterie du Faso SA")
    expect(summary).to_contain_text(TITLE)
    expect(summary.locator("[data-aired-count]")).to_have_text("1")
