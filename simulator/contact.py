"""Who to contact about the rate card: the line at the foot of its PDF.

The contact details are a site setting of a higher app (`home.ContactSettings`),
which plugs its reader in here from its `AppConfig.ready()`, so that the
simulator imports no app above it. Without a reader, the PDF has no contact line."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

_providers: list[Callable[[HttpRequest], object]] = []


def register_contact_provider(provider: Callable[[HttpRequest], object]) -> None:
    """`provider(request)` returns the contact details of the request's site: an
    object with `phone`, `email` and `address` (any may be empty), or None. The
    last one registered wins; registering twice is harmless."""
    if provider in _providers:
        _providers.remove(provider)
    _providers.append(provider)


def contact_for(request: HttpRequest):
    """The contact details for `request`, or None when no app provides them."""
    return _providers[-1](request) if _providers else None
