"""Issue 17, point 4: an answer appears in the advertiser's open thread without a
reload (WebSocket /ws/messages/<id>/, served by daphne), and the thread is then
marked read (the page is in front of the reader)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import DEFAULT_PASSWORD, AdvertiserUserFactory, UserFactory
from conversations import services
from conversations.models import ReadMark

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUSHED_WITHIN_MS = 10_000  # the page polls every 30 s: sooner means the socket


@pytest.fixture
def open_page(browser, asgi_live_server):
    contexts = []

    def open_():
        context = browser.new_context(
            base_url=asgi_live_server.url, locale="fr-FR", viewport={"width": 390, "height": 844}
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
    page.wait_for_url(re.compile(r".*/(campaigns|admin|messages)/.*$"))


def test_an_answer_appears_live_in_the_open_thread(open_page):
    advertiser = AdvertiserUserFactory(email="client@faso-lait.bf")
    UserFactory(email="commercial@bf1.bf", roles=[Role.ADMINISTRATOR], first_name="Awa")
    thread = services.open_thread(
        author=advertiser, kind="question", title="Horaires du spot", body="Quand passe-t-il ?"
    )

    client_page = open_page()
    log_in(client_page, advertiser.email)
    client_page.goto(f"/messages/{thread.pk}/")
    expect(client_page.locator("[data-thread-messages] > li")).to_have_count(1)

    staff_page = open_page()
    log_in(staff_page, "commercial@bf1.bf")
    staff_page.goto(f"/messages/{thread.pk}/")
    staff_page.fill("textarea[name=body]", "Il passe à **20 h** chaque soir.")
    staff_page.locator("form[data-reply-form] [type=submit]").click()
    staff_page.wait_for_url(re.compile(rf"/messages/{thread.pk}/"))

    answer = client_page.locator("[data-thread-messages] > li").nth(1)
    expect(answer).to_contain_text("BF1 · Awa", timeout=PUSHED_WITHIN_MS)
    expect(answer.locator("strong")).to_have_text("20 h")
    # The page was in front of the advertiser: the thread is read, the badge empty.
    last = thread.messages.order_by("-pk").first()
    expect(client_page.locator("[data-unread-messages]").first).to_be_hidden()
    assert read_up_to(client_page, thread, advertiser) == last.pk


def read_up_to(page, thread, user, within_ms: int = PUSHED_WITHIN_MS) -> int | None:
    """The last message `user` has read in `thread`, once the page's catch-up
    request (sent after the pushed message is shown) has recorded it: the badge
    may be hidden before that request ends."""
    last = thread.messages.order_by("-pk").values_list("pk", flat=True).first()
    waited = 0
    while True:
        mark = ReadMark.objects.filter(thread=thread, user=user).first()
        read = mark.last_read_message_id if mark else None
        if read == last or waited >= within_ms:
            return read
        page.wait_for_timeout(100)
        waited += 100
