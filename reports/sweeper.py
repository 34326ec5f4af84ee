"""The sweeper of the export jobs (reports.tasks.sweep_stalled_exports, every
5 minutes, django-q2 schedule « Exports de rapports interrompus »): nothing
stays "queued" or "running" after a worker dies or the broker is down.

- a running job whose heartbeat is older than `REPORTS_EXPORT_STALL_MINUTES`
  (10 by default) is failed: its worker was killed mid-job;
- a queued job whose enqueue failed (no `enqueued_at`) is queued again after
  `ENQUEUE_GRACE`, `MAX_REQUEUES` times at most, then failed;
- a queued job no worker took for `REPORTS_EXPORT_QUEUE_STALL_MINUTES` (30) is failed.

Each failure stores a French reason on the job and announces it to its page,
which then offers "Relancer" (reports.services.relaunch)."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q
from django.utils import timezone

from . import services
from .models import ExportJob


def sweep_stalled(now: dt.datetime | None = None) -> dict[str, int]:
    """Fail the jobs that stopped giving signs of life; queue again (at most
    MAX_REQUEUES times) those whose enqueue failed. Counts per outcome."""
    now = now or timezone.now()
    counts = {"failed": 0, "requeued": 0}
    # Nothing fresher than the shortest window (ENQUEUE_GRACE) can be due.
    quiet = Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lte=now - services.ENQUEUE_GRACE)
    jobs = ExportJob.objects.filter(quiet, status__in=services.ACTIVE).order_by("pk")
    for job in jobs:
        unqueued = job.status == ExportJob.Status.QUEUED and job.enqueued_at is None
        last = job.heartbeat_at or job.created_at
        if (
            unqueued
            and last <= now - services.ENQUEUE_GRACE
            and job.requeues < services.MAX_REQUEUES
        ):
            queued_again = ExportJob.objects.filter(
                pk=job.pk, status=ExportJob.Status.QUEUED, enqueued_at__isnull=True
            ).update(requeues=F("requeues") + 1, heartbeat_at=now)
            if queued_again:
                job.refresh_from_db()
                services.send_to_worker(job)
                counts["requeued"] += 1
            continue
        if (unqueued and last <= now - services.ENQUEUE_GRACE) or services.is_stale(job, now):
            counts["failed"] += services.mark_stalled(job, now)
    return counts
