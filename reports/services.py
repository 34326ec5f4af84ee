"""The services of the reports: long exports as django-q2 jobs (`ExportJob`).

An export of more than `REPORTS_SYNC_EXPORT_MAX_ROWS` lines is not written
during the request: `start()` records an `ExportJob` with the resolved period
and filters and, once the transaction commits, queues `reports.tasks.run_export_job`.
`run()` writes the file into a temporary file, reporting its progress every
`exports.PROGRESS_EVERY` lines (the job's `progress`, 0–100, and a message to the
job's WebSocket group), then keeps it in the media storage under
`reports/exports/` (never served to anyone but the requester: the download view
checks the job's owner) for 24 hours (`KEEP_FOR`). A failed run is tried
again up to `MAX_ATTEMPTS` times, the error recorded on the job.
`remove_expired()` (hourly schedule) deletes the expired jobs and their files."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile

from asgiref.sync import async_to_sync
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .exports import Export
from .models import ExportJob

logger = logging.getLogger(__name__)

STORAGE_FOLDER = "reports/exports"
EVENT_TYPE = "report.job"  # handled by ExportJobConsumer.report_job
# How long a written file is kept, and how many times a failing job is tried.
KEEP_FOR = dt.timedelta(hours=24)
MAX_ATTEMPTS = 3
# A job still queued or running this long after its creation is abandoned.
STALE_AFTER = dt.timedelta(hours=48)


def group_name(job: ExportJob) -> str:
    return f"report-job-{job.uuid.hex}"


def state(job: ExportJob) -> dict:
    """What the job page shows (JSON endpoint and WebSocket messages)."""
    data = {
        "type": "job",
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "progress": job.progress,
        "row_count": job.row_count,
        "download_url": "",
        "error": "",
    }
    if job.status == ExportJob.Status.DONE:
        data["download_url"] = reverse("reports:export_job_download", kwargs={"uuid": job.uuid})
        data["expires_at"] = timezone.localtime(job.expires_at).isoformat()
    if job.status == ExportJob.Status.FAILED:
        data["error"] = _("The export could not be written. Try again, or ask the BF1 team.")
    return data


def announce(job: ExportJob) -> None:
    """Send the job's state to its page (best effort: the page polls anyway)."""
    try:
        from channels.layers import get_channel_layer

        layer = get_channel_layer()
        if layer is None:
            return
        async_to_sync(layer.group_send)(group_name(job), {"type": EVENT_TYPE, "state": state(job)})
    except Exception:  # noqa: BLE001 - live update is best effort, polling is the fallback
        logger.warning("Could not announce the progress of export job %s", job.pk, exc_info=True)


def _enqueue(job: ExportJob) -> None:
    from django_q.tasks import async_task

    async_task(
        "reports.tasks.run_export_job",
        job.pk,
        task_name=f"report-export-{job.uuid.hex}-{job.attempts + 1}",
    )


@transaction.atomic
def start(*, export: Export, requester, row_count: int) -> ExportJob:
    """The job of this export for `requester`: the same export still queued or
    running is reused (a second click does not write the file twice), else a
    new job is recorded and queued once the transaction commits."""
    params = export.params()
    running = (
        ExportJob.objects.filter(
            requester=requester,
            dataset=export.dataset,
            format=export.fmt,
            advertiser=export.advertiser,
            status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING],
            created_at__gte=timezone.now() - dt.timedelta(hours=1),
        )
        .order_by("-created_at")
        .first()
    )
    if running is not None and running.params == params:
        return running
    job = ExportJob.objects.create(
        requester=requester,
        dataset=export.dataset,
        format=export.fmt,
        params=params,
        advertiser=export.advertiser,
        row_count=row_count,
    )
    transaction.on_commit(lambda: _enqueue(job))
    return job


class _Progress:
    """Records the percentage written, when it changes."""

    def __init__(self, job: ExportJob, total: int):
        self.job = job
        self.total = max(total, 1)

    def __call__(self, count: int) -> None:
        percent = min(99, count * 100 // self.total)
        if percent <= self.job.progress:
            return
        self.job.progress = percent
        ExportJob.objects.filter(pk=self.job.pk).update(progress=percent)
        announce(self.job)


def run(job_id: int) -> str:
    """Write the job's file (the django-q2 task). Returns the job's status."""
    job = ExportJob.objects.select_related("advertiser").filter(pk=job_id).first()
    if job is None or job.status == ExportJob.Status.DONE:
        return "gone" if job is None else job.status
    job.status = ExportJob.Status.RUNNING
    job.attempts += 1
    job.progress = 0
    job.started_at = timezone.now()
    job.error = ""
    job.save(update_fields=["status", "attempts", "progress", "started_at", "error"])
    announce(job)
    try:
        export = Export.from_params(job.params, fmt=job.format, advertiser=job.advertiser)
        total = export.row_count() if export.is_listing else 0
        name = export.file_name()
        with tempfile.TemporaryFile() as scratch:
            count = export.write(scratch, progress=_Progress(job, total))
            scratch.seek(0)
            path = default_storage.save(
                f"{STORAGE_FOLDER}/{job.uuid.hex}_{name}", File(scratch, name=name)
            )
    except Exception as exc:  # noqa: BLE001 - recorded on the job, tried again, logged
        return _failed(job, exc)
    finished = timezone.now()
    job.status = ExportJob.Status.DONE
    job.progress = 100
    job.row_count = count if export.is_listing else job.row_count
    job.file_path = path
    job.file_name = name
    job.finished_at = finished
    job.expires_at = finished + KEEP_FOR
    job.save(
        update_fields=[
            "status",
            "progress",
            "row_count",
            "file_path",
            "file_name",
            "finished_at",
            "expires_at",
        ]
    )
    announce(job)
    return job.status


def _failed(job: ExportJob, exc: Exception) -> str:
    """Record the error; queue the job again while attempts remain. The task
    itself ends normally: the error lives on the job (and in the log)."""
    logger.exception("Export job %s failed (attempt %s)", job.pk, job.attempts)
    job.error = f"{type(exc).__name__}: {exc}"[:2000]
    if job.attempts < MAX_ATTEMPTS:
        job.status = ExportJob.Status.QUEUED
        job.progress = 0
        job.save(update_fields=["status", "progress", "error"])
        announce(job)
        _enqueue(job)
        return "retrying"
    finished = timezone.now()
    job.status = ExportJob.Status.FAILED
    job.finished_at = finished
    job.expires_at = finished + KEEP_FOR
    job.save(update_fields=["status", "error", "finished_at", "expires_at"])
    announce(job)
    return job.status


def remove_expired(now: dt.datetime | None = None) -> int:
    """Delete the jobs whose file has expired (and those abandoned for
    STALE_AFTER), with their files. Returns how many jobs were removed."""
    now = now or timezone.now()
    expired = ExportJob.objects.filter(expires_at__lte=now) | ExportJob.objects.filter(
        expires_at__isnull=True, created_at__lte=now - STALE_AFTER
    )
    removed = 0
    for job in expired.only("pk", "file_path"):
        if job.file_path:
            try:
                default_storage.delete(job.file_path)
            except OSError:
                logger.warning("Could not delete the export file %s", job.file_path, exc_info=True)
                continue
        job.delete()
        removed += 1
    return removed


def file_of(job: ExportJob):
    """The job's file, opened from the storage (None when it is gone)."""
    if job.status != ExportJob.Status.DONE or not job.file_path:
        return None
    if job.expires_at and job.expires_at <= timezone.now():
        return None
    try:
        return default_storage.open(job.file_path, "rb")
    except (FileNotFoundError, OSError):
        return None
