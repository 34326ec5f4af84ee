"""The Content-Security-Policy in the browser: it blocks what it must, the journeys'
watch sees it (tests/e2e/csp_watch.py), and the shared Alpine components
(static/js/components.js) work under Alpine's CSP build."""

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import DEFAULT_PASSWORD, AdvertiserUserFactory
from campaigns.models import Status
from campaigns.tests.factories import CampaignFactory
from tests.e2e.csp_watch import CSP_WATCH

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def wait_for_problems(page, tries: int = 30) -> list[str]:
    """The violations recorded so far, once at least one arrived (events reach
    Python while Playwright waits)."""
    for _ in range(tries):
        page.wait_for_timeout(100)
        problems = CSP_WATCH.take()
        if problems:
            return problems
    return []


def test_an_injected_inline_script_is_blocked_and_the_watch_reports_it(page):
    response = page.goto("/login/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "camera=()" in response.headers["permissions-policy"]

    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
          const image = document.createElement("img");
          image.setAttribute("onerror", "window.injected = true");
          image.src = "/no-such-image.png";
          document.body.append(image);
        }"""
    )

    problems = wait_for_problems(page)
    assert any("script-src" in problem for problem in problems), problems
    assert page.evaluate("() => window.injected === undefined")
    # Whatever else arrived late is not this journey's business either.
    page.wait_for_timeout(300)
    CSP_WATCH.take()


def test_shared_components_work_under_alpines_csp_build(page):
    user = AdvertiserUserFactory(email="mariam.kabore@faso-jus.bf")
    campaign = CampaignFactory(user=user, title="Bissap de la rentrée")

    # Phone header: the burger opens and closes the menu panel.
    page.goto("/login/")
    menu = page.locator("#mobile-menu")
    burger = page.locator("button[aria-controls=mobile-menu]")
    expect(menu).to_be_hidden()
    burger.click()
    expect(menu).to_be_visible()
    expect(burger).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()

    page.fill("#id_username", "mariam.kabore@faso-jus.bf")
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.locator("form#login-form [type=submit]").click()
    page.wait_for_url(re.compile(r".*/campaigns/$"))

    # The welcome toast closes by its button.
    toast = page.locator("[x-data=toast]").first
    expect(toast).to_be_visible()
    toast.locator("button").click()
    expect(toast).to_be_hidden()

    # Profile tabs: the address's #fragment opens one, a click another.
    page.goto("/profile/#company")
    expect(page.locator("#panel-company")).to_be_visible()
    expect(page.locator("#panel-profile")).to_be_hidden()
    page.locator("#tab-password").click()
    expect(page.locator("#panel-password")).to_be_visible()
    expect(page.locator("#panel-company")).to_be_hidden()
    expect(page.locator("#tab-password")).to_have_attribute("aria-selected", "true")

    # The inbox filter sends its form when the kind changes.
    page.goto("/notifications/")
    select = page.locator("#notification-kind")
    kinds = select.locator("option").evaluate_all("options => options.map(o => o.value)")
    if len(kinds) > 1:
        with page.expect_navigation():
            select.select_option(kinds[1])
        assert f"kind={kinds[1]}" in page.url

    # Cancelling a campaign asks first: "no" keeps it, "yes" sends the form.
    page.goto(campaign.get_absolute_url())
    cancel = page.get_by_role("button", name="Annuler la campagne")
    questions = []

    def answer(dialog, accept: bool) -> None:
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    cancel.click()
    page.wait_for_timeout(500)
    assert questions == ["Annuler cette campagne ?"]
    campaign.refresh_from_db()
    assert campaign.status != Status.CANCELLED

    page.once("dialog", lambda dialog: answer(dialog, True))
    with page.expect_navigation():
        cancel.click()
    campaign.refresh_from_db()
    assert campaign.status == Status.CANCELLED
