"""The station's billing settings, for the default site (defaults if none saved)."""

from __future__ import annotations

from .models import BillingSettings


def billing_settings() -> BillingSettings:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return BillingSettings()
    return BillingSettings.for_site(site)
