"""Reads of the conversations that pages share: a user's threads (unread first,
filters, search), the unread count, the threads about one subject, a thread's
messages. Each list is a fixed number of queries whatever its length."""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce

from ..models import Attachment, Message, ReadMark, Thread, ThreadKind, ThreadStatus
from ..subjects import subject_kinds
from .access import is_staff, visible_threads


def _last_read(user) -> Coalesce:
    mark = ReadMark.objects.filter(thread=OuterRef("pk"), user=user).values("last_read_message_id")[
        :1
    ]
    return Coalesce(Subquery(mark), 0)


def with_unread(queryset, user):
    """Annotate each thread with `unread`: a message arrived since `user` last read it."""
    return queryset.annotate(
        unread=ExpressionWrapper(
            Q(last_message_id__gt=0) & Q(last_message_id__gt=_last_read(user)),
            output_field=BooleanField(),
        )
    )


def _visible_messages(user):
    messages = Message.objects.all()
    if not is_staff(user):
        messages = messages.filter(hidden_at__isnull=True)
    return messages


def threads_for(
    user,
    *,
    kind: str = "",
    status: str = "",
    subject_type: str = "",
    search: str = "",
):
    """The threads `user` sees, unread first then the most recent, with the last
    visible message's text (`last_body`); filtered by kind, status, subject type
    ("general" for no subject) and a search in titles and messages."""
    threads = visible_threads(user)
    if kind in ThreadKind.values:
        threads = threads.filter(kind=kind)
    if status in ThreadStatus.values:
        threads = threads.filter(status=status)
    if subject_type == "general":
        threads = threads.filter(subject_type="")
    elif subject_type in {item.key for item in subject_kinds()}:
        threads = threads.filter(subject_type=subject_type)
    search = " ".join((search or "").split())[:100]
    if search:
        in_messages = _visible_messages(user).filter(thread=OuterRef("pk"), body__icontains=search)
        threads = threads.filter(
            Q(title__icontains=search) | Q(subject_label__icontains=search) | Exists(in_messages)
        )
    last_body = _visible_messages(user).filter(pk=OuterRef("last_message_id")).values("body")[:1]
    return (
        with_unread(threads, user)
        .annotate(last_body=Subquery(last_body))
        .order_by("-unread", "-last_message_at", "-pk")
    )


def unread_thread_count(user) -> int:
    """How many threads `user` sees that have a message they have not read (one query)."""
    if user is None or not user.is_authenticated:
        return 0
    return visible_threads(user).filter(last_message_id__gt=_last_read(user)).count()


def threads_about(user, subject_key: str, subject_id: int, *, limit: int = 5) -> list[Thread]:
    """The threads `user` sees about one subject, unread first then the most recent."""
    if not subject_key or subject_id is None:
        return []
    threads = visible_threads(user).filter(subject_type=subject_key, subject_id=subject_id)
    return list(with_unread(threads, user).order_by("-unread", "-last_message_at", "-pk")[:limit])


def thread_messages(user, thread: Thread) -> list[Message]:
    """The messages of `thread` that `user` may read, oldest first, with their
    author and attachments (two queries). The staff also see hidden messages."""
    return list(
        _visible_messages(user)
        .filter(thread=thread)
        .select_related("author", "author__advertiser")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
        .order_by("created_at", "pk")
    )
