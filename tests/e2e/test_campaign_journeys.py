"""Browser journeys of issue 4: an advertiser books a campaign from the simulator,
uploads its spot and submits; the commercial team reviews it in the Wagtail admin.

Two browser contexts share one test: the advertiser (phone) and the administrator
(desktop). The test body reads the database through the ORM only (Django's test
client cannot call async views beside Playwright's event loop)."""

from __future__ import annotations

import json
import re
import shutil
from datetime import timedelta

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
from campaigns import services
from campaigns.models import Campaign, ReviewState, Status
from campaigns.tests.factories import CampaignFactory
from campaigns.tests.media_fixtures import make_video
from simulator.api import quote_result
from simulator.demo import ensure_demo_rate_card
from simulator.selectors import current_pricing_data
from simulator.tests.simulator_pages import make_simulator_page
from tests.e2e.test_simulator import ensure_home_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# An amount as the pages show it: digits grouped by (narrow) no-break spaces, then FCFA.
SPACE = r"[\s\u202f\u00a0]*"


def fcfa(amount: int) -> re.Pattern:
    groups = f"{amount:,}".split(",")
    return re.compile(SPACE.join(groups) + SPACE + "FCFA")


def french_title(*parts: str) -> re.Pattern:
    """A notification title such as `Campagne « X » : approuvée`, whatever its
    spaces and quotation marks."""
    return re.compile(r"[\s«»:\u202f\u00a0]*".join(re.escape(part) for part in parts))


# --- Set-up -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spot_video(tmp_path_factory):
    """The advertiser's spot: 30 s of 1280×720 H.264 at 25 fps with an AAC 1 kHz
    tone at −23 LUFS (flat colour pictures: about 0.6 MB, a few seconds to make)."""
    return make_video(tmp_path_factory.mktemp("spots") / "spot-source.mp4", seconds=30)


@pytest.fixture
def spot_file(spot_video, tmp_path):
    """A copy of the spot under the name the advertiser gives it (the spot's title)."""

    def named(name: str):
        path = tmp_path / name
        shutil.copyfile(spot_video, path)
        return path

    return named


@pytest.fixture
def booking_site(settings):
    """The demo rate card and the simulator page; a sector without authorisation."""
    settings.SIMULATOR_API_RATE_PER_MINUTE = 1000
    cache.clear()
    ensure_demo_rate_card()
    ensure_home_page()
    make_simulator_page()
    yield BusinessSectorFactory(name="Boissons et jus", slug="boissons-et-jus")
    cache.clear()


@pytest.fixture
def people(booking_site):
    company = AdvertiserFactory(name="Faso Jus SARL", sector=booking_site)
    advertiser = AdvertiserUserFactory(
        email="awa.ouedraogo@fasojus.bf", first_name="Awa", advertiser=company
    )
    administrator = UserFactory(
        email="commercial@bf1.bf", first_name="Issa", roles=[Role.ADMINISTRATOR]
    )
    return advertiser, administrator


@pytest.fixture
def open_page(browser, live_server):
    """A page in a browser context of its own (its own cookies), closed at the end."""
    contexts = []

    def open_(viewport):
        context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=viewport)
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


def upload_spot(page, path, *, replaces: str | None = None) -> None:
    """Send a file with the chunked uploader and wait for its technical report."""
    expect(page.get_by_role("heading", name="Envoyer un spot")).to_be_visible()
    if replaces is not None:
        page.locator("#spot-replaces").select_option(label=replaces)
    page.set_input_files("#spot-file", str(path))
    page.get_by_role("button", name="Envoyer le spot").click()
    report = page.locator("#spot-report")
    expect(report).to_contain_text("Votre spot a bien été reçu", timeout=30_000)
    expect(report.get_by_role("heading", name="Rapport technique")).to_be_visible()
    # The facts a broadcaster needs, read from the file's content.
    for fact in ("mp4", "h264", "1280×720", "25/1", "30.0 s", "-23.0 LUFS"):
        expect(report).to_contain_text(fact)
    expect(report).not_to_contain_text("refusé")


