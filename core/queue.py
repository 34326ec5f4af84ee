"""Hand a job to the django-q2 broker without letting a broker outage fail the
request: an enqueue that fails is logged and reported as False, and the row the
job works on stays queued for its app's periodic sweeper to pick up again."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


def enqueue(func: str, *args, task_name: str | None = None, delay_seconds: int = 0) -> bool:
    """Run `func(*args)` in the background, now or after `delay_seconds` (a
    one-off schedule kept in the database). True once the job is handed over;
    False when the broker (or the database holding the schedule) refused it."""
    try:
        if delay_seconds > 0 and not settings.Q_CLUSTER.get("sync"):
            _schedule_once(func, args, delay_seconds=delay_seconds, name=task_name or func)
        else:
            from django_q.tasks import async_task

            options = {"task_name": task_name} if task_name else {}
            async_task(func, *args, **options)
    except Exception:  # noqa: BLE001 - any broker failure: the sweeper tries again
        logger.warning("Could not enqueue %s%r; its sweeper retries it", func, args, exc_info=True)
        return False
    return True


def enqueue_on_commit(func: str, *args, task_name: str | None = None) -> None:
    """`enqueue` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: enqueue(func, *args, task_name=task_name))


def _schedule_once(func: str, args: tuple, *, delay_seconds: int, name: str) -> None:
    from django_q.models import Schedule

    now = timezone.now()
    Schedule.objects.create(
        func=func,
        args=repr(tuple(args)),
        schedule_type=Schedule.ONCE,
        repeats=1,
        next_run=now + timedelta(seconds=delay_seconds),
        name=f"{name}-retry-{now:%H%M%S%f}"[:100],
    )
