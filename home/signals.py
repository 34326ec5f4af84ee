"""What the public pages show beyond their own fields, so what invalidates the
whole-page cache (core/page_cache.py): any page published, unpublished, moved or
deleted (menus and lists show other pages), the sites, every site or generic
setting (footer contact details...), and the images, documents and videos pages
embed. The simulator connects its rate card (simulator/signals.py)."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtailmedia.models import get_media_model

from core.page_cache import bump

# Sent by `seed_demo` at the end of its transaction; apps above home add their
# own demo content (the assistant's FAQ). A receiver may return a line to print.
demo_seeded = Signal()


def settings_models() -> list:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BaseSiteSetting | BaseGenericSetting)
    ]


def setting_saved(sender, instance, created=False, **kwargs) -> None:
    """A setting row created on its first read (`for_request` creates it with its
    defaults, which the page already showed) changes nothing; an edit does."""
    if not created:
        bump(sender, **kwargs)


def public_item_saved(sender, instance, **kwargs) -> None:
    """An image, document or video in a private collection (spot files: the spots
    collection is restricted) is on no public page: saving it changes none."""
    collection = getattr(instance, "collection", None)
    if collection is not None and collection.get_view_restrictions().exists():
        return
    bump(sender, **kwargs)


def connect_page_cache_invalidation() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump, dispatch_uid=f"page-cache-{id(signal)}")
    post_delete.connect(bump, sender=Page, dispatch_uid="page-cache-page-deleted")
    post_save.connect(bump, sender=Site, dispatch_uid="page-cache-site")
    post_delete.connect(bump, sender=Site, dispatch_uid="page-cache-site-deleted")
    for model in [get_image_model(), get_document_model(), get_media_model()]:
        label = model._meta.label_lower
        post_save.connect(public_item_saved, sender=model, dispatch_uid=f"page-cache-{label}")
        post_delete.connect(
            public_item_saved, sender=model, dispatch_uid=f"page-cache-{label}-deleted"
        )
    for model in settings_models():
        label = model._meta.label_lower
        post_save.connect(setting_saved, sender=model, dispatch_uid=f"page-cache-{label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"page-cache-{label}-deleted")
