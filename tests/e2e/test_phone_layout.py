"""What covers what, on a phone (375×812) and a laptop (1366×768), issue 13:
the WhatsApp bubble stays clear of amounts, buttons and fields; the quote table
keeps airings and amounts apart; the welcome toast does not cover the page
title; the signed-in menu stays on one line. Each check compares bounding boxes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import DEFAULT_PASSWORD, AdvertiserUserFactory, UserFactory
from campaigns.tests.factories import CampaignFactory
from tests.e2e.public_site import make_public_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}
LAPTOP = {"width": 1366, "height": 768}
BUBBLE = "[data-whatsapp]"
# What the bubble must never cover.
CONTENT = (
    "main button:visible, main .btn:visible, main input:not([type=hidden]):visible, "
    "main select:visible, main textarea:visible, main [data-quote-total]:visible, "
    "main [data-sim=total]:visible, [data-sim=sticky]:visible, main [data-advisor=total]:visible, "
    "main [data-plan-total]:visible"
)


def overlap(a: dict | None, b: dict | None) -> bool:
    if not a or not b:
        return False
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def bubble_box(page) -> dict | None:
    """The bubble's box while it is shown (None once it collapsed out of the way)."""
    bubble = page.locator(BUBBLE)
    if bubble.count() == 0 or not bubble.is_visible():
        return None
    visible = bubble.evaluate(
        "el => getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).opacity !== '0'"
    )
    return bubble.bounding_box() if visible else None


def covered_by_bubble(page) -> list[str]:
    page.wait_for_timeout(250)  # the bubble re-checks on the next animation frame
    box = bubble_box(page)
    if box is None:
        return []
    hits = []
    for element in page.locator(CONTENT).all():
        other = element.bounding_box()
        if other and other["height"] and overlap(box, other):
            hits.append(element.evaluate("el => el.outerHTML.slice(0, 90)"))
    return hits


def sweep(page) -> list[str]:
    """Scrolls the page down a third of a screen at a time and lists what the
    bubble covered at each stop."""
    page.evaluate("window.scrollTo(0, 0)")
    height = page.evaluate("document.documentElement.scrollHeight")
    hits = []
    for top in range(0, height, PHONE["height"] // 3):
        page.evaluate(f"window.scrollTo(0, {top})")
        hits += covered_by_bubble(page)
    return hits


@pytest.fixture
def whatsapp_site():
    make_public_site()
    yield
    cache.clear()


@pytest.fixture
def open_page(browser, live_server):
    contexts = []

    def open_(viewport: dict):
        context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=viewport)
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
    page.wait_for_load_state()


def test_the_whatsapp_bubble_never_covers_amounts_buttons_or_fields_on_a_phone(
    open_page, whatsapp_site
):
    user = AdvertiserUserFactory(email="awa@faso-jus.bf")
    campaign = CampaignFactory(user=user, title="Bissap")
    page = open_page(PHONE)

    # Public forms.
    for path in ("/contact/", "/coverage/request/", "/login/", "/register/"):
        page.goto(path)
        assert page.locator(BUBBLE).count() == 1, path
        assert sweep(page) == [], path

    # The campaign page with its quote totals, and the booking wizard.
    log_in(page, user.email)
    page.goto(campaign.get_absolute_url())
    assert page.locator("main [data-quote-total]").count() >= 1
    assert sweep(page) == []
    page.goto("/campaigns/create/")
    assert sweep(page) == []

    # The simulator, its totals and the bar of the total stuck to the bottom.
    start = timezone.localdate() + timedelta(days=30)
    end = start + timedelta(days=13)
    page.goto(
        f"/simulateur/?spot_length=30&start_date={start.isoformat()}&end_date={end.isoformat()}"
        "&bands=prime-time:10,matinee:4"
    )
    assert sweep(page) == []
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("[data-sim=sticky]").wait_for(state="visible")
    assert covered_by_bubble(page) == []


