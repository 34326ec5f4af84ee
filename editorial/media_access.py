"""Who may read the files of coverage requests under /media/editorial/ (plugged
into the rules of `accounts.media_access`, which keep their defaults: whoever may
not read a file gets a 404).

- editorial managers and administrators read every file (attachments of the
  requests, content delivered by the crew);
- the requester reads their request's attachments, and its delivered content
  once the request is covered: the account that sent it and, for an
  advertiser's user, the users of the same company.

Each answer costs one query (plus the user's groups, cached on the user)."""

from __future__ import annotations

from django.db.models import Q

from accounts.roles import Role, has_role

from .models import CoverageAttachment, CoverageDelivery
from .selectors.requester import DELIVERED_STATUSES

PREFIX = "editorial/"
ATTACHMENTS_PREFIX = "editorial/requests/"
DELIVERIES_PREFIX = "editorial/deliveries/"


def _requester_filter(user, prefix: str = "request__") -> Q:
    who = Q(**{f"{prefix}requester_id": user.pk})
    advertiser_id = getattr(user, "advertiser_id", None)
    if advertiser_id is not None and has_role(user, Role.ADVERTISER):
        who |= Q(**{f"{prefix}advertiser_id": advertiser_id})
    return who


def can_read(user, path: str) -> bool:
    """Whether `user` may read the media file at `path` (under editorial/)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not path.startswith(PREFIX):
        return False
    if has_role(user, Role.EDITORIAL, Role.ADMINISTRATOR):
        return True
    if path.startswith(ATTACHMENTS_PREFIX):
        return CoverageAttachment.objects.filter(file=path).filter(_requester_filter(user)).exists()
    if path.startswith(DELIVERIES_PREFIX):
        return (
            CoverageDelivery.objects.filter(file=path, request__status__in=DELIVERED_STATUSES)
            .filter(_requester_filter(user))
            .exists()
        )
    return False
