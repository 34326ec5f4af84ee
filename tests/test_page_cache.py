"""The whole-page cache of public pages for anonymous visitors (issue 16, point 2):
core/page_cache.py, its hook (home/wagtail_hooks.py) and what invalidates it
(home/signals.py, simulator/signals.py)."""

from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.models import PageViewRestriction, Site

from core import page_cache
from home.models import ContactPage, ContactSettings, StandardPage
from simulator.demo import ensure_demo_rate_card
from simulator.models import Offer, RateCardPage, TimeBand
from simulator.tests.simulator_pages import make_simulator_page
from tests.e2e.test_simulator import ensure_home_page

pytestmark = pytest.mark.django_db

FRONT_CACHE = {
    "default": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": "http://127.0.0.1:9",
    }
}


@pytest.fixture
def public_site():
    cache.clear()
    page_cache.forget_known_paths()
    ensure_demo_rate_card()
    home = ensure_home_page()
    make_simulator_page()
    rate_page = home.add_child(instance=RateCardPage(title="Tarifs", slug="tarifs"))
    rate_page.save_revision().publish()
    yield home
    cache.clear()
    page_cache.forget_known_paths()


def queries_of(client, path, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    return response, len(queries)


def cached_html(client, path) -> str:
    """The page, asked twice: the second answer must come from the cache."""
    client.get(path)
    response, queries = queries_of(client, path)
    assert queries <= 1, f"{path} was not served from the cache"
    return response.content.decode()


@pytest.mark.parametrize("path", ["/", "/tarifs/", "/simulateur/"])
def test_the_second_anonymous_get_comes_from_the_cache(
    client, public_site, path, django_assert_max_num_queries
):
    first = client.get(path)
    assert first.status_code == 200
    with django_assert_max_num_queries(1):
        second = client.get(path)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("path", ["/", "/tarifs/", "/simulateur/"])
def test_cached_pages_are_public_for_shared_caches_without_cookie_or_vary_cookie(
    client, public_site, path
):
    for response in (client.get(path), client.get(path)):  # the miss, then the hit
        control = response["Cache-Control"]
        assert "public" in control
        assert f"max-age={settings.PAGE_CACHE_MAX_AGE}" in control
        assert f"s-maxage={settings.PAGE_CACHE_SHARED_MAX_AGE}" in control
        assert "cookie" not in response.get("Vary", "").lower()
        assert "accept-language" not in response.get("Vary", "").lower()
        assert not response.cookies
        assert "Content-Security-Policy" in response  # outer middleware still runs on a hit


def test_publishing_a_page_shows_at_the_next_get(client, public_site):
    assert "Nouvelle accroche" not in cached_html(client, "/")
    public_site.hero_title = "Nouvelle accroche"
    public_site.save_revision().publish()
    assert "Nouvelle accroche" in client.get("/").content.decode()


def test_unpublishing_a_page_removes_it_from_the_next_get(client, public_site):
    assert "Tarifs" in cached_html(client, "/tarifs/")
    RateCardPage.objects.get().unpublish()
    assert client.get("/tarifs/").status_code == 404


def test_a_rate_card_change_shows_at_the_next_get(client, public_site):
    assert "Tranche Zèbre" not in cached_html(client, "/tarifs/")
    assert "Tranche Zèbre" not in cached_html(client, "/simulateur/")
    band = TimeBand.objects.filter(rate_card__isnull=False).first()
    band.name = "Tranche Zèbre"
    band.save()
    assert "Tranche Zèbre" in client.get("/tarifs/").content.decode()
    assert "Tranche Zèbre" in client.get("/simulateur/").content.decode()


def test_an_offer_change_shows_at_the_next_get(client, public_site):
    assert "Offre Baobab" not in cached_html(client, "/tarifs/")
    offer = Offer.objects.first()
    offer.name = "Offre Baobab"
    offer.save()
    assert "Offre Baobab" in client.get("/tarifs/").content.decode()


def test_a_site_setting_change_shows_at_the_next_get(client, public_site):
    assert "+226 25 99 88 77" not in cached_html(client, "/")
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.phone = "+226 25 99 88 77"
    contact.save()
    assert "+226 25 99 88 77" in client.get("/").content.decode()


def test_each_language_gets_its_own_page_from_the_cache(
    client, public_site, django_assert_max_num_queries
):
    english = {"HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=en"}
    french_miss = client.get("/")
    english_miss = client.get("/", **english)
    assert french_miss.content != english_miss.content
    for _round in range(2):
        with django_assert_max_num_queries(1):
            french = client.get("/")
        with django_assert_max_num_queries(1):
            english_hit = client.get("/", **english)
        assert french.content == french_miss.content and french["Content-Language"] == "fr"
        assert '<html lang="fr"' in french.content.decode()
        assert english_hit.content == english_miss.content
        assert english_hit["Content-Language"] == "en"
        assert '<html lang="en"' in english_hit.content.decode()


def test_a_signed_in_user_neither_gets_nor_fills_the_cache(client, public_site, django_user_model):
    user = django_user_model.objects.create_user(
        email="lectrice@example.bf", password="x-long-password-1", first_name="Awa"
    )
    anonymous = client.get("/")
    client.get("/")  # now cached
    client.force_login(user)
    signed_in, queries = queries_of(client, "/")
    assert queries > 1
    assert signed_in.content != anonymous.content
    assert "lectrice@example.bf" in signed_in.content.decode()
    assert "public" not in signed_in["Cache-Control"]
    assert "private" in signed_in["Cache-Control"]

    cache.clear()
    client.get("/")  # signed in: must not fill
    client.logout()
    for _round in range(2):
        html = client.get("/").content.decode()
        assert "lectrice@example.bf" not in html


def test_the_simulator_with_a_query_is_not_cached(client, public_site):
    path = "/simulateur/?duration=30&airings_prime=5"
    client.get(path)
    response, queries = queries_of(client, path)
    assert response.status_code == 200 and queries > 1
    assert "public" not in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_contact_page_with_its_csrf_form_is_not_cached(client, public_site):
    contact = public_site.add_child(
        instance=ContactPage(title="Contact", slug="contact", to_address="pub@bf1.bf")
    )
    contact.save_revision().publish()
    first = client.get("/contact/")
    assert first.status_code == 200 and "csrfmiddlewaretoken" in first.content.decode()
    second, queries = queries_of(client, "/contact/")
    assert queries > 1
    assert "public" not in second["Cache-Control"] and "private" in second["Cache-Control"]


def test_a_page_with_a_csrf_token_is_never_kept(client, public_site):
    """Even a page that does not opt out: a visitor who has a CSRF cookie gets a
    token derived from it, which must never reach another visitor."""
    page = public_site.add_child(instance=StandardPage(title="A propos", slug="a-propos"))
    page.save_revision().publish()
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    request_meta = {}

    def uses_token(page, request, serve_args, serve_kwargs):
        from django.middleware.csrf import get_token

        get_token(request)
        request_meta.update(request.META)

    with hooks.register_temporarily("before_serve_page", uses_token):
        client.get("/a-propos/")
        _second, queries = queries_of(client, "/a-propos/")
    assert request_meta.get("CSRF_COOKIE_NEEDS_UPDATE")
    assert queries > 1


def test_a_private_page_is_not_cached(client, public_site):
    page = public_site.add_child(instance=StandardPage(title="Interne", slug="interne"))
    page.save_revision().publish()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    client.get("/interne/")
    response, queries = queries_of(client, "/interne/")
    assert queries > 1
    assert "public" not in response.get("Cache-Control", "")


def test_a_waiting_message_bypasses_the_cache(client, public_site):
    cached_html(client, "/")
    client.cookies["messages"] = "anything"
    _response, queries = queries_of(client, "/")
    assert queries > 1


def test_a_broken_cache_still_serves_the_page(client, public_site):
    broken = mock.Mock()
    for method in ("get", "get_many", "set", "add"):
        getattr(broken, method).side_effect = ConnectionError("cache down")
    cached_html(client, "/")
    with mock.patch.object(page_cache, "cache", broken):
        for _round in range(2):
            response = client.get("/")
            assert response.status_code == 200
            assert "BF1" in response.content.decode()
    assert broken.get_many.called


def test_a_front_cache_is_purged_once_per_change_when_configured(
    client, public_site, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = FRONT_CACHE
    with (
        mock.patch("wagtail.contrib.frontend_cache.utils.PurgeBatch.purge") as purge,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for band in TimeBand.objects.all()[:3]:
            band.save()
    assert purge.call_count == 1


def test_the_front_cache_purge_covers_public_pages_and_the_rate_card_pdf(public_site, settings):
    settings.WAGTAILFRONTENDCACHE = FRONT_CACHE
    with mock.patch(
        "wagtail.contrib.frontend_cache.backends.HTTPBackend.purge_batch"
    ) as purge_batch:
        page_cache.purge_front_cache()
    urls = set(purge_batch.call_args.args[0])
    assert {"http://localhost/", "http://localhost/tarifs/", "http://localhost/simulateur/"} <= urls
    assert "http://localhost/tarifs/grille-pdf/" in urls


def test_nothing_is_purged_without_a_front_cache(public_site, django_capture_on_commit_callbacks):
    assert not getattr(settings, "WAGTAILFRONTENDCACHE", None)
    with (
        mock.patch("wagtail.contrib.frontend_cache.utils.PurgeBatch.purge") as purge,
        django_capture_on_commit_callbacks(execute=True),
    ):
        TimeBand.objects.first().save()
    assert not purge.called


def test_a_spot_file_saved_in_the_private_spots_collection_keeps_the_public_pages(db):
    """Spot images and videos are on no public page: uploading one keeps the cache."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from campaigns.spot_files import spot_collection
    from core import page_cache

    before = page_cache.current_generation()
    get_image_model().objects.create(
        title="spot", file=get_test_image_file(), collection=spot_collection()
    )
    assert page_cache.current_generation() == before
    get_image_model().objects.create(title="guide", file=get_test_image_file())
    assert page_cache.current_generation() != before