def play_spot(admin, video) -> None:
    """The administrator plays the spot in the campaign's admin page (Debian's
    Chromium decodes H.264 and AAC, so the spot really plays there)."""
    src = video.get_attribute("src")
    assert src and src.startswith("/media/"), src
    can_play = video.evaluate("v => v.canPlayType('video/mp4; codecs=\"avc1.42E01E, mp4a.40.2\"')")
    if can_play:
        played = video.evaluate(
            """async (v) => {
                v.muted = true;
                await v.play();
                const deadline = Date.now() + 10000;
                await new Promise((resolve, reject) => {
                    const check = () => {
                        if (v.currentTime > 0.2) resolve();
                        else if (Date.now() > deadline) reject(new Error("the spot does not play"));
                        else setTimeout(check, 50);
                    };
                    check();
                });
                v.pause();
                return {time: v.currentTime, duration: v.duration, width: v.videoWidth};
            }"""
        )
        assert played["time"] > 0.2
        assert round(played["duration"]) == 30
        assert played["width"] == 1280
    else:
        # A Chromium built without H.264 cannot decode the spot: check instead that
        # the player's source answers with the video, for the admin's session.
        response = admin.request.get(src)
        assert response.status == 200
        assert response.headers["content-type"] == "video/mp4"
        assert len(response.body()) > 100_000


def quote_total(start, end) -> int:
    data, status = quote_result(
        json.dumps(
            {
                "spot_length": 30,
                "start_date": start.isoformat(),
                "end_date": end.isoformat(),
                "bands": [{"band": "prime-time", "airings": 10}],
            }
        ).encode(),
        current_pricing_data(),
    )
    assert status == 200, data
    return data["total"]


# --- Journeys -----------------------------------------------------------------------


