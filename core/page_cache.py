"""Whole-page cache of the public pages an anonymous visitor reads (issue 16).

A public Wagtail page (home, guides, rates, the simulator without a query...) is
the same for every visitor without a session: its rendered response is kept in
Django's cache (locmem, or Redis with REDIS_URL) and `PageCacheMiddleware`
answers the next anonymous GET of the same address from it, before any URL
resolution, page lookup or template work (no database query at all).

What may be kept is decided in two steps:
- the request: GET, no query string, no session cookie (signed in, or a session
  in progress), no messages cookie (a message waits to be shown), no
  Authorization header;
- the page: Wagtail's `before_serve_page` hook (home/wagtail_hooks.py) calls
  `note_wagtail_page`, which marks the request when the page is public (no
  view restriction), not a preview, and does not opt out (`page_cache = False`
  on its model); then the response: 200, not streamed, no cookie set, no CSRF
  token used, the session not read, no message shown, no Cache-Control of its
  own saying private/no-store/no-cache.

The key is the scheme, host, active language, day (the rate card valid today)
and path, so an English visitor never gets the French page or the reverse.

Invalidation: every entry carries the "generation" read when its request
started; `bump` replaces the generation (at once, and again when the
transaction commits), which invalidates every page at once. The apps call
`bump` on what public pages show: pages published, unpublished, moved or
deleted, site settings, images and documents (home), the rate card and its
offers (simulator). When a front cache purge URL is configured
(`WAGTAILFRONTENDCACHE`), a bump also purges the public pages' URLs there.

A dead cache (Redis down) makes every lookup a miss and every store a no-op:
the page is served uncached, never an error."""

from __future__ import annotations

import hashlib
import logging
import threading

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control

from .generations import Generation
from .language import visitor_language

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
ENTRY_PREFIX = "page-cache:page:"
# request attributes set by this module
_NOTE = "_page_cache_note"  # True: a cacheable page; False: a page, not cacheable
_GENERATION = "_page_cache_generation"
_KEY = "_page_cache_key"
# A process remembers which addresses are pages (so that other addresses cost no
# cache round trip); bounded in case of many routable sub-pages.
KNOWN_PATHS_MAX = 10_000
_known_paths: set[str] = set()
_known_lock = threading.Lock()


def cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def cache_control() -> dict:
    return {
        "public": True,
        "max_age": int(getattr(settings, "PAGE_CACHE_MAX_AGE", 60)),
        "s_maxage": int(getattr(settings, "PAGE_CACHE_SHARED_MAX_AGE", 60)),
    }


# --- Which requests -------------------------------------------------------------------


def anonymous_get(request) -> bool:
    """A GET without query string from a visitor with no session and no waiting
    message: the only requests the cache answers or fills."""
    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or _messages_cookie_name() in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def _messages_cookie_name() -> str:
    return getattr(settings, "MESSAGES_COOKIE_NAME", "messages")


def entry_key(request) -> str | None:
    """The cache key of this address for this visitor, or None when the host is
    not one this site answers (left to CommonMiddleware)."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    language = visitor_language(request)
    parts = "|".join(
        (request.scheme, host, language, timezone.localdate().isoformat(), request.path)
    )
    return ENTRY_PREFIX + hashlib.sha256(parts.encode()).hexdigest()[:40]


# --- The generation -----------------------------------------------------------------


PAGES = Generation("page-cache", key=GENERATION_KEY)


def current_generation() -> str | None:
    """The generation now, created when missing; None when the cache cannot keep one."""
    return PAGES.current()


def bump(*args, using=None, **kwargs) -> None:
    """Invalidate every cached page: now (for requests in flight) and again once
    the current transaction commits (a page rendered in between read the old
    rows). Usable as a signal receiver. Purges the front cache too when one is
    configured."""
    PAGES.bump(using=using)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        _on_commit_once(purge_front_cache, using)


def _on_commit_once(func, using) -> None:
    """`func` once when the transaction commits, however many rows of a rate
    card (or pages of a deleted subtree) it saved."""
    connection = transaction.get_connection(using)
    pending = getattr(connection, "run_on_commit", None) or []
    if connection.in_atomic_block and any(len(entry) > 1 and entry[1] is func for entry in pending):
        return
    transaction.on_commit(func, using=using)


# --- Front cache (nginx, CDN) ---------------------------------------------------------


def purge_front_cache() -> None:
    """Ask the front cache to drop every live public page (their routable
    sub-pages included: `get_cached_paths`). Wagtail purges a page it publishes
    itself; this covers the pages that show it (lists, menus) and the changes that
    are not pages (rate card, settings)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    try:
        from wagtail.contrib.frontend_cache.utils import PurgeBatch
        from wagtail.models import Page

        batch = PurgeBatch()
        batch.add_pages(Page.objects.live().public().specific())
        batch.purge()
    except Exception:  # noqa: BLE001 - the front cache forgets the pages after s-maxage
        logger.warning("Could not purge the front cache", exc_info=True)


