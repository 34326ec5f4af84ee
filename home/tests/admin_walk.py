"""Every URL pattern of the Wagtail admin (`/admin/…`), as concrete URLs to GET.

`admin_urls(existing)` walks the resolver of `bf1portal.urls` and fills each
pattern's arguments twice: once with the ids of existing objects (`existing`
gives an id for a model, found from the view's model or from the argument's
name), once with ids and strings that match nothing (999999, "x")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

MISSING_ID = 999999
# How the arguments are filled: the first existing object, an object that others
# refer to (what its usage page lists), ids and strings that match nothing.
MODES = ("existing", "referenced", "missing")
MISSING_TEXT = "x"

# URLs the walk does not GET: signing out ends the session of the walk.
SKIPPED_NAMES = {"wagtailadmin_logout"}


@dataclass(frozen=True)
class AdminUrl:
    route: str  # the pattern, e.g. "admin/users/usage/<int:pk>/"
    url: str  # a concrete URL
    filled_with: str  # one of MODES, or "none" (no argument)


def _leaves(patterns, prefix="", namespaces=()) -> Iterator[tuple[str, URLPattern, tuple]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            extra = (entry.namespace,) if entry.namespace else ()
            yield from _leaves(entry.url_patterns, prefix + str(entry.pattern), namespaces + extra)
        else:
            yield prefix + str(entry.pattern), entry, namespaces


def _view_model(pattern: URLPattern):
    callback = pattern.callback
    model = getattr(callback, "view_initkwargs", {}).get("model")
    if model is None:
        model = getattr(getattr(callback, "view_class", None), "model", None)
    return model if isinstance(model, type) else None


def _arguments(pattern: URLPattern) -> tuple[list[str], dict[str, str]]:
    """(positional groups, {name: converter or regex}) of a pattern."""
    if isinstance(pattern.pattern, RoutePattern):
        route = str(pattern.pattern)
        found = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        named = {name: f"<{converter or 'str'}>" for converter, name in found}
        return [], named
    regex = pattern.pattern.regex
    named = {name: _group_regex(regex.pattern, name) for name in regex.groupindex}
    unnamed = re.findall(r"\((?!\?)([^)]*)\)", regex.pattern)
    return unnamed, named


def _group_regex(source: str, name: str) -> str:
    match = re.search(rf"\(\?P<{name}>([^)]*)\)", source)
    return match.group(1) if match else ".*"


def _regex_value(group: str, id_value: int) -> str:
    """A value matching a regex group: an id for digits, else its first word."""
    first = group.split("|")[0]
    if first in (r"\d+", "[0-9]+"):
        return str(id_value)
    if re.fullmatch(r"\w+", first):
        return first
    return MISSING_TEXT


def admin_urls(existing: Callable[[object, str, str], int | str | None]) -> list[AdminUrl]:
    """The admin's URLs. `existing(model, argument_name, mode)` returns the id of
    an existing object (model None: guess from the argument's name; mode
    "referenced": one that other objects refer to), or None."""
    urls: list[AdminUrl] = []
    leaves = list(_leaves(get_resolver("bf1portal.urls").url_patterns))
    # The model of a viewset's action views: the one its other views name.
    models_by_namespace = {}
    for _route, pattern, namespaces in leaves:
        if namespaces and _view_model(pattern) is not None:
            models_by_namespace.setdefault(namespaces, _view_model(pattern))
    for route, pattern, namespaces in leaves:
        if not route.startswith("admin/") or pattern.name in SKIPPED_NAMES:
            continue
        unnamed, named = _arguments(pattern)
        if not unnamed and not named:
            url = _reverse(pattern, namespaces, (), {}) or "/" + route
            # A catch-all regex (Wagtail's admin 404) answers for any path.
            if isinstance(pattern.pattern, RegexPattern):
                url = "/admin/no-such-page/"
            urls.append(AdminUrl(route, url, "none"))
            continue
        model = _view_model(pattern) or models_by_namespace.get(namespaces)
        for mode in MODES:
            kwargs = {}
            for name, kind in named.items():
                kwargs[name] = _fill(kind, name, model, mode, existing)
            args = [_fill_regex(g, model, mode, existing, i) for i, g in enumerate(unnamed)]
            url = _reverse(pattern, namespaces, args, kwargs)
            if url is not None:
                urls.append(AdminUrl(route, url, mode))
    # One GET per URL: a mode that finds no object, and the portal's patterns
    # answered before Wagtail's own (home/admin_urls.py), give the same URL.
    unique = {}
    for admin_url in urls:
        unique.setdefault(admin_url.url, admin_url)
    return list(unique.values())


def _fill(kind: str, name: str, model, mode: str, existing) -> str:
    """A value for a named argument: `kind` is "<int>" (a path converter) or
    the argument's regex."""
    if kind in ("<int>", r"\d+", "[0-9]+") or name == "pk":
        if mode == "missing":
            return str(MISSING_ID)
        found = existing(model if name == "pk" else None, name, mode)
        return str(found if found is not None else MISSING_ID)
    if not kind.startswith("<") and ("|" in kind or re.fullmatch(r"\w+", kind)):
        return _regex_value(kind, 1)
    if mode != "missing":
        found = existing(None, name, mode)
        if found is not None:
            return str(found)
    return MISSING_TEXT


def _fill_regex(group: str, model, mode: str, existing, index: int) -> str:
    if index == 0 and group in (r"\d+", "[0-9]+"):
        found = existing(model, "page_id", mode) if mode != "missing" else None
        return str(found if found is not None else MISSING_ID)
    return _regex_value(group, MISSING_ID if mode == "missing" else 1)


def _reverse(pattern: URLPattern, namespaces: tuple, args, kwargs) -> str | None:
    if not pattern.name:
        return None
    name = ":".join((*namespaces, pattern.name))
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except Exception:  # noqa: BLE001 - an argument the pattern refuses: not walked
        return None
