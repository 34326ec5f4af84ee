"""The conversations' figures of the reports (issue 17, service levels):

- first-response time: for the threads an advertiser (or a requester) opened in
  the period, the time from their opening message to the station's first message
  after it; median and mean over the threads answered, and how many still wait;
- open threads per kind (now, whatever the period).

Two queries; the durations are put in order in Python (one pair of moments per
thread opened in the period)."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery

from conversations.models import Message, Thread, ThreadKind, ThreadStatus


@dataclass(frozen=True)
class FirstResponse:
    opened: int  # threads opened by an advertiser in the period
    answered: int
    median: dt.timedelta | None
    mean: dt.timedelta | None

    @property
    def waiting(self) -> int:
        return self.opened - self.answered


def first_response(start: dt.datetime, end: dt.datetime) -> FirstResponse:
    """First-response time of the threads opened in [start, end) by the client side."""
    first = Message.objects.filter(thread=OuterRef("pk")).order_by("created_at", "pk")
    threads = (
        Thread.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(
            opened_at=Subquery(first.values("created_at")[:1]),
            opener_staff=Subquery(first.values("from_staff")[:1]),
        )
        .filter(opener_staff=False)
        .annotate(
            answered_at=Subquery(
                Message.objects.filter(
                    thread=OuterRef("pk"), from_staff=True, created_at__gte=OuterRef("opened_at")
                )
                .order_by("created_at", "pk")
                .values("created_at")[:1]
            )
        )
        .values_list("opened_at", "answered_at")
    )
    durations, opened = [], 0
    for opened_at, answered_at in threads:
        opened += 1
        if answered_at is not None and opened_at is not None:
            durations.append(answered_at - opened_at)
    if not durations:
        return FirstResponse(opened=opened, answered=0, median=None, mean=None)
    durations.sort()
    seconds = [duration.total_seconds() for duration in durations]
    return FirstResponse(
        opened=opened,
        answered=len(durations),
        median=dt.timedelta(seconds=statistics.median(seconds)),
        mean=dt.timedelta(seconds=statistics.fmean(seconds)),
    )


def open_threads_per_kind() -> list[dict]:
    """[{"kind", "label", "open", "answered"}] for every kind (zeros included):
    the threads not closed, waiting for the station (open) or the advertiser."""
    rows = (
        Thread.objects.exclude(status=ThreadStatus.CLOSED)
        .values("kind", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[str, str], int] = {
        (row["kind"], row["status"]): row["count"] for row in rows
    }
    return [
        {
            "kind": value,
            "label": label,
            "open": counts.get((value, ThreadStatus.OPEN), 0),
            "answered": counts.get((value, ThreadStatus.ANSWERED), 0),
            "total": counts.get((value, ThreadStatus.OPEN), 0)
            + counts.get((value, ThreadStatus.ANSWERED), 0),
        }
        for value, label in ThreadKind.choices
    ]
