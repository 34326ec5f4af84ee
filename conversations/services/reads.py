"""Read state: how far each participant has read a thread."""

from __future__ import annotations

from django.db import transaction

from ..models import ReadMark, Thread
from ..selectors.unread_cache import UNREAD


@transaction.atomic
def mark_read(*, thread: Thread, user, up_to: int | None = None) -> ReadMark | None:
    """Mark `thread` read by `user` up to its last message (or `up_to`); a mark
    never goes back. Anonymous users leave no mark."""
    if user is None or not user.is_authenticated:
        return None
    last = thread.last_message_id if up_to is None else up_to
    mark, created = ReadMark.objects.get_or_create(
        thread=thread, user=user, defaults={"last_read_message_id": last}
    )
    if not created and mark.last_read_message_id < last:
        ReadMark.objects.filter(pk=mark.pk, last_read_message_id__lt=last).update(
            last_read_message_id=last
        )
        mark.last_read_message_id = last
        UNREAD.bump()  # an update() sends no post_save
    return mark
