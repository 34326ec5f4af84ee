"""What makes the index stale, connected in `AssistantConfig.ready()`: a page
published, unpublished, moved or deleted; a FAQ entry published, unpublished
or deleted; a synonym group saved or deleted; any row of a rate card (bands,
options, tiers, offers) saved or deleted. Each asks for one coalesced rebuild
(`services.index.request_index_rebuild`); `seed_demo` adds the demo FAQ and
rebuilds at once (`home.signals.demo_seeded`)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from home.signals import demo_seeded
from simulator.models import Adjustment, Offer, RateCard, TimeBand, VolumeTier

from .models import FaqEntry, SynonymGroup
from .services.index import request_index_rebuild


def demo_content(**kwargs) -> str:
    from .demo import ensure_demo_content

    return ensure_demo_content()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(request_index_rebuild, dispatch_uid=f"assistant-page-{id(signal)}")
    post_delete.connect(request_index_rebuild, sender=Page, dispatch_uid="assistant-page-deleted")
    published.connect(request_index_rebuild, sender=FaqEntry, dispatch_uid="assistant-faq-pub")
    unpublished.connect(request_index_rebuild, sender=FaqEntry, dispatch_uid="assistant-faq-unpub")
    post_delete.connect(request_index_rebuild, sender=FaqEntry, dispatch_uid="assistant-faq-del")
    for model in (SynonymGroup, RateCard, TimeBand, Adjustment, VolumeTier, Offer):
        label = model._meta.label_lower
        post_save.connect(request_index_rebuild, sender=model, dispatch_uid=f"assistant-{label}")
        post_delete.connect(
            request_index_rebuild, sender=model, dispatch_uid=f"assistant-{label}-deleted"
        )
    m2m_changed.connect(
        request_index_rebuild, sender=Adjustment.bands.through, dispatch_uid="assistant-adj-bands"
    )
    demo_seeded.connect(demo_content, dispatch_uid="assistant-demo")
