"""Service levels: an advertiser's message that waits for the station longer than
CONVERSATION_REMINDER_HOURS working hours reminds the assignee (the team when
nobody is assigned); after a second period, the whole team. Each reminder is
sent once (`Thread.reminder_level` 0 → 1 → 2, reset when the staff answer) and
logged as a ThreadEvent."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.kinds import NotificationKind
from notifications.services import notify

from ..models import Thread, ThreadEvent, ThreadEventKind, ThreadStatus
from ..selectors.participants import team_members
from ..working_hours import BusinessHours, business_hours, working_time

logger = logging.getLogger(__name__)

ASSIGNEE, TEAM = 1, 2


def reminder_period() -> dt.timedelta:
    return dt.timedelta(hours=max(int(settings.CONVERSATION_REMINDER_HOURS or 0), 1))


def due_level(waited: dt.timedelta, period: dt.timedelta) -> int:
    """0 (nothing due), 1 (remind the assignee) or 2 (remind the team)."""
    if waited >= 2 * period:
        return TEAM
    if waited >= period:
        return ASSIGNEE
    return 0


def _recipients(thread: Thread, level: int) -> list:
    assignee = thread.assignee if thread.assignee_id and thread.assignee.is_active else None
    if level == ASSIGNEE and assignee is not None:
        return [assignee]
    people = team_members(thread)
    if assignee is not None and assignee.pk not in {person.pk for person in people}:
        people.append(assignee)
    return people


def _tell(thread: Thread, people: list, waited: dt.timedelta) -> None:
    hours = int(waited.total_seconds() // 3600)
    url = reverse("conversations_admin:thread", args=[thread.pk])
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Waiting for an answer: %(title)s") % {"title": thread.title}
        body = _("The advertiser has been waiting for %(hours)s working hours.") % {"hours": hours}
        for person in people:
            try:
                notify(
                    recipient=person,
                    kind=NotificationKind.CONVERSATION,
                    title=title,
                    body=body,
                    url=url,
                )
            except Exception:  # noqa: BLE001 - one failed notice must not stop the others
                logger.exception("Could not remind user %s of thread %s", person.pk, thread.pk)


@transaction.atomic
def remind(
    *, thread: Thread, now: dt.datetime | None = None, hours: BusinessHours | None = None
) -> int:
    """Send the reminder `thread` is due, once; the level reached (0: none due).
    `hours`: the business hours (read from the site settings when not given)."""
    now = now or timezone.now()
    locked = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("assignee")
        .filter(pk=thread.pk)
        .first()
    )
    if locked is None or locked.status != ThreadStatus.OPEN or not locked.awaiting_staff_since:
        return 0
    waited = working_time(locked.awaiting_staff_since, now, hours or business_hours())
    level = due_level(waited, reminder_period())
    if level <= locked.reminder_level:
        return 0
    people = _recipients(locked, level)
    locked.reminder_level = level
    locked.reminded_at = now
    locked.save(update_fields=["reminder_level", "reminded_at"])
    names = ", ".join(person.get_full_name() or person.email for person in people)
    ThreadEvent.objects.create(
        thread=locked,
        actor=None,
        kind=ThreadEventKind.REMINDED,
        detail=(
            _("Assignee reminded: %(names)s")
            if level == ASSIGNEE
            else _("Team reminded: %(names)s")
        )
        % {"names": names or "—"},
    )
    transaction.on_commit(lambda: _tell(locked, people, waited))
    return level


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """Remind about every thread whose advertiser waits too long; how many reminders
    were sent. Threads are pre-selected on the elapsed time (working time is never
    longer), then counted in working hours one by one, all in the business hours
    read once (the site settings, else the settings)."""
    now = now or timezone.now()
    hours = business_hours()
    candidates = Thread.objects.filter(
        status=ThreadStatus.OPEN,
        awaiting_staff_since__isnull=False,
        awaiting_staff_since__lte=now - reminder_period(),
        reminder_level__lt=TEAM,
    ).order_by("awaiting_staff_since", "pk")
    sent = 0
    for thread in candidates.iterator(chunk_size=200):
        try:
            if remind(thread=thread, now=now, hours=hours):
                sent += 1
        except Exception:  # noqa: BLE001 - the next run tries again
            logger.exception("Could not send the reminder of thread %s", thread.pk)
    return sent
