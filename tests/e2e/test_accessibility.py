"""axe-core on every public page at phone width (375 px): no violation of impact
serious or critical (issue 13). tests/e2e/axe.py runs the checker."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.e2e.axe import serious_violations
from tests.e2e.public_site import make_public_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}
PAGES = [
    "/",
    "/tarifs/",
    "/simulateur/",
    "/conseiller/",
    "/conseiller/?objective=launch",
    "/conseiller/?objective=launch&audience=youth",
    "/references/",
    "/references/sahel-connect-forfait-yeleen/",
    "/references/lafi-yiri-lavage-des-mains/",
    "/contact/",
    "/coverage/request/",
    "/login/",
    "/register/",
]


def next_month() -> str:
    return (timezone.localdate() + timedelta(days=30)).isoformat()


@pytest.fixture
def public_site():
    make_public_site()
    yield
    cache.clear()


def test_public_pages_have_no_serious_accessibility_violation_on_a_phone(
    browser, live_server, public_site
):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    found = {}
    try:
        for path in PAGES:
            response = page.goto(path)
            assert response.status == 200, path
            page.wait_for_load_state("networkidle")
            problems = serious_violations(page)
            if problems:
                found[path] = problems
        # The simulator once priced, its result panel and sticky total shown.
        page.goto("/simulateur/?spot_length=30&bands=prime-time:10")
        page.locator("[data-sim=total]").first.wait_for(state="visible")
        problems = serious_violations(page)
        if problems:
            found["/simulateur/ (priced)"] = problems
        # The advisor's last question and its recommendation with the alternatives.
        advised = "/conseiller/?objective=launch&audience=youth&budget=1500000"
        for path in (advised, f"{advised}&start_date={next_month()}&weeks=2"):
            page.goto(path)
            page.wait_for_load_state("networkidle")
            problems = serious_violations(page)
            if problems:
                found[path] = problems
        page.locator("[data-advisor=total]").first.wait_for(state="visible")
        # The check itself works: a text on a background it cannot be read on is caught.
        page.evaluate(
            """() => {
                 const p = document.createElement("p");
                 p.textContent = "Texte illisible";
                 p.style.cssText = "color:#94A3B8;background:#F8FAFC";
                 document.querySelector("main").append(p);
               }"""
        )
        assert any("color-contrast" in problem for problem in serious_violations(page))
    finally:
        context.close()
    assert not found, "\n".join(f"{path}: {p}" for path, ps in found.items() for p in ps)


def test_the_simulator_does_not_shift_when_its_script_starts(browser, live_server, public_site):
    """Unpicked bands are drawn without their airings field from the first paint
    (issue 13: a CLS of about 0.09 when Alpine hid them)."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    try:
        page.goto("/simulateur/")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        shift = page.evaluate(
            """() => new Promise(resolve => {
                 let total = 0;
                 new PerformanceObserver(list => {
                   for (const entry of list.getEntries()) {
                     if (!entry.hadRecentInput) total += entry.value;
                   }
                 }).observe({ type: "layout-shift", buffered: true });
                 setTimeout(() => resolve(total), 300);
               })"""
        )
    finally:
        context.close()
    assert shift < 0.01, shift
