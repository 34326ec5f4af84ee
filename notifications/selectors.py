from __future__ import annotations

from .kinds import NotificationKind, kinds_for
from .models import Notification, NotificationPreference

# The inbox's read-state filter.
STATE_ALL = "all"
STATE_UNREAD = "unread"
STATES = (STATE_ALL, STATE_UNREAD)


def notifications_for(user, *, state: str = STATE_ALL, kind: str | None = None):
    """The user's notifications, newest first, with their e-mail (one query for
    a page whatever its length). `state` "unread" keeps the unread ones; `kind`
    keeps one kind."""
    qs = Notification.objects.filter(recipient=user)
    if state == STATE_UNREAD:
        qs = qs.filter(read_at__isnull=True)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("email").order_by("-created_at", "-pk")


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_enabled(user, kind: str) -> bool:
    """Whether the notifications of `kind` reach `user` by e-mail (sent unless
    switched off)."""
    return not NotificationPreference.objects.filter(
        user=user, kind=kind, email_enabled=False
    ).exists()


def email_switched_off(user_ids, kind: str) -> set[int]:
    """Which of `user_ids` switched the e-mails of `kind` off (one query)."""
    return set(
        NotificationPreference.objects.filter(
            user_id__in=list(user_ids), kind=kind, email_enabled=False
        ).values_list("user_id", flat=True)
    )


def email_preferences(user) -> list[dict]:
    """The e-mail switch of each kind offered to `user`: kind, label, enabled."""
    off = set(
        NotificationPreference.objects.filter(user=user, email_enabled=False).values_list(
            "kind", flat=True
        )
    )
    return [
        {"kind": kind.value, "label": kind.label, "enabled": kind.value not in off}
        for kind in kinds_for(user)
    ]


def filter_kinds(user) -> list[NotificationKind]:
    """The kinds offered in the inbox's filter."""
    return kinds_for(user)
