"""Sections that apps above billing add to the advertiser's invoice page
(/billing/invoices/<uuid>/), e.g. the online payment of payments.

An app registers, in its `AppConfig.ready()`, a function `fn(request, invoice)`
returning None (nothing to show), rendered HTML, or a (template, context) pair;
the invoice page renders every registered section in order (billing imports
none of them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

_PANELS: dict[str, Callable[[Any, Any], Any]] = {}


def register_invoice_panel(name: str, fn: Callable[[Any, Any], Any]) -> None:
    """Add (or replace) the section `name` of the invoice page."""
    _PANELS[name] = fn


def invoice_panels(request, invoice) -> list[SafeString]:
    """The rendered sections of `invoice`'s page, in the order registered."""
    rendered = []
    for fn in _PANELS.values():
        result = fn(request, invoice)
        if not result:
            continue
        if isinstance(result, tuple):
            template, context = result
            result = render_to_string(template, context, request=request)
        rendered.append(mark_safe(result))  # noqa: S308 - rendered by a template or the app
    return rendered
