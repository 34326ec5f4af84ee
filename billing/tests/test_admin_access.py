"""Who opens the "Facturation" menu: the commercial administrators and the
accountants; advertisers, broadcasters and the newsroom get a 403 (or the
admin's login page). The accountant sees that menu alone, and never the
station's billing settings."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from billing.tests.admin_fixtures import INDEXES, OUTSIDERS, issued_invoice, refused, url
from billing.tests.factories import accountant_user
from billing.wagtail_hooks import billing_menu_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def accountant(db):
    return accountant_user()


@pytest.mark.parametrize("who", ["administrator", "accountant"])
def test_every_screen_opens_for_the_billing_staff(client, request, who):
    client.force_login(request.getfixturevalue(who))
    for name in INDEXES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name


@pytest.mark.parametrize("who", OUTSIDERS)
def test_every_screen_is_refused_to_others(client, administrator, request, who):
    invoice = issued_invoice(administrator)
    client.force_login(request.getfixturevalue(who))
    urls = [reverse(name) for name in INDEXES] + [
        url("billing_invoices:detail", invoice.pk),
        url("billing_invoices:pdf", invoice.pk),
    ]
    for address in urls:
        assert refused(client.get(address)), address
    for name in ("billing_invoices:issue", "billing_invoices:delete", "billing_invoices:credit"):
        assert refused(client.post(url(name, invoice.pk))), name
    assert refused(client.post(reverse("billing_credit_notes:propose")))


def test_anonymous_goes_to_the_login_page(client):
    response = client.get(reverse("billing_invoices:index"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("administrator", True),
        ("accountant", True),
        ("editorial", False),
        ("broadcaster", False),
        ("advertiser_a", False),
    ],
)
def test_the_billing_menu_lists_its_screens(request, who, shown):
    http = RequestFactory().get("/admin/")
    http.user = request.getfixturevalue(who)
    item = billing_menu_item()
    assert item.is_shown(http) is shown
    if shown:
        urls = [entry.url for entry in item.menu.menu_items_for_request(http)]
        assert urls == [
            reverse("billing_to_bill:index"),
            reverse("billing_invoices:index"),
            reverse("billing_credit_notes:index"),
            reverse("billing_payments:index"),
            reverse("billing_ageing:index"),
            reverse("billing_statement:index"),
            reverse("billing_journal:index"),
        ]


def test_the_accountant_sees_the_billing_menu_alone(accountant):
    """Beside Wagtail's own "Help" (its documentation links, shown to everyone)."""
    http = RequestFactory().get("/admin/")
    http.user = accountant
    names = [item.name for item in admin_menu.menu_items_for_request(http)]
    assert [name for name in names if name != "help"] == ["billing"]


def test_the_accountant_cannot_open_the_other_menus(client, accountant):
    client.force_login(accountant)
    for address in (
        reverse("campaign_review:index"),
        reverse("campaigns_all:index"),
        reverse("broadcast_unplaced:index"),
        reverse("reports_admin:overview"),
        reverse("editorial_desk"),
        reverse("advertisers:index"),
    ):
        response = client.get(address)
        assert response.status_code in (302, 403), address
        if response.status_code == 302:
            assert response["Location"] != address
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


SETTINGS_URL = "/admin/settings/billing/billingsettings/"


def test_only_the_commercial_team_edits_the_billing_settings(client, administrator, accountant):
    client.force_login(accountant)
    response = client.get(SETTINGS_URL, follow=False)
    assert response.status_code in (302, 403)
    http = RequestFactory().get("/admin/")
    http.user = accountant
    assert "settings" not in [item.name for item in admin_menu.menu_items_for_request(http)]

    client.force_login(administrator)
    response = client.get(SETTINGS_URL, follow=True)
    assert response.status_code == 200
    assert b"legal_name" in response.content


def test_the_journal_screen_offers_the_export(client, administrator, accountant, editorial):
    for user in (administrator, accountant):
        client.force_login(user)
        response = client.get("/admin/billing/journal-export/")
        assert response.status_code == 200
        assert b'action="/admin/billing/journal/"' in response.content
    client.force_login(editorial)
    assert client.get("/admin/billing/journal-export/").status_code in (302, 403)
