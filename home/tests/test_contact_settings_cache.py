"""The footer's contact details are read from the cache (no query on each page) and
change on the next page once an editor saves them."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from wagtail.models import Site

from home.models import ContactSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _request():
    site = Site.objects.get(is_default_site=True)
    return RequestFactory().get("/", HTTP_HOST=site.hostname)


def test_the_contact_details_are_read_once_then_from_the_cache(django_assert_num_queries):
    first = ContactSettings.for_request(_request())
    request = _request()
    with django_assert_num_queries(0):
        again = ContactSettings.for_request(request)
    assert again.pk == first.pk


def test_saving_the_contact_details_shows_them_on_the_next_page():
    settings = ContactSettings.for_request(_request())
    settings.phone = "+226 25 00 00 01"
    settings.save()
    assert ContactSettings.for_request(_request()).phone == "+226 25 00 00 01"
    settings.phone = "+226 25 00 00 02"
    settings.save()
    assert ContactSettings.for_request(_request()).phone == "+226 25 00 00 02"


def test_a_dead_cache_still_gives_the_contact_details(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "add", broken)
    monkeypatch.setattr(cache, "set", broken)
    assert ContactSettings.for_request(_request()).pk