# --- Marking the page (Wagtail's before_serve_page hook) ------------------------------


def note_wagtail_page(page, request) -> None:
    """Called by the `before_serve_page` hook: whether this page, for this
    request, may be kept."""
    cacheable = (
        anonymous_get(request)
        and not getattr(request, "is_preview", False)
        and getattr(page, "page_cache", True) is not False
        and not page.get_view_restrictions().exists()
    )
    setattr(request, _NOTE, cacheable)
    if cacheable and getattr(request, _KEY, None) is None:
        # Read before the page does its work: a change saved while it renders
        # leaves this entry under the old generation (invalid at once).
        setattr(request, _KEY, entry_key(request))
        setattr(request, _GENERATION, current_generation())


# --- Reading and writing entries ------------------------------------------------------


def lookup(request, key: str) -> HttpResponse | None:
    """The cached response of this address, or None; remembers the generation
    the page is rendered under."""
    try:
        found = cache.get_many([GENERATION_KEY, key])
    except Exception:  # noqa: BLE001 - a dead cache is a miss
        logger.warning("Page cache unavailable (lookup)", exc_info=True)
        return None
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = current_generation()
    setattr(request, _GENERATION, generation)
    entry = found.get(key)
    if generation is None or not entry or entry[0] != generation:
        return None
    _generation, content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def storable(request, response) -> bool:
    if getattr(request, _NOTE, None) is not True or response.status_code != 200:
        return False
    if response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page carries a CSRF token: it belongs to one visitor
    session = getattr(request, "session", None)
    if session is not None and (session.accessed or session.modified):
        return False  # the page read the session (it would vary by cookie)
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    if translation.get_language() != visitor_language(request):
        return False  # the view switched language: not the key's language
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def store(request, key: str, response) -> None:
    generation = getattr(request, _GENERATION, None)
    if generation is None or cache_seconds() <= 0:
        return
    headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
    try:
        cache.set(key, (generation, response.content, headers), cache_seconds())
    except Exception:  # noqa: BLE001 - a dead cache: the page is simply not kept
        logger.warning("Page cache unavailable (store)", exc_info=True)
        return
    _remember_path(request.path)


def _remember_path(path: str) -> None:
    if path in _known_paths:
        return
    with _known_lock:
        if len(_known_paths) >= KNOWN_PATHS_MAX:
            _known_paths.clear()
        _known_paths.add(path)


def forget_known_paths() -> None:
    """Tests: the process has seen no page yet."""
    with _known_lock:
        _known_paths.clear()


def is_known_path(path: str) -> bool:
    return path in _known_paths


# --- The middleware -------------------------------------------------------------------


class PageCacheMiddleware:
    """Answers anonymous GETs of public pages from the cache; keeps the pages
    Wagtail marked as cacheable; sets their Cache-Control (public, short
    max-age, s-maxage for nginx/a CDN) and `private` on the other pages Wagtail
    serves.

    Placed right after SecurityMiddleware (its HTTPS redirect and headers apply
    to every answer): a hit skips the rest of the stack, and the headers the
    inner middleware set on the page when it was rendered (Content-Security-Policy,
    Permissions-Policy, X-Frame-Options, Content-Language) are kept with it. They
    are the same for every visitor: the policy carries no nonce (a nonce in a
    cached page would be reused, so a page using `request.csp_nonce` must opt out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if cache_seconds() > 0 and anonymous_get(request) and request.path in _known_paths:
            # Addresses this process never stored cost no cache round trip (the
            # first request after a restart renders, as it would on a miss).
            key = entry_key(request)
            setattr(request, _KEY, key)
            cached = lookup(request, key) if key is not None else None
            if cached is not None:
                return cached
        response = self.get_response(request)
        note = getattr(request, _NOTE, None)
        if note is None:
            return response  # not a Wagtail page
        key = getattr(request, _KEY, None)
        if note and key is not None and storable(request, response):
            patch_cache_control(response, **cache_control())
            store(request, key, response)
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response


def remembered(name: str, build, *, timeout: int = 300):
    """`build()`, kept in the cache for the current generation under `name`: for what
    every page shows and changes only with what bumps the generation (the site's
    contact details in the footer). Built afresh when the cache is down."""
    return PAGES.cached(f"value:{name}", build, timeout=timeout)
