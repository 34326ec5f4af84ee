"""Who may read the files attached to messages under /media/conversations/
(plugged into `accounts.media_access`: whoever may not read a file gets a 404):
the people who see the thread (`visible_threads`), and, for a message a
moderator hid, the station's staff only. One query per answer."""

from __future__ import annotations

from .models import Attachment
from .selectors.access import is_staff, visible_threads

PREFIX = "conversations/"


def can_read(user, path: str) -> bool:
    """Whether `user` may read the media file at `path` (under conversations/)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not path.startswith(PREFIX):
        return False
    attachments = Attachment.objects.filter(
        file=path, message__thread__in=visible_threads(user).values("pk")
    )
    if not is_staff(user):
        attachments = attachments.filter(message__hidden_at__isnull=True)
    return attachments.exists()
