"""The checks every write of the conversations shares: the text of a message, the
files, the abuse limits and the read-only rule. Each raises a ConversationError
before anything is written."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _

from ..attachment_checks import check_attachments
from ..exceptions import ConversationError, ReadOnly, Throttled
from ..models import Message, Thread, ThreadKind
from ..selectors.access import is_staff
from ..subjects import subject_kind

MAX_BODY_CHARS = 10_000
EDIT_WINDOW = dt.timedelta(minutes=5)
READ_ONLY_AFTER = dt.timedelta(days=90)


def clean_body(body: str | None) -> str:
    text = (body or "").replace("\r\n", "\n").strip()
    if not text:
        raise ConversationError(
            _("Write a message."), field_errors={"body": [_("Write a message.")]}
        )
    if len(text) > MAX_BODY_CHARS:
        message = _(
            "Your message is too long (%(count)s characters): %(limit)s characters at most."
        ) % {"count": f"{len(text):,}".replace(",", "\u202f"), "limit": "10\u202f000"}
        raise ConversationError(message, field_errors={"body": [message]})
    return text


def allows_video(*, kind: str, subject_type: str) -> bool:
    """Videos are accepted in problem reports and threads about a spot or an airing."""
    if kind == ThreadKind.PROBLEM:
        return True
    subject = subject_kind(subject_type)
    return bool(subject and subject.allows_video)


def checked_files(files, *, kind: str, subject_type: str):
    """[(upload, FileKind)...] of `files`, or a ConversationError naming each refusal."""
    accepted, errors = check_attachments(
        files or (), allow_video=allows_video(kind=kind, subject_type=subject_type)
    )
    if errors:
        raise ConversationError(errors[0], field_errors={"files": errors})
    return accepted


def is_read_only(thread: Thread, now: dt.datetime) -> bool:
    """A thread closed more than 90 days ago is kept for reading only."""
    return bool(thread.is_closed and thread.closed_at and thread.closed_at < now - READ_ONLY_AFTER)


def ensure_writable(thread: Thread, now: dt.datetime) -> None:
    if is_read_only(thread, now):
        raise ReadOnly(
            _(
                "This conversation was closed more than 90 days ago and can no longer be "
                "answered: start a new conversation."
            )
        )


def _limited(user) -> bool:
    """The abuse limits apply to advertisers and requesters, not to the staff."""
    return not is_staff(user)


def check_new_thread_budget(user, now: dt.datetime) -> None:
    limit = int(getattr(settings, "CONVERSATION_MAX_NEW_THREADS_PER_HOUR", 0) or 0)
    if limit <= 0 or not _limited(user):
        return
    recent = Thread.objects.filter(
        created_by=user, created_at__gte=now - dt.timedelta(hours=1)
    ).count()
    if recent >= limit:
        raise Throttled(
            _(
                "You have opened %(limit)s conversations in the last hour: please wait a "
                "little before opening another one, or write in an existing conversation."
            )
            % {"limit": limit}
        )


def check_message_budget(user, now: dt.datetime) -> None:
    limit = int(getattr(settings, "CONVERSATION_MAX_MESSAGES_PER_MINUTE", 0) or 0)
    if limit <= 0 or not _limited(user):
        return
    recent = Message.objects.filter(
        author=user, created_at__gte=now - dt.timedelta(minutes=1)
    ).count()
    if recent >= limit:
        raise Throttled(
            _("You have sent %(limit)s messages in the last minute: please wait a moment.")
            % {"limit": limit}
        )
