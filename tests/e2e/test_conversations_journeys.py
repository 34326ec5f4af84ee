"""Browser journeys of issue 17 (conversations), served by daphne so that the
pages' WebSockets (/ws/messages/, /ws/messages/<id>/) are live:

- an advertiser asks a question from the "Messages" panel of a campaign; a
  commercial administrator finds it in the admin inbox, takes it and answers;
  the advertiser's "Messages" counter goes up on the page they are on, without a
  reload; a second answer appears in the open thread; the advertiser replies
  with a PDF; the administrator closes the thread;
- a broadcaster reports "son absent" on an airing from /diffusion/; the
  commercial team shares the report with the advertiser, who sends a new video
  file in the thread.

The live update tests of one thread are in test_conversation_live.py."""

from __future__ import annotations

import datetime as dt
import re

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
from broadcasting.models import Airing, AiringStatus, Break
from campaigns.models import Campaign, ReviewState, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory
from campaigns.tests.media_fixtures import make_video
from conversations.models import (
    Attachment,
    ProblemType,
    Thread,
    ThreadEventKind,
    ThreadKind,
    ThreadStatus,
)
from core import clock as broadcast_day

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# The pages poll every 30 s without their socket: sooner means the socket.
PUSHED_WITHIN_MS = 10_000
TITLE = "Faso Lait — rentrée scolaire"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def open_page(browser, asgi_live_server):
    """A page of its own browser context (its own cookies) on the ASGI server."""
    contexts = []

    def open_(viewport=PHONE):
        context = browser.new_context(
            base_url=asgi_live_server.url, locale="fr-FR", viewport=viewport
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def log_in(page, email: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.locator("form#login-form [type=submit]").click()
    page.wait_for_url(re.compile(r".*/(campaigns|admin|messages|diffusion)/.*$"))


@pytest.fixture
def people():
    cache.clear()
    sector = BusinessSectorFactory(name="Produits laitiers", slug="produits-laitiers")
    company = AdvertiserFactory(name="Laiterie du Faso SA", sector=sector)
    advertiser = AdvertiserUserFactory(
        email="mariam.kabore@laiterie-faso.bf", first_name="Mariam", advertiser=company
    )
    administrator = UserFactory(
        email="commercial@bf1.bf", first_name="Issa", roles=[Role.ADMINISTRATOR]
    )
    today = broadcast_day.today()
    campaign = CampaignFactory(
        user=advertiser,
        title=TITLE,
        sector=sector,
        start_date=today,
        end_date=today + dt.timedelta(days=7),
        lines=[("prime-time", 4)],
    )
    yield {"advertiser": advertiser, "administrator": administrator, "campaign": campaign}
    cache.clear()


def unread_badge(page):
    return page.locator("[data-unread-messages]").first


def test_a_question_on_a_campaign_is_answered_live_and_closed(open_page, people, tmp_path):
    campaign = people["campaign"]

    # The advertiser asks from the "Messages" panel of the campaign page.
    client = open_page(PHONE)
    log_in(client, people["advertiser"].email)
    client.goto(campaign.get_absolute_url())
    panel = client.locator("[data-conversation-panel]")
    expect(panel).to_contain_text("Aucune conversation")
    panel.get_by_role("link", name="Poser une question sur cette campagne").click()
    expect(client.locator("[data-subject]")).to_contain_text(TITLE)
    client.fill("textarea[name=body]", "Pouvez-vous avancer le premier passage au lundi ?")
    client.get_by_role("button", name="Envoyer").click()
    client.wait_for_url(re.compile(r"/messages/\d+/$"))
    thread = Thread.objects.get(advertiser=people["advertiser"].advertiser)
    assert (thread.kind, thread.subject_type, thread.subject_id) == (
        ThreadKind.QUESTION,
        "campaign",
        campaign.pk,
    )
    expect(client.locator("[data-thread-messages] > li")).to_have_count(1)

    # Back on the campaign page: the thread is listed, nothing unread.
    client.goto(campaign.get_absolute_url())
    expect(panel.locator(f"[data-thread='{thread.pk}']")).to_be_visible()
    expect(unread_badge(client)).to_have_attribute("data-unread-messages", "0")
    client.evaluate("window.__sameDocument = 'no reload'")

    # The commercial administrator finds it among the unassigned, takes it, answers.
    admin = open_page(DESKTOP)
    log_in(admin, people["administrator"].email)
    admin.goto(reverse("conversations_admin:inbox"))
    row = admin.locator(f"tr[data-thread='{thread.pk}']")
    expect(row).to_contain_text("Laiterie du Faso SA")
    row.get_by_role("link", name=thread.title).click()
    admin.wait_for_url(re.compile(rf"/admin/messages/{thread.pk}/$"))
    admin.get_by_role("button", name="M’attribuer").click()
    expect(admin.locator("[data-event=assigned]")).to_be_visible()
    thread.refresh_from_db()
    assert thread.assignee_id == people["administrator"].pk
    admin.fill("#id_body", "Bonjour Mariam, c’est possible : **lundi à 19 h 25**.")
    admin.get_by_role("button", name="Envoyer").click()
    expect(admin.locator("main")).to_contain_text("lundi à 19 h 25")

    # The advertiser's counter goes up on the campaign page, without a reload.
    expect(unread_badge(client)).to_have_attribute(
        "data-unread-messages", "1", timeout=PUSHED_WITHIN_MS
    )
    client.get_by_role("button", name="Ouvrir le menu").click()
    shown = client.locator("[data-unread-messages]:visible")
    expect(shown.locator("[data-count-text]")).to_have_text("1")
    expect(shown).to_contain_text("1 conversation non lue")
    assert client.evaluate("window.__sameDocument") == "no reload"

    # They open the thread: the answer is there, from BF1, and now read.
    client.goto(reverse("conversations:thread", args=[thread.pk]))
    messages = client.locator("[data-thread-messages] > li")
    expect(messages).to_have_count(2)
    expect(messages.nth(1)).to_contain_text("BF1 · Issa")
    expect(messages.nth(1).locator("strong")).to_have_text("lundi à 19 h 25")
    expect(unread_badge(client)).to_have_attribute("data-unread-messages", "0")

    # A second answer appears in the open thread without a reload.
    admin.fill("#id_body", "Je vous envoie le planning modifié dans la journée.")
    admin.get_by_role("button", name="Envoyer").click()
    expect(messages).to_have_count(3, timeout=PUSHED_WITHIN_MS)
    expect(messages.nth(2)).to_contain_text("planning modifié")

    # The advertiser replies with a PDF.
    pdf = tmp_path / "bon-de-commande.pdf"
    pdf.write_bytes(PDF)
    form = client.locator("form[data-reply-form]")
    form.locator("textarea[name=body]").fill("Merci ! Voici le bon de commande signé.")
    form.locator("input[name=files]").set_input_files(str(pdf))
    form.get_by_role("button", name="Envoyer").click()
    expect(messages).to_have_count(4)
    expect(messages.nth(3)).to_contain_text("bon-de-commande.pdf")
    attachment = Attachment.objects.get(message__thread=thread)
    assert (attachment.name, attachment.content_type) == ("bon-de-commande.pdf", "application/pdf")

    # The administrator sees it and closes the thread.
    admin.reload()
    expect(admin.get_by_role("link", name="bon-de-commande.pdf")).to_be_visible()
    admin.get_by_role("button", name="Fermer la conversation").click()
    expect(admin.locator("[data-event=closed]")).to_be_visible()
    expect(admin.get_by_role("button", name="Fermer la conversation")).to_have_count(0)
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.CLOSED

    client.reload()
    expect(client.locator("[data-thread-status=closed]")).to_be_visible()


def test_a_broadcasters_problem_report_reaches_the_advertiser_who_sends_a_new_file(
    open_page, people, tmp_path
):
    campaign = people["campaign"]
    advertiser, administrator = people["advertiser"], people["administrator"]
    broadcaster = UserFactory(email="regie@bf1.bf", first_name="Salif", roles=[Role.BROADCASTER])
    Campaign.objects.filter(pk=campaign.pk).update(status=Status.SCHEDULED)  # on air
    spot = SpotFactory(
        campaign=campaign,
        review_state=ReviewState.APPROVED,
        reviewed_by=administrator,
        reviewed_at=timezone.now(),
    )
    today = broadcast_day.today()
    starts = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=30)
    brk = Break.objects.create(
        day=today, starts_at=starts, band_code="prime-time", capacity=180, label="Avant le film"
    )
    airing = Airing.objects.create(
        break_slot=brk,
        campaign=campaign,
        spot=spot,
        advertiser=campaign.advertiser,
        sector=campaign.sector,
        band_code="prime-time",
        length=30,
        unit_price=50_000,
        status=AiringStatus.PLANNED,
    )

    # The broadcaster reports "son absent" from the row of the airing.
    regie = open_page(DESKTOP)
    log_in(regie, broadcaster.email)
    regie.goto(reverse("broadcasting:dashboard"))
    row = regie.locator(f"[data-airing='{airing.pk}']")
    expect(row).to_contain_text("Laiterie du Faso SA")
    row.get_by_role("link", name="Signaler un problème").click()
    regie.wait_for_url(re.compile(rf"/diffusion/airings/{airing.pk}/problem/$"))
    regie.get_by_label("Son absent ou mauvais").check()
    regie.fill("textarea[name=body]", "Pas de son pendant tout le spot au contrôle final.")
    regie.get_by_role("button", name="Envoyer le signalement").click()
    regie.wait_for_url(re.compile(r"/messages/\d+/$"))
    thread = Thread.objects.get(kind=ThreadKind.PROBLEM)
    assert (thread.problem_type, thread.subject_type, thread.subject_id) == (
        ProblemType.BAD_SOUND,
        "airing",
        airing.pk,
    )
    assert not thread.advertiser_visible

    # Not the advertiser's yet.
    client = open_page(PHONE)
    log_in(client, advertiser.email)
    client.goto(reverse("conversations:list"))
    expect(client.locator(f"[data-thread='{thread.pk}']")).to_have_count(0)

    # The commercial team shares it with the advertiser.
    admin = open_page(DESKTOP)
    log_in(admin, administrator.email)
    admin.goto(reverse("conversations_admin:inbox"))
    admin.locator(f"tr[data-thread='{thread.pk}']").get_by_role("link").first.click()
    admin.wait_for_url(re.compile(rf"/admin/messages/{thread.pk}/$"))
    expect(admin.locator("main")).to_contain_text("Son absent ou mauvais")
    admin.get_by_role("button", name="Partager avec l’annonceur").click()
    expect(admin.locator(f"[data-event={ThreadEventKind.SHARED.value}]")).to_be_visible()
    admin.fill("#id_body", "Pouvez-vous nous envoyer un nouveau fichier avec le son ?")
    admin.get_by_role("button", name="Envoyer").click()
    expect(admin.locator("main")).to_contain_text("nouveau fichier avec le son")

    # The advertiser finds it in their messages and sends a new file.
    client.goto(reverse("conversations:list"))
    client.locator(f"[data-thread='{thread.pk}']").get_by_role("link").first.click()
    client.wait_for_url(re.compile(rf"/messages/{thread.pk}/$"))
    messages = client.locator("[data-thread-messages] > li")
    expect(messages.last).to_contain_text("nouveau fichier avec le son")
    video = make_video(tmp_path / "spot-corrige.mp4", width=320, height=240, seconds=1.0)
    form = client.locator("form[data-reply-form]")
    form.locator("textarea[name=body]").fill("Voici le spot corrigé, avec le son.")
    form.locator("input[name=files]").set_input_files(str(video))
    form.get_by_role("button", name="Envoyer").click()
    expect(messages.last).to_contain_text("spot-corrige.mp4")
    attachment = Attachment.objects.get(message__thread=thread)
    assert attachment.content_type == "video/mp4"

    # The broadcaster and the commercial team see it in the thread.
    regie.goto(reverse("conversations:thread", args=[thread.pk]))
    expect(regie.locator("[data-thread-messages] > li").last).to_contain_text("spot-corrige.mp4")
