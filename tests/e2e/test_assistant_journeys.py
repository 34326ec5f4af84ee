"""Browser journeys of issue 18 (the help assistant), on the real engine:

- a visitor opens the widget, asks "combien pour 10 spots de 30s au journal de
  20h", gets the engine's exact total and follows "Voir le détail" to the
  simulator, which shows the same total;
- a visitor without JavaScript asks "format video" on /aide/, gets the spot
  guide's passage, answers "Non", then "Parler à l'équipe" and lands on the
  contact form with the question in it;
- a signed-in advertiser asks "où en est ma campagne" in the widget of the
  client area, sees their campaigns and hands the exchange to the team;
- the widget is usable with the keyboard and shares the WhatsApp button's
  corner on a 360 px screen; /aide/ passes axe."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from accounts.tests.factories import DEFAULT_PASSWORD, AdvertiserUserFactory
from assistant.demo import ensure_demo_content
from assistant.services.answering import answer_question
from campaigns.models import Status
from campaigns.tests.factories import CampaignFactory
from core.money import fcfa
from home import demo as content
from home.models import GuideIndexPage, GuidePage
from tests.e2e.axe import serious_violations
from tests.e2e.public_site import make_public_site
from tests.e2e.test_simulator import ensure_home_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PRICE_QUESTION = "combien pour 10 spots de 30s au journal de 20h"
SMALL_PHONE = {"width": 360, "height": 740}


@pytest.fixture
def help_site():
    """The public site with the demo guides, FAQ and synonyms, indexed."""
    make_public_site()
    home = ensure_home_page()
    index = GuideIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=GuideIndexPage(**content.GUIDE_INDEX))
        index.save_revision().publish()
    for guide in content.GUIDES:
        if not GuidePage.objects.filter(slug=guide["slug"]).exists():
            page = index.add_child(instance=GuidePage(**guide))
            page.save_revision().publish()
    ensure_demo_content()  # FAQ, synonyms, then the index rebuilt
    cache.clear()
    yield
    cache.clear()


def open_widget(page):
    toggle = page.locator("[data-assistant-toggle]")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    # The closed button steps aside while it would cover a button or a field of the
    # page (assistant_corner.js); at the foot of the page it covers only the footer.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(toggle).to_be_visible()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    panel = page.get_by_role("dialog", name="Posez votre question")
    expect(panel).to_be_visible()
    expect(page.locator("#assistant-question")).to_be_focused()
    return panel


def ask_in_widget(page, question: str):
    page.fill("#assistant-question", question)
    page.keyboard.press("Enter")
    answer = page.locator("[data-assistant-log] .assistant-answer").last
    expect(answer).to_be_visible()
    return answer


def test_a_visitor_gets_the_exact_price_and_the_simulator_with_the_same_numbers(page, help_site):
    expected = answer_question(text=PRICE_QUESTION, record=False)
    assert expected.kind == "price"
    total = fcfa(expected.price.total_incl_vat)

    page.goto("/")
    open_widget(page)
    answer = ask_in_widget(page, PRICE_QUESTION)
    expect(answer.locator("[data-price-total]")).to_contain_text(total)
    expect(answer).to_contain_text(fcfa(expected.price.total_excl_vat))
    expect(answer.get_by_role("button", name="Oui")).to_be_visible()

    answer.get_by_role("link", name="Voir le détail").click()
    page.wait_for_url(re.compile(r"/simulateur/\?"))
    query = parse_qs(urlparse(page.url).query)
    assert query["spot_length"] == [str(expected.price.spot_length)]
    assert query["bands"] == [f"{expected.price.band_code}:{expected.price.airings}"]
    expect(page.locator("[data-sim=total]").first).to_have_text(total)


def test_a_visitor_without_javascript_asks_says_no_and_reaches_the_contact_form(
    browser, live_server, help_site
):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False, viewport=SMALL_PHONE
    )
    try:
        page = context.new_page()
        page.goto("/")
        page.locator("[data-assistant-toggle]").click()  # a plain link without JavaScript
        page.wait_for_url(re.compile(r"/aide/$"))
        page.get_by_label("Votre question").fill("format video")
        page.get_by_role("button", name="Demander").click()
        answer = page.locator("[data-assistant-answer]")
        expect(answer).to_have_attribute("data-kind", "passages")
        first = answer.locator("[data-source]").first  # the spot guide's passage
        expect(first.get_by_role("link")).to_have_attribute(
            "href", "/guides/exigences-techniques-de-diffusion/"
        )
        expect(first).to_contain_text("MP4")
        expect(answer).to_contain_text("Cette réponse vous aide-t-elle")

        page.get_by_role("button", name="Non").click()
        expect(page.locator("[data-assistant-feedback-done]")).to_contain_text("Merci")
        page.get_by_role("button", name="Parler à l’équipe").click()
        page.wait_for_url(re.compile(r"/contact/\?message="))
        expect(page.locator("textarea[name=message]")).to_have_value("format video")
    finally:
        context.close()


def test_an_advertiser_sees_their_campaigns_and_hands_over_to_the_team(page, help_site):
    user = AdvertiserUserFactory(email="awa@fasolait.bf")
    CampaignFactory(user=user, title="Faso Lait — rentrée", status=Status.SUBMITTED)
    page.goto("/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.locator("form#login-form [type=submit]").click()
    page.wait_for_url(re.compile(r"/campaigns/"))

    open_widget(page)
    answer = ask_in_widget(page, "où en est ma campagne")
    expect(answer).to_have_attribute("data-kind", "campaigns")
    expect(answer.get_by_role("link", name="Faso Lait — rentrée")).to_be_visible()

    # The thread page falls back to polling (and marking read) without the ASGI
    # server: no write of the page may outlive the test on the shared connection.
    page.route(re.compile(r"/messages/\d+/new/"), lambda route: route.abort())
    answer.get_by_role("button", name="Parler à l’équipe").click()
    page.wait_for_url(re.compile(r"/messages/\d+/$"))
    expect(page.locator("main")).to_contain_text("où en est ma campagne")
    page.goto("about:blank")


def test_the_widget_works_with_the_keyboard_and_shares_the_corner(browser, live_server, help_site):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=SMALL_PHONE)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto("/tarifs/")
        toggle = page.locator("[data-assistant-toggle]")
        bubble = page.locator("[data-whatsapp]")
        expect(toggle).to_be_visible()
        expect(bubble).to_be_visible()
        a, b = toggle.bounding_box(), bubble.bounding_box()
        overlap = not (
            a["y"] + a["height"] <= b["y"]
            or b["y"] + b["height"] <= a["y"]
            or a["x"] + a["width"] <= b["x"]
            or b["x"] + b["width"] <= a["x"]
        )
        assert not overlap, (a, b)
        assert a["x"] + a["width"] <= SMALL_PHONE["width"]

        toggle.focus()
        page.keyboard.press("Enter")
        expect(page.locator("#assistant-question")).to_be_focused()
        panel = page.locator("#assistant-panel")
        box = panel.bounding_box()
        assert box["width"] == pytest.approx(SMALL_PHONE["width"], abs=2)  # a sheet on phones
        answer = ask_in_widget(page, "<script>window.hacked=1</script> format video")
        expect(page.locator(".assistant-asked").last).to_contain_text("<script>")
        assert page.evaluate("() => window.hacked") is None
        assert answer.locator("script").count() == 0
        assert serious_violations(page) == []

        page.keyboard.press("Escape")
        expect(panel).to_be_hidden()
        expect(toggle).to_be_focused()
        expect(toggle).to_have_attribute("aria-expanded", "false")
    finally:
        context.close()


def test_the_help_page_has_no_serious_accessibility_violation(page, help_site):
    page.goto("/aide/")
    assert serious_violations(page) == []
    page.get_by_label("Votre question").fill(PRICE_QUESTION)
    page.get_by_role("button", name="Demander").click()
    expect(page.locator("[data-assistant-price]")).to_be_visible()
    assert serious_violations(page) == []
