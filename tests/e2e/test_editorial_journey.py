"""Browser journey of issue 7: an advertiser's user (signed in, on a phone)
requests press coverage for an event next week with one PDF attachment; the
editorial manager (desktop) accepts it in the admin, assigns a journalist and a
driver, notifies them, then tries to put the same journalist on another accepted
request at an overlapping time and is refused with a message naming the
conflicting mission; the journalist (and the driver) confirm through the
e-mailed link (the page shows the mission on GET, confirms on POST); the desk's
planning shows the mission confirmed; the requester sees the request accepted on
its page and at the contact address.

Three browser contexts share one test; the body reads and prepares the database
through the ORM only, and reads the e-mails in Django's outbox and in the queued
e-mail records of the notifications.

The desk's pages are matched on their text as the French catalogue renders it
(`fr()`), so that the journey reads the same words as the users."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from accounts.roles import Role
from accounts.tests.factories import (
    DEFAULT_PASSWORD,
    AdvertiserFactory,
    AdvertiserUserFactory,
    UserFactory,
)
from editorial.models import (
    Assignment,
    CoverageRequest,
    CoverageStatus,
    CoverageType,
    CrewMember,
    CrewRole,
    EventType,
    Urgency,
)
from editorial.services import desk as desk_services
from editorial.sms import LocmemGateway
from notifications.models import OutgoingEmail
from tests.e2e.test_simulator import ensure_home_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
TITLE = "Lancement du jus Bissap Faso"
OTHER_TITLE = "Forum national de la jeunesse"
CONTACT = "presse@fasojus.bf"  # the press officer: another address than the account's


def fr(msgid: str, **values) -> str:
    """A message as the French pages show it."""
    with translation.override("fr"):
        text = gettext(msgid)
    return text % values if values else text


def status_label(status: str) -> str:
    with translation.override("fr"):
        return str(CoverageStatus(status).label)


def emails_to(address: str) -> list[tuple[str, str]]:
    """(subject, body) of every e-mail to `address`: sent through Django (the
    test runner's outbox) or queued by a notification (OutgoingEmail)."""
    found = [(str(m.subject), m.body) for m in mail.outbox if address in m.to]
    found += [
        (record.subject, record.body)
        for record in OutgoingEmail.objects.order_by("pk")
        if address in record.to
    ]
    return found


def confirmation_path(address: str) -> str:
    """The path of the confirmation link in the last mission sheet sent to `address`."""
    links = [
        re.search(r"https?://[^/\s]+(/coverage/mission/confirm/\S+/)", body)
        for _subject, body in emails_to(address)
    ]
    links = [link.group(1) for link in links if link]
    assert links, f"no confirmation link e-mailed to {address}"
    return links[-1]


def make_pdf(path) -> str:
    """A small real PDF: the invitation to the launch."""
    sheet = canvas.Canvas(str(path), pagesize=A4)
    sheet.drawString(72, 770, "Invitation — lancement du jus Bissap Faso")
    sheet.drawString(72, 750, "Hôtel Silmandé, Ouagadougou")
    sheet.save()
    return str(path)


# --- Set-up -------------------------------------------------------------------------


@pytest.fixture
def desk(settings):
    """The people: the requester (an advertiser's user), the editorial manager,
    the crew; and another accepted request, the same day at an overlapping time."""
    settings.SMS_BACKEND = "locmem"
    LocmemGateway.outbox = []
    cache.clear()  # the form's per-address limit counts in the cache
    ensure_home_page()
    company = AdvertiserFactory(name="Faso Jus SARL")
    requester = AdvertiserUserFactory(
        email="awa.ouedraogo@fasojus.bf",
        first_name="Awa",
        last_name="Ouédraogo",
        advertiser=company,
    )
    manager = UserFactory(
        email="redaction@bf1.bf", first_name="Mariam", last_name="Kaboré", roles=[Role.EDITORIAL]
    )
    crew = {
        "journalist": CrewMember.objects.create(
            name="Aminata Sawadogo",
            role=CrewRole.JOURNALIST,
            phone="+22670110001",
            email="aminata.sawadogo@bf1.bf",
            skills="économie, mooré",
        ),
        "other_journalist": CrewMember.objects.create(
            name="Ousmane Zongo",
            role=CrewRole.JOURNALIST,
            phone="+22670110002",
            email="ousmane.zongo@bf1.bf",
        ),
        "driver": CrewMember.objects.create(
            name="Boukary Ouédraogo",
            role=CrewRole.DRIVER,
            phone="+22670110003",
            email="boukary.ouedraogo@bf1.bf",
        ),
    }
    day = timezone.localdate() + dt.timedelta(days=7)
    other = CoverageRequest.objects.create(
        reference=f"COUV-{day.year}-90001",
        event_title=OTHER_TITLE,
        event_type=EventType.PUBLIC_EVENT,
        event_date=day,
        start_time=dt.time(11, 0),
        end_time=dt.time(13, 0),
        address="Palais des Sports de Ouaga 2000",
        contact_name="Issa Traoré",
        contact_phone="+22670998877",
        contact_email="contact@forum-jeunesse.bf",
        coverage_type=CoverageType.VIDEO_REPORT,
        urgency=Urgency.NORMAL,
        status=CoverageStatus.NEW,
    )
    desk_services.accept(request=other, actor=manager)
    yield {"requester": requester, "manager": manager, "crew": crew, "day": day, "other": other}
    LocmemGateway.outbox = []
    cache.clear()


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


def assign(admin, member: CrewMember) -> None:
    """Pick `member` (in their usual role) in the assignment form of the request's
    desk page and send it."""
    form = admin.locator("form[data-assign-form]")
    form.locator("select[name=member]").select_option(value=str(member.pk))
    with admin.expect_navigation():
        form.get_by_role("button", name=fr("Assign"), exact=True).click()


# --- The journey --------------------------------------------------------------------


def test_coverage_request_accepted_staffed_confirmed_and_planned(open_page, desk, tmp_path):
    requester, manager, crew, day = desk["requester"], desk["manager"], desk["crew"], desk["day"]
    journalist, driver = crew["journalist"], crew["driver"]
    invitation = make_pdf(tmp_path / "invitation-lancement.pdf")

    # 1. The requester, signed in on a phone, fills the four steps.
    client = open_page(PHONE)
    log_in(client, requester.email, "/campaigns/")
    client.goto(reverse("editorial:request_create"))
    client.fill("#id_event_title", TITLE)
    client.locator("#id_event_type").select_option(EventType.PRODUCT_LAUNCH.value)
    client.fill("#id_description", "Présentation du nouveau jus à la presse, dégustation.")
    client.fill("#id_event_date", day.isoformat())
    client.fill("#id_start_time", "10:00")
    client.fill("#id_end_time", "12:00")
    client.fill("#id_address", "Hôtel Silmandé, Ouagadougou")
    client.fill("#id_meeting_point", "Accueil de l'hôtel")
    client.locator("form[data-step='1'] button[value=next]").click()
    client.wait_for_url(re.compile(r"step=2$"))

    # Step 2 starts with the account's details; the press officer is the contact.
    assert client.input_value("#id_contact_email") == requester.email
    client.fill("#id_contact_name", "Awa Ouédraogo")
    client.fill("#id_contact_phone", "+226 70 12 34 56")
    client.fill("#id_contact_email", CONTACT)
    client.locator("form[data-step='2'] button[value=next]").click()
    client.wait_for_url(re.compile(r"step=3$"))

    client.locator(f"input[name=coverage_type][value={CoverageType.VIDEO_REPORT.value}]").check()
    expect(client.locator(f"input[name=urgency][value={Urgency.NORMAL.value}]")).to_be_checked()
    client.fill("#id_objective", "Un reportage pour le JT de 20 h.")
    client.locator("form[data-step='3'] button[value=next]").click()
    client.wait_for_url(re.compile(r"step=4$"))

    # Step 4: the answers to read again, the attachment, the confirmation.
    expect(client.locator("form[data-step='4']")).to_contain_text(TITLE)
    expect(client.locator("form[data-step='4']")).to_contain_text(CONTACT)
    client.set_input_files("#id_attachments", invitation)
    client.locator("input[name=confirmed]").check()
    client.get_by_role("button", name=fr("Send the request")).click()
    client.wait_for_url(re.compile(r"/coverage/[0-9a-f-]{36}/$"))

    coverage = CoverageRequest.objects.get(event_title=TITLE)
    assert coverage.requester == requester
    assert coverage.status == CoverageStatus.NEW
    assert coverage.starts_at == timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    attachment = coverage.attachments.get()
    assert attachment.original_name == "invitation-lancement.pdf"
    assert attachment.content_type == "application/pdf"
    expect(client.locator("[data-reference]")).to_have_text(coverage.reference)
    sent = fr(
        "Your request %(reference)s has been sent: we will answer you soon.",
        reference=coverage.reference,
    )
    expect(client.locator("[role=status]", has_text=sent)).to_have_count(1)
    expect(client.locator("[data-status]").first).to_have_text(status_label(CoverageStatus.NEW))
    # The requester can open its attachment (private media, checked against the user).
    link = client.locator("[data-attachment]")
    expect(link).to_contain_text("invitation-lancement.pdf")
    response = client.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.body().startswith(b"%PDF")

    # The acknowledgement, with the reference, reaches the contact and the account.
    acknowledged = fr("Coverage request %(reference)s received", reference=coverage.reference)
    to_contact = emails_to(CONTACT)
    assert [subject for subject, _body in to_contact] == [acknowledged]
    assert coverage.reference in to_contact[0][1]
    assert any(subject == acknowledged for subject, _body in emails_to(requester.email))

    # 2. The editorial manager accepts it from the inbox.
    admin = open_page(DESKTOP)
    log_in(admin, manager.email, reverse("editorial_desk"))
    row = admin.locator(f"tr[data-request='{coverage.reference}']")
    expect(row).to_contain_text(TITLE)
    expect(row).to_contain_text(status_label(CoverageStatus.NEW))
    row.get_by_role("link", name=fr("Accept"), exact=True).click()
    admin.get_by_role("button", name=fr("Yes, accept")).click()
    desk_page = reverse("editorial_requests:inspect", args=[coverage.pk])
    admin.wait_for_url(re.compile(re.escape(desk_page) + "$"))
    expect(admin.locator("[data-request-status]")).to_have_attribute(
        "data-request-status", CoverageStatus.ACCEPTED
    )
    expect(admin.locator("[data-attachments]")).to_contain_text("invitation-lancement.pdf")
    coverage.refresh_from_db()
    assert coverage.status == CoverageStatus.ACCEPTED
    mission = coverage.mission

    # The desk proposes who is free; the manager assigns the journalist and the driver.
    proposals = admin.locator("[data-proposals]")
    for member in crew.values():
        expect(proposals).to_contain_text(member.name)
    assign(admin, journalist)
    on_mission = fr(
        "%(name)s is on the mission as %(role)s.", name=journalist.name, role=fr("journalist")
    )
    expect(admin.locator(".messages")).to_contain_text(on_mission)
    assign(admin, driver)
    assert admin.url.endswith(desk_page)
    crew_table = admin.locator("table[data-crew]")
    expect(crew_table.locator("tbody tr")).to_have_count(2)
    expect(crew_table).to_contain_text(journalist.name)
    expect(crew_table).to_contain_text(driver.name)
    roles = dict(
        Assignment.objects.filter(mission=mission, is_active=True).values_list(
            "member__name", "role"
        )
    )
    assert roles == {journalist.name: CrewRole.JOURNALIST, driver.name: CrewRole.DRIVER}

    # The crew is told: the mission sheet by e-mail and by text message.
    admin.locator(f"a[href='{reverse('editorial_requests:notify', args=[coverage.pk])}']").click()
    admin.get_by_role("button", name=fr("Send"), exact=True).click()
    admin.wait_for_url(re.compile(re.escape(desk_page) + "$"))
    assert Assignment.objects.filter(mission=mission, notified_at__isnull=True).count() == 0
    texted = {to for to, text in LocmemGateway.outbox if "/coverage/mission/confirm/" in text}
    assert texted == {journalist.phone, driver.phone}

    # The same journalist on the overlapping event: refused, naming the mission.
    other = desk["other"]
    other_page = reverse("editorial_requests:inspect", args=[other.pk])
    admin.goto(other_page)
    expect(admin.locator("[data-proposals]")).not_to_contain_text(journalist.name)
    assign(admin, journalist)
    refusal = admin.locator("[data-form-errors]")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text(journalist.name)
    expect(refusal).to_contain_text(coverage.reference)
    expect(refusal).to_contain_text(TITLE)
    assert not Assignment.objects.filter(mission=other.mission).exists()

    # 3. The journalist opens the e-mailed link: GET shows the mission, POST confirms.
    sheets = emails_to(journalist.email)
    assert any(coverage.reference in subject for subject, _body in sheets)
    crew_page = open_page(PHONE)
    crew_page.goto(confirmation_path(journalist.email))
    confirm_box = crew_page.locator("[data-mission-confirm]")
    expect(confirm_box.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(confirm_box.locator("[data-summary]")).to_contain_text(coverage.reference)
    expect(confirm_box.locator("[data-summary]")).to_contain_text("Hôtel Silmandé")
    expect(confirm_box.locator("[data-summary]")).to_contain_text(driver.name)
    mine = Assignment.objects.get(mission=mission, member=journalist)
    assert mine.confirmed_at is None  # opening the link confirms nothing
    crew_page.get_by_role("button", name=fr("I confirm")).click()
    expect(crew_page.locator("[data-confirmed]")).to_be_visible()
    thanks = fr("Thank you: your presence on this mission is confirmed.")
    expect(crew_page.locator("[role=status]", has_text=thanks)).to_have_count(1)
    mine.refresh_from_db()
    assert mine.confirmed_at is not None

    # The driver confirms from the mission sheet as well.
    crew_page.goto(confirmation_path(driver.email))
    crew_page.get_by_role("button", name=fr("I confirm")).click()
    expect(crew_page.locator("[data-confirmed]")).to_be_visible()

    # 4. The planning of the event's week shows the mission confirmed.
    admin.goto(
        f"{reverse('editorial_planning')}?view=week&date={day.isoformat()}",
    )
    planned = admin.locator(f"[data-mission='{mission.pk}']")
    expect(planned).to_contain_text(coverage.reference)
    expect(planned).to_contain_text(f"{journalist.name} ✓")
    expect(planned).to_contain_text(f"{driver.name} ✓")
    expect(planned).to_have_class(re.compile(r"\bed-slot--ok\b"))
    assert planned.get_attribute("data-unconfirmed") is None
    assert planned.get_attribute("data-conflict") is None
    for assignment in Assignment.objects.filter(mission=mission):
        slot = admin.locator(f"[data-slot='{assignment.pk}']")
        expect(slot).to_have_class(re.compile(r"\bed-slot--ok\b"))
    # The other mission is still without a journalist, and was not double-booked.
    expect(admin.locator(f"[data-mission='{other.mission.pk}']")).to_contain_text(
        fr("no journalist")
    )
    admin.goto(desk_page)
    expect(admin.locator("table[data-crew] tr[data-confirmed=yes]")).to_have_count(2)

    # 5. The requester sees the change: on the request's page and at the contact address.
    client.reload()
    expect(client.locator("[data-status]").first).to_have_attribute(
        "data-status", CoverageStatus.ACCEPTED
    )
    expect(client.locator("[data-status]").first).to_have_text(
        status_label(CoverageStatus.ACCEPTED)
    )
    accepted = fr("Your coverage request %(reference)s is accepted", reference=coverage.reference)
    to_contact = [body for subject, body in emails_to(CONTACT) if subject == accepted]
    assert len(to_contact) == 1
    assert coverage.reference in to_contact[0]
    assert coverage.get_absolute_url() in to_contact[0]
    assert any(subject == accepted for subject, _body in emails_to(requester.email))
