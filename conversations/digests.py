"""One e-mail for the messages that reach a person within 10 minutes
(CONVERSATION_DIGEST_MINUTES).

The first message opens the person's digest (a `Digest` row due 10 minutes
later) and hands its sending to a delayed task; the next messages of the window
join it. The task sends it once due; the sweeper (`send_due_digests`, every 5
minutes) sends the digests whose task was lost (a worker restart, a broker
outage). A message arriving after an overdue digest that was never sent sends
that one at once and opens a new window. The e-mail goes through the outbox of
`notifications` (queued, retried), and only to people with an address who did
not switch the "Messages" e-mails off (checked again when it is sent)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.queue import enqueue
from notifications.kinds import NotificationKind
from notifications.selectors import email_enabled, email_switched_off
from notifications.services import absolute_url, queue_email_message

from .models import Digest, DigestStatus, Message
from .selectors.access import is_staff, visible_threads

logger = logging.getLogger(__name__)

TASK = "conversations.tasks.send_digest"
SWEEP_BATCH = 200


def window() -> timedelta:
    return timedelta(minutes=getattr(settings, "CONVERSATION_DIGEST_MINUTES", 10))


def wants_email(user) -> bool:
    return bool(
        user.is_active and user.email and email_enabled(user, NotificationKind.CONVERSATION)
    )


def add_to_digest(*, recipient, message: Message, now: datetime | None = None) -> Digest | None:
    """Put `message` in the digest `recipient` is collecting, opening one when
    none is; None when they get no e-mail of the conversations."""
    made = add_to_digests(recipients=[recipient], message=message, now=now)
    return made[0] if made else None


@transaction.atomic
def add_to_digests(*, recipients, message: Message, now: datetime | None = None) -> list[Digest]:
    """`add_to_digest` for each of `recipients`, in a fixed number of queries when
    their digests are open (the usual case within a window)."""
    now = now or timezone.now()
    off = email_switched_off([person.pk for person in recipients], NotificationKind.CONVERSATION)
    wanted = [p for p in recipients if p.is_active and p.email and p.pk not in off]
    if not wanted:
        return []
    pending = {
        digest.recipient_id: digest
        for digest in Digest.objects.select_for_update(of=("self",))
        .select_related("recipient")
        .filter(recipient__in=wanted, status=DigestStatus.PENDING)
    }
    made = []
    for person in wanted:
        digest = pending.get(person.pk)
        if digest is not None and digest.due_at <= now:
            _send(digest, now=now)  # its task was lost: send it now, open a new window
            digest = None
        made.append(digest or _open(person, now))
    link = Digest.messages.through
    link.objects.bulk_create(
        [link(digest_id=digest.pk, message_id=message.pk) for digest in made],
        ignore_conflicts=True,
    )
    return made


def _open(recipient, now: datetime) -> Digest:
    try:
        with transaction.atomic():
            digest = Digest.objects.create(recipient=recipient, due_at=now + window())
    except IntegrityError:  # another message opened it at the same moment
        return Digest.objects.select_for_update().get(
            recipient=recipient, status=DigestStatus.PENDING
        )
    delay = int(window().total_seconds()) + 1
    transaction.on_commit(
        lambda: enqueue(TASK, digest.pk, task_name=f"digest-{digest.pk}", delay_seconds=delay)
    )
    return digest


def send_digest(*, digest_id: int, now: datetime | None = None) -> Digest | None:
    """Send one digest if it is due and not sent yet (a task run early, or twice,
    does nothing)."""
    now = now or timezone.now()
    with transaction.atomic():
        digest = (
            Digest.objects.select_for_update()
            .filter(pk=digest_id, status=DigestStatus.PENDING, due_at__lte=now)
            .first()
        )
        if digest is not None:
            _send(digest, now=now)
    return digest


def send_due_digests(*, now: datetime | None = None) -> int:
    """The sweeper: send every digest past its time. Returns how many were handled."""
    now = now or timezone.now()
    ids = list(
        Digest.objects.filter(status=DigestStatus.PENDING, due_at__lte=now)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    done = 0
    for pk in ids:
        try:
            if send_digest(digest_id=pk, now=now) is not None:
                done += 1
        except Exception:  # noqa: BLE001 - one bad digest must not stop the others
            logger.exception("Could not send the message digest %s", pk)
    return done


def _send(digest: Digest, *, now: datetime) -> None:
    """Queue the e-mail of a locked digest (or skip it) and close it."""
    recipient = digest.recipient
    items = _items(digest, recipient) if wants_email(recipient) else []
    if items:
        digest.email = queue_email_message(message=_email(recipient, items))
        digest.status = DigestStatus.SENT
    else:
        digest.status = DigestStatus.SKIPPED
    digest.sent_at = now
    digest.save(update_fields=["email", "status", "sent_at"])


def _items(digest: Digest, recipient) -> list[dict]:
    """What the e-mail lists: the messages the recipient may still read."""
    staff = is_staff(recipient)
    messages = (
        digest.messages.filter(thread__in=visible_threads(recipient))
        .select_related("thread", "author")
        .order_by("created_at", "pk")
    )
    if not staff:
        messages = messages.filter(hidden_at__isnull=True)
    return [
        {
            "thread": message.thread.title,
            "sender": sender_name(message, staff=staff),
            "time": timezone.localtime(message.created_at).strftime("%d/%m/%Y %H:%M"),
            "excerpt": Truncator(" ".join(message.body.split())).chars(300),
            "link": absolute_url(
                reverse("conversations:thread", args=[message.thread_id]) + f"#message-{message.pk}"
            ),
        }
        for message in messages
    ]


def sender_name(message: Message, *, staff: bool) -> str:
    """The author as the thread page shows them: the station's staff are "BF1"
    (with a first name) to the advertiser."""
    author = message.author
    if message.from_staff and not staff:
        return f"BF1 · {author.first_name}" if author.first_name else "BF1"
    return author.get_full_name() or author.email


def _email(recipient, items: list[dict]) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        count = len(items)
        if count == 1:
            subject = _("New message: %(title)s") % {"title": items[0]["thread"]}
        else:
            subject = ngettext(
                "%(count)s new message on BF1 Pub",
                "%(count)s new messages on BF1 Pub",
                count,
            ) % {"count": count}
        text = render_to_string(
            "conversations/email/digest.txt",
            {
                "user": recipient,
                "items": items,
                "count": count,
                "list_url": absolute_url(reverse("conversations:list")),
                "profile_url": absolute_url(reverse("accounts:profile") + "#notifications"),
                "site_url": settings.SITE_URL,
            },
        )
    return EmailMessage(subject=subject, body=text, to=[recipient.email])
