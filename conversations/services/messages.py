"""Writing in a thread: post a message (with its files), edit one's own message
within 5 minutes, hide a message (a staff moderator, with a logged reason)."""

from __future__ import annotations

import logging

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.files import display_name

from .. import notices
from ..exceptions import ConversationError
from ..models import Attachment, Message, Thread, ThreadEvent, ThreadEventKind, ThreadStatus
from ..selectors.access import can_see, is_staff, is_staff_side
from . import rules
from .reads import mark_read

logger = logging.getLogger(__name__)


def _not_found() -> ConversationError:
    return ConversationError(_("This conversation does not exist or is not yours."))


def _save_files(message: Message, accepted) -> list[str]:
    """Store each accepted file under a random name with its real extension.
    If one fails, the ones already stored are deleted and the error re-raised."""
    stored: list[str] = []
    try:
        for upload, kind in accepted:
            upload.seek(0)
            attachment = Attachment(
                message=message,
                name=display_name(upload, max_length=120),
                kind=kind.extension,
                content_type=kind.content_type,
                size=upload.size,
            )
            attachment.file.save(f"attachment.{kind.extension}", upload, save=False)
            stored.append(attachment.file.name)
            attachment.save()
    except Exception:
        for name in stored:
            try:
                default_storage.delete(name)
            except Exception:  # noqa: BLE001 - best effort, the first error matters
                logger.warning("Could not delete %s after a failed upload", name, exc_info=True)
        raise
    return stored


def add_message(*, thread: Thread, author, body: str, accepted=()) -> Message:
    """Write a checked message in `thread` (locked by the caller's transaction) and
    move the thread's status and denormalised fields. Used by post_message and
    open_thread: no check here."""
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    message = Message.objects.create(
        thread=locked, author=author, from_staff=is_staff(author), body=body
    )
    _save_files(message, accepted)
    if locked.status == ThreadStatus.CLOSED:
        ThreadEvent.objects.create(thread=locked, actor=author, kind=ThreadEventKind.REOPENED)
        locked.closed_at = None
    if is_staff_side(author, locked):
        locked.status = ThreadStatus.ANSWERED
        locked.awaiting_staff_since = None
        locked.reminder_level = 0
        locked.reminded_at = None
    else:
        locked.status = ThreadStatus.OPEN
        locked.awaiting_staff_since = locked.awaiting_staff_since or message.created_at
    locked.last_message_at = message.created_at
    locked.last_message_id = message.pk
    locked.message_count += 1
    locked.save(
        update_fields=[
            "status",
            "closed_at",
            "awaiting_staff_since",
            "reminder_level",
            "reminded_at",
            "last_message_at",
            "last_message_id",
            "message_count",
        ]
    )
    mark_read(thread=locked, user=author, up_to=message.pk)
    message.thread = locked
    transaction.on_commit(lambda: notices.message_posted(message))
    return message


@transaction.atomic
def post_message(*, thread: Thread, author, body: str, files=()) -> Message:
    """Post `body` (and at most 5 files) in `thread` as `author`. A closed thread
    is reopened, unless it was closed more than 90 days ago (read-only). Refused
    with a ConversationError before anything is written or stored."""
    if not can_see(author, thread):
        raise _not_found()
    thread.refresh_from_db()
    rules.ensure_writable(thread, timezone.now())
    text = rules.clean_body(body)
    accepted = rules.checked_files(files, kind=thread.kind, subject_type=thread.subject_type)
    rules.check_message_budget(author, timezone.now())
    message = add_message(thread=thread, author=author, body=text, accepted=accepted)
    _copy_thread(message.thread, into=thread)
    return message


def _copy_thread(source: Thread, *, into: Thread) -> None:
    if source is into:
        return
    for field in (
        "status",
        "closed_at",
        "awaiting_staff_since",
        "last_message_at",
        "last_message_id",
        "message_count",
    ):
        setattr(into, field, getattr(source, field))


@transaction.atomic
def edit_message(*, message: Message, actor, body: str) -> Message:
    """Correct one's own message within 5 minutes of sending it (logged)."""
    message = Message.objects.select_for_update().select_related("thread").get(pk=message.pk)
    if message.author_id != getattr(actor, "pk", None) or not can_see(actor, message.thread):
        raise ConversationError(_("You can only edit your own messages."))
    if message.is_hidden:
        raise ConversationError(_("This message was hidden by a moderator."))
    now = timezone.now()
    if now - message.created_at > rules.EDIT_WINDOW:
        raise ConversationError(
            _("A message can only be edited within 5 minutes of sending it."),
            field_errors={
                "body": [_("A message can only be edited within 5 minutes of sending it.")]
            },
        )
    rules.ensure_writable(message.thread, now)
    text = rules.clean_body(body)
    if text == message.body:
        return message
    ThreadEvent.objects.create(
        thread=message.thread,
        actor=actor,
        kind=ThreadEventKind.MESSAGE_EDITED,
        detail=f"#{message.pk}\n{message.body}",
    )
    message.body = text
    message.edited_at = now
    message.save(update_fields=["body", "edited_at"])
    return message


@transaction.atomic
def hide_message(*, message: Message, actor, reason: str) -> Message:
    """Hide a message from the advertiser (a staff moderator; the reason is logged).
    The message is kept: the staff still read it."""
    message = Message.objects.select_for_update().select_related("thread").get(pk=message.pk)
    if not (can_see(actor, message.thread) and is_staff_side(actor, message.thread)):
        raise ConversationError(_("Only the station's staff can hide a message."))
    reason = (reason or "").strip()
    if not reason:
        raise ConversationError(
            _("Say why the message is hidden."),
            field_errors={"reason": [_("Say why the message is hidden.")]},
        )
    if message.is_hidden:
        raise ConversationError(_("This message is already hidden."))
    message.hidden_at = timezone.now()
    message.hidden_by = actor
    message.hidden_reason = reason[:2000]
    message.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    ThreadEvent.objects.create(
        thread=message.thread,
        actor=actor,
        kind=ThreadEventKind.MESSAGE_HIDDEN,
        detail=f"#{message.pk}\n{message.hidden_reason}",
    )
    return message
