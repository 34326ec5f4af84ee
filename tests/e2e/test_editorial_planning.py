"""Browser journey of issue 13: the editorial manager opens the desk's planning
(it threw `initDateChooser is not defined` and its date filter was a bare box),
picks a day in its date field and filters; then, on a phone (375 px), the desk
shows each request with "Accepter" and "Refuser" on screen.

The e2e fixture fails a journey on Content-Security-Policy problems only; this
one also fails on any uncaught script error (`pageerror`)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from editorial.models import Urgency
from editorial.tests.desk_fixtures import make_request

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def manager():
    return UserFactory(email="planning@bf1.bf", roles=[Role.EDITORIAL])


def open_watched(browser, live_server, viewport):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=viewport)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


def log_in(page, email: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.locator("form#login-form [type=submit]").click()
    page.wait_for_url(re.compile(re.escape(reverse("editorial_desk")) + "$"))


def test_the_planning_date_filter_works_without_a_script_error(browser, live_server, manager):
    context, page, errors = open_watched(browser, live_server, DESKTOP)
    try:
        log_in(page, manager.email)
        page.goto(reverse("editorial_planning"))
        page.wait_for_load_state("load")
        date = page.locator("form[data-planning-filters] input[name=date]")
        expect(date).to_have_attribute("type", "date")
        date.fill("2026-11-25")
        page.locator("form[data-planning-filters] [type=submit]").click()
        page.wait_for_url(re.compile(r"date=2026-11-25"))
        week = page.get_by_role("heading", name=re.compile("Semaine du 23 novembre"))
        expect(week).to_be_visible()
        assert errors == [], errors
    finally:
        context.close()


def test_the_desk_keeps_its_actions_on_a_phone(browser, live_server, manager):
    coverage = make_request(urgency=Urgency.NORMAL)
    context, page, errors = open_watched(browser, live_server, PHONE)
    try:
        log_in(page, manager.email)
        row = page.locator(f'tr[data-request="{coverage.reference}"]')
        expect(row).to_contain_text("normale")
        for name in ("Accepter", "Refuser"):
            button = row.get_by_role("link", name=name, exact=True)
            expect(button).to_be_visible()
            box = button.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        # nothing runs off the side of the page
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], width
        assert errors == [], errors
    finally:
        context.close()
