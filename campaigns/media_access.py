"""Who may read the files of campaigns and spots under /media/ (plugged into the
rules of `accounts.media_access`, which keep their own defaults: administrators
read everything, public renditions are public, everyone else gets a 404).

- the users of an advertiser read the files of their own company: each spot's
  video, poster and thumbnail (wagtailmedia `media/`, `media_thumbnails/`), image
  and poster and their renditions (`spots/images/`, `spots/renditions/`; spots
  stored before migration 0005 under Wagtail's `original_images/`), and each
  campaign's authorisation document and brief material (`campaigns/`);
- broadcasters read the files of approved spots, which they play on air.

Each answer costs one query (plus the user's groups, cached on the user)."""

from __future__ import annotations

from django.db.models import Q

from accounts.roles import Role, has_role

from .models import Campaign, ReviewState, Spot
from .spot_files import SPOT_FOLDER, SPOT_RENDITION_FOLDER

SPOT_FILE_PREFIXES = ("media/", "media_thumbnails/", "original_images/", SPOT_FOLDER)
CAMPAIGN_FILE_PREFIX = "campaigns/"


def _spot_files(path: str) -> Q:
    if path.startswith(SPOT_RENDITION_FOLDER):
        from wagtail.images import get_image_model

        images = get_image_model().get_rendition_model().objects.filter(file=path)
        image_ids = images.values("image_id")
        return Q(image_id__in=image_ids) | Q(poster_id__in=image_ids)
    if path.startswith(("original_images/", SPOT_FOLDER)):
        return Q(image__file=path) | Q(poster__file=path)
    return Q(media__file=path) | Q(media__thumbnail=path)


def can_read(user, path: str) -> bool:
    """Whether `user` (an advertiser's user or a broadcaster) may read the media
    file at `path` because it belongs to a campaign or a spot they may see."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    advertiser_id = getattr(user, "advertiser_id", None)
    if advertiser_id is not None and not has_role(user, Role.ADVERTISER):
        advertiser_id = None
    if path.startswith(CAMPAIGN_FILE_PREFIX):
        if advertiser_id is None:
            return False
        return (
            Campaign.objects.filter(advertiser_id=advertiser_id)
            .filter(Q(authorization_document=path) | Q(brief_material=path))
            .exists()
        )
    if not path.startswith(SPOT_FILE_PREFIXES):
        return False
    who = Q()
    if advertiser_id is not None:
        who |= Q(advertiser_id=advertiser_id)
    if has_role(user, Role.BROADCASTER):
        who |= Q(review_state=ReviewState.APPROVED)
    if not who:
        return False
    return Spot.objects.filter(_spot_files(path)).filter(who).exists()
