"""Browser journey of issue 13: the editorial manager opens the desk's planning
(it threw `initDateChooser is not defined` and its date filter was a bare box),
picks a day in its date field and filters; then, on a phone (375 px), the desk
shows each request with "Accepter" and "Refuser" on screen.

The e2e fixture fails a journey on Content-Security-Policy problems only; this
one also fails on any uncaught script error (`pageerror`)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from editorial.models import Assignment, CrewRole, Urgency
from editorial.tests.desk_fixtures import accepted_mission, make_member, make_request

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}
PHONE_390 = {"width": 390, "height": 844}
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


def test_every_table_of_the_desk_stacks_as_cards_on_a_phone(browser, live_server, manager):
    """At 390 px the "missions to watch" table stacks as cards like the requests
    table: no horizontal scroll, each row's buttons on screen; and so do the
    crew and history tables of a request's desk page."""
    coverage = make_request(urgency=Urgency.NORMAL, title="Requête avec un titre assez long")
    mission = accepted_mission(manager, title="Conférence de presse du ministère de la Culture")
    member = make_member("Awa Pélagie Sawadogo-Kaboré", CrewRole.JOURNALIST)
    assignment = Assignment.objects.create(
        mission=mission,
        member=member,
        role=CrewRole.JOURNALIST,
        busy_from=mission.starts_at,
        busy_until=mission.ends_at,
        notified_at=timezone.now() - dt.timedelta(hours=30),
    )
    context, page, errors = open_watched(browser, live_server, PHONE_390)

    def fits(row, names):
        for name in names:
            button = row.get_by_role("link", name=name, exact=True)
            expect(button).to_be_visible()
            box = button.bounding_box()
            assert box is not None and box["x"] >= 0, name
            assert box["x"] + box["width"] <= PHONE_390["width"], (name, box)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE_390["width"], width

    try:
        log_in(page, manager.email)
        watched = page.locator("table[data-unconfirmed] tbody tr", has_text=member.name)
        expect(watched).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE_390["width"], width
        assert watched.evaluate("row => getComputedStyle(row).display") == "flex"
        fits(watched, ("Ouvrir", "Appeler"))
        fits(page.locator(f'tr[data-request="{coverage.reference}"]'), ("Accepter", "Refuser"))

        page.goto(reverse("editorial_requests:inspect", args=[mission.request_id]))
        crew_row = page.locator(f'table[data-crew] tr[data-assignment="{assignment.pk}"]')
        assert crew_row.evaluate("row => getComputedStyle(row).display") == "flex"
        expect(crew_row).to_contain_text(member.name)
        fits(crew_row, ("Retirer",))
        assert errors == [], errors
    finally:
        context.close()
