"""Writes of the notifications app: notify users, their e-mail switches. The
e-mail outbox (queue, deliver, sweep, resend) is `notifications.outbox`; its
entry points are imported here too."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.errors import DomainError

from . import selectors
from .kinds import NotificationKind, kinds_for, parse_kind
from .models import Notification, NotificationPreference, OutgoingEmail
from .outbox import deliver_email, enqueue_delivery, queue_email_message  # noqa: F401

logger = logging.getLogger(__name__)


def user_group_name(user_id: int) -> str:
    return f"user-{user_id}"


def push_unread_count(user) -> None:
    """Send the new unread count to the user's open pages over WebSocket."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(
            user_group_name(user.pk),
            {"type": "unread.count", "count": selectors.unread_count(user)},
        )
    except Exception:  # noqa: BLE001 - live update is best effort, the inbox is the truth
        logger.warning("Could not push the unread count to user %s", user.pk, exc_info=True)


class NotificationError(DomainError):
    """A rule of the notifications app was broken; the message is shown as is."""


def absolute_url(url: str) -> str:
    """`url` as a full address on the portal (SITE_URL); the inbox when empty."""
    url = url or reverse("notifications:inbox")
    if url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}/{url.lstrip('/')}"


def build_notification_email(
    *, recipient, kind: NotificationKind, title: str, body: str, url: str
) -> EmailMessage:
    """The e-mail telling `recipient` of a notification, in the portal's language."""
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(
            "notifications/email/notification.txt",
            {
                "user": recipient,
                "title": title,
                "body": body,
                "link": absolute_url(url),
                "kind_label": str(kind.label),
                "profile_url": absolute_url(reverse("accounts:profile") + "#notifications"),
                "site_url": settings.SITE_URL,
            },
        )
    return EmailMessage(subject=title, body=text, to=[recipient.email])


def _queue_notification_email(
    *, recipient, kind: NotificationKind, title: str, body: str, url: str
) -> tuple[OutgoingEmail | None, str]:
    """Queue the e-mail of a notification: (the queued e-mail, "") or, when it
    could not be queued, (None, the error). Never raises: the in-app
    notification must be kept whatever happens to its e-mail."""
    try:
        message = build_notification_email(
            recipient=recipient, kind=kind, title=title, body=body, url=url
        )
        with transaction.atomic():  # a savepoint: a failure here leaves nothing behind
            return queue_email_message(message=message), ""
    except Exception as exc:  # noqa: BLE001 - the notification is kept, the error recorded
        logger.exception("Could not queue the e-mail of a notification to user %s", recipient.pk)
        return None, f"{exc.__class__.__name__}: {exc}"[:2000]


@transaction.atomic
def notify(
    *,
    recipient,
    kind: str = NotificationKind.GENERAL,
    title: str,
    body: str = "",
    url: str = "",
    send_email: bool = True,
    replace_unread_since=None,
) -> Notification:
    """Tell `recipient` in the inbox and, unless they switched this kind off or
    have no address, by an e-mail queued now and sent by a task once the
    transaction commits. The e-mail's delivery state stays on the notification.

    `send_email=False`: the inbox only (the caller sends its own e-mail, e.g.
    the conversations' digest). `replace_unread_since`: an unread notification
    of the same kind and link created since then is rewritten (title, body)
    instead of adding another one (several messages of one conversation)."""
    kind = NotificationKind(kind)
    title = title[:200]
    if replace_unread_since is not None:
        existing = (
            Notification.objects.select_for_update()
            .filter(recipient=recipient, kind=kind, url=url, read_at__isnull=True)
            .filter(created_at__gte=replace_unread_since)
            .order_by("-created_at", "-pk")
            .first()
        )
        if existing is not None:
            existing.title, existing.body = title, body
            existing.save(update_fields=["title", "body"])
            return existing
    email, email_error = None, ""
    if send_email and recipient.email and selectors.email_enabled(recipient, kind):
        email, email_error = _queue_notification_email(
            recipient=recipient, kind=kind, title=title, body=body, url=url
        )
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        title=title,
        body=body,
        url=url,
        email=email,
        email_error=email_error,
    )
    transaction.on_commit(lambda: push_unread_count(recipient))
    return notification


@transaction.atomic
def set_email_preferences(*, user, enabled_kinds: Iterable[str]) -> list[NotificationKind]:
    """Switch the e-mails of each kind offered to `user` on (in `enabled_kinds`)
    or off (left out). A kind that is unknown or not offered to the user is
    refused and nothing changes. Returns the kinds now sent by e-mail."""
    offered = kinds_for(user)
    wanted = set()
    for value in enabled_kinds:
        kind = parse_kind(value)
        if kind is None or kind not in offered:
            raise NotificationError(_("This kind of notification is not offered to you."))
        wanted.add(kind)
    for kind in offered:
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email_enabled": kind in wanted}
        )
    return [kind for kind in offered if kind in wanted]


@transaction.atomic
def open_notification(*, user, notification: Notification) -> Notification:
    """Mark one of the user's notifications read as they open it."""
    if notification.recipient_id != user.pk:
        raise NotificationError(_("This notification is not yours."))
    if notification.read_at is None:
        mark_read(user=user, notification_id=notification.pk)
        notification.refresh_from_db(fields=["read_at"])
    return notification


@transaction.atomic
def mark_read(*, user, notification_id: int | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    count = qs.update(read_at=timezone.now())
    transaction.on_commit(lambda: push_unread_count(user))
    return count
