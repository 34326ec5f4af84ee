"""The parts of the Wagtail admin's shell that are the same for a user for a minute,
kept in the cache (issue 16: the admin dashboard spent most of its time there).

- The sidebar (`{% sidebar_props %}` of wagtailadmin/base.html, on every admin
  page): the menu entries the user may open, their name and avatar, packed as
  JSON. Built on each request by Wagtail (a permission check per entry, then
  telepath packing); kept a minute per user and language. A change of permissions,
  name or avatar shows within that minute; nothing in it is a count staff act on.
- The site summary of the dashboard (Wagtail's counts of pages, images,
  documents and media): kept a minute per user and language.

What staff act on (the campaigns' pending counts, Wagtail's moderation and locked
pages panels) is never cached. A cache outage is a miss: the parts are built as
before (core.cache)."""

from __future__ import annotations

import hashlib

from django import template
from django.core.cache import cache
from django.forms import Media
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.admin.ui.components import Component

TIMEOUT = 60
SIDEBAR_PREFIX = "admin-shell:sidebar:"
SUMMARY_PREFIX = "admin-shell:summary:"


def _user_key(request) -> str:
    """The user, their language and what the shell shows of them (name, avatar
    source, superuser flag): a new key as soon as one of these changes."""
    user = request.user
    shown = "\x1f".join(
        str(value)
        for value in (
            user.get_username(),
            getattr(user, "first_name", ""),
            getattr(user, "is_superuser", False),
            getattr(getattr(user, "photo", None), "name", "") or "",
        )
    )
    digest = hashlib.blake2b(shown.encode(), digest_size=8).hexdigest()
    return f"{user.pk}:{translation.get_language()}:{digest}"


# --- The sidebar ---------------------------------------------------------------------

_original_sidebar_props = None


def cached_sidebar_props(context):
    """Wagtail's `sidebar_props` tag, from the cache when the user's is there."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return _original_sidebar_props(context)
    key = SIDEBAR_PREFIX + _user_key(request)
    html = cache.get(key)
    if html is None:
        html = str(_original_sidebar_props(context))
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308 - Wagtail's own json_script output


def install_sidebar_cache() -> None:
    """Put `cached_sidebar_props` in place of Wagtail's tag (called once from
    `ReportsConfig.ready`, before any template is compiled)."""
    global _original_sidebar_props
    from wagtail.admin.templatetags import wagtailadmin_tags

    if _original_sidebar_props is not None:
        return
    _original_sidebar_props = wagtailadmin_tags.sidebar_props
    library = template.Library()
    library.simple_tag(cached_sidebar_props, takes_context=True, name="sidebar_props")
    wagtailadmin_tags.register.tags["sidebar_props"] = library.tags["sidebar_props"]


# --- The site summary ------------------------------------------------------------------


class CachedSummaryItems(Component):
    """Wagtail's summary items of the dashboard (each an `<li>`), rendered once a
    minute per user: one item standing for all of them."""

    order = 0

    def __init__(self, request, items):
        self.request = request
        self.items = list(items)

    def is_shown(self) -> bool:
        return True

    @property
    def media(self):
        media = Media()
        for item in self.items:
            media += item.media
        return media

    def render_html(self, parent_context=None):
        key = SUMMARY_PREFIX + _user_key(self.request)
        html = cache.get(key)
        if html is None:
            shown = sorted((item for item in self.items if item.is_shown()), key=lambda i: i.order)
            html = "".join(str(item.render_html(parent_context)) for item in shown)
            cache.set(key, html, TIMEOUT)
        return mark_safe(html)  # noqa: S308 - Wagtail's own components' output


def cache_summary_items(request, items) -> None:
    """The `construct_homepage_summary_items` hook, run after Wagtail's and the
    other apps' (they only append): all the items become one cached item."""
    if items and getattr(request.user, "is_authenticated", False):
        items[:] = [CachedSummaryItems(request, items)]
