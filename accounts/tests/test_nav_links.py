"""The advisor and the advertiser stories in the site's navigation: every phone
menu lists them; on a computer, only a visitor's menu (from 1280 px), where a
signed-in role's entries leave no room on one line."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.tests.factories import AdvertiserUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_navigation():
    cache.clear()  # the links are cached per role
    yield
    cache.clear()


def menus(html: str) -> dict[str, str]:
    desktop = re.search(r'<nav aria-label="[^"]+" class="hidden flex-1.*?</nav>', html, re.S)
    mobile = re.search(r'<nav id="mobile-menu".*?</nav>', html, re.S)
    return {"desktop": desktop.group(0), "mobile": mobile.group(0)}


def test_a_visitor_finds_both_pages_in_each_menu(client):
    found = menus(client.get("/login/").content.decode())
    for html in found.values():
        assert 'href="/conseiller/"' in html and ">Conseiller<" in html
        assert 'href="/references/"' in html and "Références</a>" in html
    assert '<span class="hidden xl:contents">' in found["desktop"]


def test_a_signed_in_advertiser_finds_them_in_the_phone_menu_only(client):
    client.force_login(AdvertiserUserFactory())
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    found = menus(response.content.decode())
    assert 'href="/conseiller/"' in found["mobile"]
    assert 'href="/references/"' in found["mobile"]
    assert 'href="/conseiller/"' not in found["desktop"]
    assert 'href="/references/"' not in found["desktop"]