def test_advertiser_books_from_simulator_and_admin_approves(
    open_page, people, booking_site, spot_file
):
    advertiser, administrator = people
    start = timezone.localdate() + timedelta(days=30)
    end = start + timedelta(days=13)
    total = quote_total(start, end)
    title = "Bissap Faso — lancement"

    client = open_page(PHONE)
    log_in(client, advertiser.email, "/campaigns/")

    # The simulator prices the campaign; "Réserver" opens the wizard with it.
    client.goto(
        f"/simulateur/?spot_length=30&start_date={start.isoformat()}"
        f"&end_date={end.isoformat()}&bands=prime-time:10"
    )
    live = client.locator("[data-sim=live]")
    expect(live.locator("[data-sim=total]")).to_have_text(fcfa(total))
    live.get_by_role("link", name=re.compile("Réserver")).click()
    client.wait_for_url(re.compile(r"/campaigns/create/\?"))

    # Step 1: the campaign.
    client.fill("#id_title", title)
    client.fill("#id_product", "Bissap Faso")
    client.locator("#id_sector").select_option(label="Boissons et jus")
    client.locator("#id_objective").select_option("awareness")
    client.locator("input[name=languages][value=fr]").check()
    client.locator("input[name=languages][value=mos]").check()
    client.fill("#id_target_audience", "Familles de Ouagadougou et de Bobo-Dioulasso")
    client.fill("#id_key_message", "Le goût du Faso, frais chaque jour.")
    client.get_by_role("button", name="Enregistrer et continuer").click()
    client.wait_for_url(re.compile(r"/edit/\?step=2$"))

    # Step 2: the simulator's airtime is there, priced live.
    assert client.input_value("#id_spot_length") == "30"
    assert client.input_value("#id_start_date") == start.isoformat()
    assert client.input_value("#id_end_date") == end.isoformat()
    expect(client.locator("input[name=band][value=prime-time]")).to_be_checked()
    assert client.input_value("input[name=airings_prime-time]") == "10"
    # The live quote is only computed on a change of the form (campaign_wizard.js
    # sends nothing on load, and the page prices saved lines only): typing the
    # airings again, as a client checking them would, brings it.
    client.fill("input[name=airings_prime-time]", "10")
    expect(client.locator("#live-quote")).to_contain_text(fcfa(total))
    client.get_by_role("button", name="Enregistrer et continuer").click()
    client.wait_for_url(re.compile(r"step=3$"))

    # Step 3: "I provide my spot".
    client.locator("input[name=creative_mode][value=provide]").check()
    client.get_by_role("button", name="Enregistrer et continuer").click()
    client.wait_for_url(re.compile(r"step=4$"))
    expect(client.locator("main")).to_contain_text(title)
    expect(client.locator("main")).to_contain_text(fcfa(total))

    # Before submitting, the advertiser uploads the spot from the campaign's page.
    client.get_by_role("link", name="Enregistrer pour plus tard").click()
    client.wait_for_url(re.compile(r"/campaigns/[0-9a-f-]{36}/$"))
    client.get_by_role("link", name="Envoyer un spot").click()
    upload_spot(client, spot_file("spot-bissap-30s.mp4"))

    client.get_by_role("link", name="Voir la campagne").click()
    spot_card = client.locator("[data-spot]")
    expect(spot_card).to_have_count(1)
    expect(spot_card).to_contain_text("spot-bissap-30s")
    expect(spot_card).to_contain_text("en attente de validation")
    expect(spot_card).to_contain_text("1280×720")

    # Back to the review step: accept the terms and submit.
    client.get_by_role("link", name="Modifier").click()
    client.wait_for_url(re.compile(r"step=4$"))
    client.locator("input[name=accept_terms]").check()
    client.get_by_role("button", name="Soumettre la campagne").click()
    client.wait_for_url(re.compile(r"/campaigns/[0-9a-f-]{36}/$"))
    expect(client.locator("[data-status]").first).to_have_text(re.compile("soumise", re.I))

    campaign = Campaign.objects.get(advertiser=advertiser.advertiser)
    assert campaign.status == Status.SUBMITTED
    assert campaign.quote_total == total
    assert [line.band_code for line in campaign.lines.all()] == ["prime-time"]
    spot = campaign.spots.get()
    assert spot.review_state == ReviewState.PENDING
    assert spot.technical_report["duration"] == pytest.approx(30, abs=0.1)

    # The administrator finds the campaign in the "Campagnes" menu of the admin.
    admin = open_page(DESKTOP)
    log_in(admin, administrator.email, "/admin/")
    admin.get_by_role("button", name="Campagnes").click()
    admin.get_by_role("link", name="À examiner", exact=True).click()
    admin.wait_for_url(re.compile(re.escape(reverse("campaign_review:index")) + "$"))
    admin.get_by_role("link", name=title).click()
    admin.wait_for_url(
        re.compile(re.escape(reverse("campaign_review:inspect", args=[campaign.pk])) + "$")
    )
    expect(admin.locator("main")).to_contain_text("Faso Jus SARL")
    expect(admin.locator("main")).to_contain_text(fcfa(total))

    video = admin.locator("main video")
    expect(video).to_have_count(1)
    play_spot(admin, video)

    # Approve the spot, then the campaign, each through its confirmation page.
    admin.get_by_role("link", name="Approuver le spot").click()
    admin.get_by_role("button", name="Oui, approuver le spot").click()
    admin.wait_for_url(re.compile(r"/inspect/\d+/$"))
    expect(admin.get_by_role("link", name="Approuver le spot")).to_have_count(0)
    admin.get_by_role("link", name="Approuver", exact=True).click()
    admin.get_by_role("button", name="Oui, approuver").click()
    admin.wait_for_url(re.compile(r"/inspect/\d+/$"))
    expect(admin.locator("main")).to_contain_text("approuvée")

    campaign.refresh_from_db()
    spot.refresh_from_db()
    assert spot.review_state == ReviewState.APPROVED
    assert spot.reviewed_by == administrator
    assert campaign.status == Status.APPROVED
    assert campaign.events.filter(to_status=Status.APPROVED, actor=administrator).exists()

    # The advertiser is told, and the campaign shows as approved.
    client.goto("/notifications/")
    expect(client.get_by_text(french_title("Campagne", title, "approuvée")).first).to_be_visible()
    expect(client.get_by_text(french_title("Spot approuvé pour", title)).first).to_be_visible()
    client.goto(campaign.get_absolute_url())
    expect(client.locator("[data-status]").first).to_have_text(re.compile("approuvée", re.I))
    expect(client.locator("[data-spot]")).to_contain_text("approuvé")


