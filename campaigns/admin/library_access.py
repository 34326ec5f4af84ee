"""Who sees the advertisers' creatives in the Wagtail libraries (images, media,
their choosers and the admin API): the commercial team only, who review them; the
editorial desk (and anyone else who opens the admin) never sees a spot's image,
poster or video there (docs/decisions/0011-private-spot-media.md).

A spot's file is recognised by the spot that points to it (image, poster, video)
or by the spots collection it is stored in, so that neither a moved item nor an
old one slips through. Its title starts with the advertiser's name (set by the
upload and by migration 0005), which is how the commercial team tells them apart.

Imported by `campaigns.wagtail_hooks`, which registers the hooks below."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.urls import path
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from accounts.permissions import is_campaign_staff

from ..models import Spot
from ..spot_files import SPOT_COLLECTION_NAME


def may_see_spot_media(user) -> bool:
    """The commercial administrators (and superusers)."""
    return is_campaign_staff(user)


def _in_spot_collection() -> Q:
    return Q(collection__name=SPOT_COLLECTION_NAME, collection__depth=2)


def spot_images() -> Q:
    """Images that are a spot's image or poster (for an image queryset)."""
    spots = Spot.objects.all()
    return (
        Q(pk__in=spots.filter(image__isnull=False).values("image_id"))
        | Q(pk__in=spots.filter(poster__isnull=False).values("poster_id"))
        | _in_spot_collection()
    )


def spot_media() -> Q:
    """wagtailmedia items that are a spot's video (for a media queryset)."""
    return Q(pk__in=Spot.objects.filter(media__isnull=False).values("media_id")) | (
        _in_spot_collection()
    )


def visible_images(queryset, user):
    return queryset if may_see_spot_media(user) else queryset.exclude(spot_images())


def visible_media(queryset, user):
    return queryset if may_see_spot_media(user) else queryset.exclude(spot_media())


class LibraryImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    """`/admin/api/main/images/`: Wagtail's endpoint without the spots for whoever
    may not see them (listing and detail alike)."""

    def get_queryset(self):
        return visible_images(super().get_queryset(), self.request.user)


@hooks.register("construct_image_chooser_queryset")
def hide_spot_images_from_chooser(images, request):
    return visible_images(images, request.user)


@hooks.register("construct_media_chooser_queryset")
def hide_spot_media_from_chooser(media, request):
    return visible_media(media, request.user)


# After wagtail.images' own hook (order 0), which registers the plain endpoint.
@hooks.register("construct_admin_api", order=10)
def replace_images_endpoint(router):
    router.register_endpoint("images", LibraryImagesAdminAPIViewSet)


def select_format(request, image_id: int):
    """Wagtail's "choose a format" step of the image chooser, which shows any image
    by id (and builds its 800×600 rendition) without a permission check: spots are
    refused (404) to whoever may not see them."""
    from wagtail.images.views.chooser import viewset as chooser_viewset

    hidden = get_image_model().objects.filter(pk=image_id).filter(spot_images()).exists()
    if hidden and not may_see_spot_media(request.user):
        raise Http404
    return chooser_viewset.select_format_view(request, image_id=image_id)


# Before Wagtail's own URLs (order 0), so that this path resolves here first.
@hooks.register("register_admin_urls", order=-10)
def guard_image_select_format():
    return [path("images/chooser/<int:image_id>/select_format/", select_format)]
