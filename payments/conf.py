"""Payments are off unless ENABLE_PAYMENTS is on: then the pay buttons, routes and
tasks exist; off, the routes answer 404 and the tasks do nothing."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404


def payments_enabled() -> bool:
    return bool(getattr(settings, "ENABLE_PAYMENTS", False))


def require_enabled() -> None:
    if not payments_enabled():
        raise Http404
