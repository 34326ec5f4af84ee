"""The rate card and its offers are shown by public pages (rates, simulator, the
rate card PDF): any change replaces every cached public page (core/page_cache.py)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from core.page_cache import bump

from .models import Adjustment, Offer, RateCard, TimeBand, VolumeTier


def connect_page_cache_invalidation() -> None:
    for model in (RateCard, TimeBand, Adjustment, VolumeTier, Offer):
        label = model._meta.label_lower
        post_save.connect(bump, sender=model, dispatch_uid=f"page-cache-{label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"page-cache-{label}-deleted")
    m2m_changed.connect(
        bump, sender=Adjustment.bands.through, dispatch_uid="page-cache-adjustment-bands"
    )