def test_refused_spot_is_uploaded_again(open_page, people, booking_site, spot_file):
    advertiser, administrator = people
    reason = "Le logo de la marque est illisible dans les cinq dernières secondes"
    # Booking is the first journey's business: this campaign is submitted directly.
    campaign = CampaignFactory(
        user=advertiser, title="Lait caillé Sahel — rentrée", sector=booking_site
    )
    services.submit(campaign=campaign, user=advertiser, accept_terms=True)

    client = open_page(PHONE)
    log_in(client, advertiser.email, "/campaigns/")
    client.goto(campaign.get_absolute_url())
    client.get_by_role("link", name="Envoyer un spot").click()
    upload_spot(client, spot_file("spot-lait-v1.mp4"))
    first = campaign.spots.get()

    # The administrator refuses the spot: a reason is required.
    admin = open_page(DESKTOP)
    log_in(admin, administrator.email, "/admin/")
    admin.goto(reverse("campaign_review:inspect", args=[campaign.pk]))
    expect(admin.locator("main video")).to_have_count(1)
    admin.get_by_role("link", name="Refuser le spot").click()
    admin.get_by_role("button", name="Oui, refuser le spot").click()
    expect(admin.locator(".error-message").first).to_be_visible()
    first.refresh_from_db()
    assert first.review_state == ReviewState.PENDING
    admin.get_by_label("Motif du refus du spot").fill(reason)
    admin.get_by_role("button", name="Oui, refuser le spot").click()
    admin.wait_for_url(re.compile(r"/inspect/\d+/$"))
    expect(admin.locator("main")).to_contain_text(reason)

    first.refresh_from_db()
    assert first.review_state == ReviewState.REFUSED
    assert first.review_reason == reason

    # The advertiser is told why, and sends a new version of the refused spot.
    client.goto("/notifications/")
    expect(
        client.get_by_text(french_title("Spot refusé pour", campaign.title)).first
    ).to_be_visible()
    client.goto(campaign.get_absolute_url())
    refused = client.locator(f"[data-spot='{first.uuid}']")
    expect(refused).to_contain_text("refusé")
    expect(refused).to_contain_text(reason)

    client.get_by_role("link", name="Envoyer un spot").click()
    upload_spot(client, spot_file("spot-lait-v2.mp4"), replaces="spot-lait-v1")
    client.get_by_role("link", name="Voir la campagne").click()

    # Both versions stay in the history: the refused one, and the new one to review.
    new = campaign.spots.exclude(pk=first.pk).get()
    assert new.replaces == first
    assert new.review_state == ReviewState.PENDING
    first.refresh_from_db()
    assert first.review_state == ReviewState.REFUSED
    expect(client.locator("[data-spot]")).to_have_count(2)
    expect(refused).to_contain_text(reason)
    newer = client.locator(f"[data-spot='{new.uuid}']")
    expect(newer).to_contain_text("spot-lait-v2")
    expect(newer).to_contain_text("en attente de validation")

    # The commercial team can review the new version.
    admin.reload()
    expect(admin.get_by_role("link", name="Approuver le spot")).to_have_count(1)
    expect(admin.locator("main video")).to_have_count(2)
