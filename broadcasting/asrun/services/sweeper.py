"""Nothing stays stuck (every 5 minutes, django-q2 schedule « Imports as-run
interrompus »): an import running with a heartbeat older than
ASRUN_STALL_MINUTES (its worker died) or pending for as long (its enqueue
failed, or no worker took it) is queued again, while attempts remain
(Q_CLUSTER's max_attempts); then it is failed with a French message."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.queue import enqueue

from ...models import AsRunImport
from .run import fail, max_attempts

Status = AsRunImport.Status


def enqueue_import(asrun_import: AsRunImport) -> bool:
    return enqueue(
        "broadcasting.asrun.tasks.run_asrun_import",
        asrun_import.pk,
        task_name=f"asrun-import-{asrun_import.pk}-{asrun_import.attempts}",
    )


def sweep_stranded(now: dt.datetime | None = None) -> dict[str, int]:
    """Queue again (or fail) the stranded imports; counts per outcome."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.ASRUN_STALL_MINUTES)
    quiet = Q(heartbeat_at__lte=cutoff) | Q(heartbeat_at__isnull=True, created_at__lte=cutoff)
    counts = {"requeued": 0, "failed": 0}
    stranded = AsRunImport.objects.filter(quiet, status__in=(Status.PENDING, Status.RUNNING))
    for asrun_import in stranded.order_by("pk"):
        if asrun_import.attempts >= max_attempts():
            fail(
                asrun_import,
                _("The import was interrupted %(count)s times; upload the file again later.")
                % {"count": asrun_import.attempts},
            )
            counts["failed"] += 1
            continue
        # Pending again, heartbeat now: the next sweep waits for this try.
        updated = AsRunImport.objects.filter(
            pk=asrun_import.pk, status=asrun_import.status, heartbeat_at=asrun_import.heartbeat_at
        ).update(status=Status.PENDING, heartbeat_at=now)
        if updated:
            enqueue_import(asrun_import)
            counts["requeued"] += 1
    return counts
