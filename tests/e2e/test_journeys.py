"""The foundation's browser journeys: a visitor becomes an advertiser, and an
administrator reaches the Wagtail admin."""

import re

import pytest
from django.core import mail

from accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Ouaga-Pub-2026!"


def test_visitor_registers_confirms_logs_in_and_out(page):
    page.goto("/register/")
    page.fill("#id_first_name", "Awa")
    page.fill("#id_last_name", "Ouédraogo")
    page.fill("#id_email", "Awa.Ouedraogo@Example.BF")
    page.fill("#id_phone", "70 12 34 56")
    page.fill("#id_company_name", "Faso Jus SARL")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("#id_accept_terms")
    page.locator("form#register-form [type=submit]").click()
    page.wait_for_load_state()

    user = User.objects.get(email="awa.ouedraogo@example.bf")
    assert user.advertiser.name == "Faso Jus SARL"
    assert user.email_confirmed_at is None

    bodies = [message.body for message in mail.outbox if user.email in message.to]
    assert bodies, "no confirmation e-mail in the outbox"
    link = re.search(r"https?://\S+/register/confirm/\S+/", bodies[-1]).group(0)
    path = "/" + link.split("/", 3)[3]
    page.goto(path)

    user.refresh_from_db()
    assert user.email_confirmed_at is not None

    page.goto("/login/")
    page.fill("#id_username", "AWA.OUEDRAOGO@example.bf")
    page.fill("#id_password", PASSWORD)
    page.locator("form#login-form [type=submit]").click()
    page.wait_for_url(re.compile(r".*/campaigns/$"))
    assert page.locator("h1").first.inner_text().strip() == "Tableau de bord"

    # The logout button sits in the user menu; submit its POST form.
    with page.expect_navigation():
        page.locator("form#logout-form").first.evaluate("form => form.requestSubmit()")
    page.goto("/campaigns/")
    assert "/login/" in page.url


def test_administrator_logs_into_admin(page):
    User.objects.create_superuser(
        email="chef.pub@bf1.bf", password=PASSWORD, first_name="Chef", last_name="Pub"
    )
    page.goto("/login/")
    page.fill("#id_username", "chef.pub@bf1.bf")
    page.fill("#id_password", PASSWORD)
    page.locator("form#login-form [type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    assert page.locator("body").inner_text().count("BF1") >= 1
    page.goto("/admin/users/")
    assert page.locator("text=chef.pub@bf1.bf").count() >= 1
