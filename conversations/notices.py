"""Who is told of what happens in a thread, and how (after the commit of the
message): an in-app notification through notifications.services.notify to the
other side of the thread, the digest e-mail (`digests`, per-kind opt-out) and
the live push to the open pages (`live`)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.permissions import admin_staff
from accounts.roles import Role
from notifications.kinds import NotificationKind
from notifications.services import notify

from .models import Message, ReadMark, Thread
from .selectors.access import is_staff_side
from .selectors.participants import client_side, recipients_of

logger = logging.getLogger(__name__)

# Beyond this many unread messages the inbox line says this many.
UNREAD_COUNT_LIMIT = 100


# The staff who answer threads in the Wagtail admin (conversations/admin/common.py).
ADMIN_THREAD_ROUTE = "conversations_admin:thread"


def thread_url(thread: Thread, user=None) -> str:
    """Where `user` reads `thread`: the admin's thread page for the staff who may
    open the admin and answer it there, /messages/<id>/ for everyone else."""
    if user is not None and user_answers_in_admin(user, thread):
        return reverse(ADMIN_THREAD_ROUTE, args=[thread.pk])
    return reverse("conversations:thread", args=[thread.pk])


def user_answers_in_admin(user, thread: Thread) -> bool:
    return is_staff_side(user, thread) and admin_staff(
        user, Role.ADMINISTRATOR, Role.EDITORIAL, Role.ACCOUNTANT, Role.BROADCASTER
    )


def _excerpt(message: Message) -> str:
    return Truncator(" ".join(message.body.split())).chars(200)


def _unread_counts(thread: Thread, recipients: list) -> dict[int, int]:
    """{user id: messages of `thread` by others they have not read} (two queries)."""
    marks = dict(
        ReadMark.objects.filter(thread=thread, user__in=recipients).values_list(
            "user_id", "last_read_message_id"
        )
    )
    floor = min((marks.get(person.pk, 0) for person in recipients), default=0)
    rows = list(
        Message.objects.filter(thread=thread, pk__gt=floor)
        .order_by("-pk")
        .values_list("pk", "author_id")[:UNREAD_COUNT_LIMIT]
    )
    return {
        person.pk: sum(
            1 for pk, author in rows if pk > marks.get(person.pk, 0) and author != person.pk
        )
        for person in recipients
    }


def _notify(recipient, thread: Thread, message: Message, count: int, *, since) -> None:
    """One line per thread in the inbox: rewritten while it is unread and recent."""
    if count <= 1:
        title = _("New message: %(title)s") % {"title": thread.title}
    else:
        title = ngettext(
            "%(count)s new message: %(title)s", "%(count)s new messages: %(title)s", count
        ) % {"count": count, "title": thread.title}
    notify(
        recipient=recipient,
        kind=NotificationKind.CONVERSATION,
        title=title,
        body=_excerpt(message),
        url=thread_url(thread, recipient),
        send_email=False,  # the digest e-mail (conversations.digests)
        replace_unread_since=since,
    )


def message_posted(message: Message) -> None:
    """Tell the other side of the thread of a new message (called on commit): a
    line in their inbox (one per thread while unread within the digest window),
    one digest e-mail per CONVERSATION_DIGEST_MINUTES (conversations.digests),
    and the open pages over WebSocket (conversations.live). The message is
    saved: nothing here may fail its post, each failure is logged."""
    from . import digests, live

    thread = message.thread
    recipients: list = []
    counts: dict[int, int] = {}
    now = timezone.now()
    try:
        recipients = recipients_of(message)
        counts = _unread_counts(thread, recipients)
    except Exception:  # noqa: BLE001 - the live push below still runs
        logger.exception("Could not find who to tell of message %s", message.pk)
    # One transaction for every notice (a commit each costs a disk sync: 10
    # participants made 11 commits in the request); notify() and add_to_digests()
    # are atomic, a savepoint each here, so that one failure leaves the others.
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        for recipient in recipients:
            try:  # notify() is atomic: a savepoint here
                since = now - digests.window()
                _notify(recipient, thread, message, counts.get(recipient.pk, 1), since=since)
            except Exception:  # noqa: BLE001 - the message is saved; one notice may fail
                logger.exception("Could not notify user %s of message %s", recipient.pk, message.pk)
        try:
            digests.add_to_digests(recipients=recipients, message=message, now=now)
        except Exception:  # noqa: BLE001 - the message is saved; its e-mail may fail
            logger.exception("Could not add message %s to the e-mail digests", message.pk)
    live.push_message_and_unread(message, [person.pk for person in recipients])


def thread_shared(thread: Thread) -> None:
    """Tell the advertiser's users that the staff shared a thread with them."""
    with translation.override(settings.LANGUAGE_CODE):
        for recipient in client_side(thread):
            if recipient.pk == thread.created_by_id:
                continue
            notify(
                recipient=recipient,
                kind=NotificationKind.CONVERSATION,
                title=_("BF1 shared a conversation with you: %(title)s") % {"title": thread.title},
                body=thread.subject_label,
                url=thread_url(thread, recipient),
            )