def test_the_quote_table_keeps_airings_and_amounts_apart_at_375_px(open_page, whatsapp_site):
    user = AdvertiserUserFactory(email="awa@faso-jus.bf")
    campaign = CampaignFactory(user=user, title="Bissap")
    page = open_page(PHONE)
    log_in(page, user.email)
    page.goto(campaign.get_absolute_url())
    gaps = page.locator("main [data-quote] tbody tr").evaluate_all(
        """rows => rows.map(row => {
             const box = cell => { const r = document.createRange(); r.selectNodeContents(cell);
                                   return r.getBoundingClientRect(); };
             const [label, airings, amount] = Array.from(row.cells).map(box);
             return [airings.left - label.right, amount.left - airings.right];
           })"""
    )
    assert gaps
    for label_gap, amount_gap in gaps:
        assert label_gap >= 12 and amount_gap >= 12, gaps
    # Nothing runs past the screen's edge.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_welcome_toast_does_not_cover_the_title_of_the_planning(open_page, viewport):
    UserFactory(email="regie@bf1.bf", first_name="Salif", roles=[Role.BROADCASTER])
    page = open_page(viewport)
    log_in(page, "regie@bf1.bf")
    page.wait_for_url(re.compile(r".*/diffusion/.*"))
    toast = page.locator("[x-data=toast]").first
    title = page.locator("main h1").first
    toast.wait_for(state="visible")
    assert not overlap(toast.bounding_box(), title.bounding_box())
    # Nor the header.
    assert not overlap(toast.bounding_box(), page.locator("header").first.bounding_box())


@pytest.mark.parametrize("role", [Role.ADVERTISER, Role.BROADCASTER])
def test_the_signed_in_menu_stays_on_one_line_at_1366_px(open_page, whatsapp_site, role):
    if role == Role.ADVERTISER:
        user = AdvertiserUserFactory(email="awa@faso-jus.bf", first_name="Awa Pélagie")
    else:
        user = UserFactory(email="regie@bf1.bf", first_name="Salif", roles=[role])
    page = open_page(LAPTOP)
    log_in(page, user.email)
    page.goto("/contact/")
    header_row = page.locator("header > div").first.bounding_box()
    assert header_row["height"] <= 64
    links = page.locator("header nav[aria-label] a:visible").all()
    tops = {round(link.bounding_box()["y"]) for link in links}
    heights = {round(link.bounding_box()["height"]) for link in links}
    assert len(tops) == 1, tops
    assert max(heights) <= 48, heights


@pytest.mark.parametrize("width", [1024, 1280, 1366])
def test_a_visitors_menu_stays_on_one_line_with_the_advisor_and_the_stories_from_1280_px(
    open_page, whatsapp_site, width
):
    page = open_page({"width": width, "height": 768})
    page.goto("/conseiller/")
    nav = page.locator("header nav[aria-label]:visible").first
    labels = [text.strip() for text in nav.locator("a:visible").all_inner_texts()]
    wide = ["Accueil", "Tarifs", "Simulateur", "Conseiller", "Références", "Guides", "Contact"]
    assert labels[:-1] == (wide if width >= 1280 else [w for w in wide if w not in wide[3:5]])
    if width >= 1280:
        assert nav.locator("a[aria-current=page]").inner_text().strip() == "Conseiller"
    links = nav.locator("a:visible").all()
    tops = {round(link.bounding_box()["y"]) for link in links}
    assert len(tops) == 1, tops
    # Nothing spills past the menu into the sign-in buttons, nor past the screen.
    last = links[-1].bounding_box()
    log_in_button = page.locator("header a[href='/login/']").first.bounding_box()
    assert last["x"] + last["width"] <= log_in_button["x"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_advisor_and_the_stories_fit_a_small_phone_and_stay_clear_of_the_bubble(
    open_page, whatsapp_site
):
    """At 360 px nothing runs past the screen's edge, and the WhatsApp bubble
    never sits on a button, a field or an amount of the advisor (each question and
    the recommendation) or of the advertiser stories (issue 20)."""
    start = (timezone.localdate() + timedelta(days=20)).isoformat()
    asked = "/conseiller/?objective=launch&audience=youth&budget=1500000"
    page = open_page({"width": 360, "height": 740})
    for path in (
        "/conseiller/",
        "/conseiller/?objective=launch",
        "/conseiller/?objective=launch&audience=youth",
        asked,
        f"{asked}&start_date={start}&weeks=2",
        "/references/",
        "/references/sahel-connect-forfait-yeleen/",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        assert sweep(page) == [], path
