"""Public pages that a shared cache can keep, and the markup that Lighthouse and axe
asked for (issue 13, "Accessibility and first paint")."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string

from simulator.demo import ensure_demo_rate_card
from simulator.models import RateCardPage
from simulator.tests.simulator_pages import make_simulator_page
from tests.e2e.test_simulator import ensure_home_page

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/tarifs/", "/simulateur/"]


@pytest.fixture
def public_site():
    cache.clear()
    ensure_demo_rate_card()
    home = ensure_home_page()
    make_simulator_page()
    rate_page = home.add_child(instance=RateCardPage(title="Tarifs", slug="tarifs"))
    rate_page.save_revision().publish()
    yield home
    cache.clear()


def ids_in(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def described_ids(html: str) -> list[str]:
    found = []
    for value in re.findall(r'aria-describedby="([^"]*)"', html):
        found += value.split()
    return found


@pytest.mark.parametrize("path", PUBLIC)
def test_a_public_page_sets_no_cookie_and_is_not_marked_uncacheable(client, public_site, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies, dict(response.cookies)
    control = response.headers.get("Cache-Control", "")
    assert "no-cache" not in control and "no-store" not in control and "private" not in control


def test_the_footer_switches_language_with_a_link_that_goes_back_safely(client, public_site):
    html = client.get("/tarifs/").content.decode()
    assert 'action="/i18n/setlang/"' not in html
    assert 'href="/language/en/?next=/tarifs/"' in html

    response = client.get("/language/en/?next=/tarifs/")
    assert response.status_code == 302 and response["Location"] == "/tarifs/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/tarifs/").headers["Content-Language"] == "en"

    for unsafe in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.get("/language/fr/", {"next": unsafe})
        assert response["Location"] == "/"
    assert client.get("/language/xx/").status_code == 404
    assert client.post("/language/fr/").status_code == 405


@pytest.mark.parametrize("path", [*PUBLIC, "/login/", "/register/", "/coverage/request/"])
def test_every_page_has_a_meta_description(client, public_site, path):
    html = client.get(path).content.decode()
    match = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert match and len(match.group(1)) > 40, path


def test_a_wagtail_page_uses_its_search_description(client, public_site):
    public_site.search_description = "La régie publicitaire de BF1, en ligne."
    public_site.save_revision().publish()
    html = client.get("/").content.decode()
    assert '<meta name="description" content="La régie publicitaire de BF1, en ligne.">' in html


def test_the_coverage_request_has_its_own_description(client, public_site):
    html = client.get("/coverage/request/").content.decode()
    assert "rédaction de BF1" in re.search(r'<meta name="description" content="([^"]+)">', html)[1]


def test_the_simulator_script_is_deferred_and_runs_before_alpine(client, public_site):
    html = client.get("/simulateur/").content.decode()
    simulator = re.search(r'<script src="[^"]*js/simulator\.js"([^>]*)>', html)
    assert simulator and "defer" in simulator.group(1)
    assert html.index("js/simulator.js") < html.index("alpine-csp.min.js")


@pytest.mark.parametrize("path", ["/coverage/request/", "/register/", "/login/"])
def test_aria_describedby_points_at_ids_that_exist(client, public_site, path):
    response = client.get(path)
    if response.status_code == 404:
        pytest.skip(f"{path} is not published in this test site")
    html = response.content.decode()
    assert set(described_ids(html)) <= ids_in(html)


def test_field_help_and_errors_carry_the_ids_the_widget_names():
    from django import forms

    class Form(forms.Form):
        title = forms.CharField(help_text="Le nom de l'événement.")

    form = Form(data={})
    form.is_valid()
    html = render_to_string("campaigns/_field.html", {"field": form["title"]})
    assert described_ids(html) == ["id_title_helptext", "id_title_error"]
    assert set(described_ids(html)) <= ids_in(html)


def test_the_coverage_form_errors_are_described_by_existing_ids(client, public_site):
    html = client.post("/coverage/request/", {"step": "1"}).content.decode()
    assert described_ids(html)
    assert set(described_ids(html)) <= ids_in(html)


def test_the_whatsapp_link_is_inside_a_landmark_and_needs_no_brands_font(rf):
    from types import SimpleNamespace

    contact = SimpleNamespace(
        whatsapp_link_number="22670000000", whatsapp_message="", whatsapp_position="right"
    )
    html = render_to_string("components/whatsapp.html", {"contact": contact})
    assert re.search(r"<aside aria-label=\"[^\"]+\">\s*<a href=\"https://wa\.me/", html)
    assert "fa-brands" not in html and "<svg" in html


def test_light_red_text_is_gone_from_red_backgrounds(client, public_site):
    for path in ("/", "/simulateur/"):
        assert "text-red-50" not in client.get(path).content.decode(), path


def test_the_rate_table_scrolls_from_the_keyboard_and_is_labelled(client, public_site):
    html = client.get("/tarifs/").content.decode()
    scrollers = re.findall(r"<div[^>]*overflow-x-auto[^>]*>", html)
    assert scrollers
    for tag in scrollers:
        assert 'tabindex="0"' in tag
        label = re.search(r'aria-labelledby="([^"]+)"', tag)
        assert re.search(r'aria-label="[^"]+"', tag) or (label and label[1] in ids_in(html))


def test_out_of_month_days_are_readable():
    css = render_to_string("broadcasting/advertiser/_styles.html")
    rule = re.search(r"\.bc-day\.is-outside \{ background: #F8FAFC; color: (#[0-9A-Fa-f]{6})", css)
    assert rule and rule[1].upper() not in {"#94A3B8", "#CBD5E1"}


def test_unpicked_bands_are_drawn_without_their_airings_field(client, public_site):
    from pathlib import Path

    html = client.get("/simulateur/").content.decode()
    assert html.count("data-band-airings") == html.count("data-band-card=")
    css = (Path(settings.BASE_DIR) / "static" / "css" / "app.css").read_text()
    assert "[data-band-airings]" in css and ":has(" in css
