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
`remove_expired()` (hourly schedule) deletes the expired jobs and their files.

A job's `heartbeat_at` is its last sign of life (queued, started, writing). A worker that
dies leaves it silent: `reports.sweeper.sweep_stalled()` (every 5 minutes) fails a running
job silent for `REPORTS_EXPORT_STALL_MINUTES` and a queued one never picked up for
`REPORTS_EXPORT_QUEUE_STALL_MINUTES`, with a French reason shown on its page; a queued job
whose enqueue failed (broker down) is queued again `MAX_REQUEUES` times first. `start()`
never hands back such a dead job, and `relaunch()` ("Relancer" on the page of a failed job)
starts a new job with the same parameters (the failed one stays, with its reason, until it
expires)."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile

from asgiref.sync import async_to_sync
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.queue import enqueue

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
# A running job writes its heartbeat at most this often (and at each new percent).
HEARTBEAT_EVERY = dt.timedelta(seconds=5)
# A queued job whose enqueue failed waits this long before the sweeper queues it
# again (its own on-commit enqueue comes first), and is queued again this many times.
ENQUEUE_GRACE = dt.timedelta(minutes=2)
MAX_REQUEUES = 3
ACTIVE = (ExportJob.Status.QUEUED, ExportJob.Status.RUNNING)


def stall_after() -> dt.timedelta:
    """A running job silent this long is dead (its worker was killed)."""
    return dt.timedelta(minutes=getattr(settings, "REPORTS_EXPORT_STALL_MINUTES", 10))


def queue_stall_after() -> dt.timedelta:
    """A queued job no worker took this long is lost (broker or cluster down)."""
    return dt.timedelta(minutes=getattr(settings, "REPORTS_EXPORT_QUEUE_STALL_MINUTES", 30))


def is_stale(job: ExportJob, now: dt.datetime | None = None) -> bool:
    """Whether a queued or running job gave no sign of life for too long."""
    if job.status not in ACTIVE:
        return False
    now = now or timezone.now()
    last = job.heartbeat_at or job.started_at or job.created_at
    limit = stall_after() if job.status == ExportJob.Status.RUNNING else queue_stall_after()
    return last is not None and last <= now - limit


class JobAbandoned(Exception):
    """The job was failed (or taken by another worker) while this one wrote it."""


def group_name(job: ExportJob) -> str:
    return f"report-job-{job.uuid.hex}"


def state(job: ExportJob) -> dict:
    """What the job page shows (JSON endpoint and WebSocket messages)."""
    return with_links(bare_state(job), job.uuid)


def bare_state(job: ExportJob) -> dict:
    """`state` without addresses: a worker never loads the URLconf (~30 MB)."""
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
        data["expires_at"] = timezone.localtime(job.expires_at).isoformat()
    if job.status == ExportJob.Status.FAILED:
        data["error"] = job.failure_reason or _(
            "The export could not be written. Try again, or ask the BF1 team."
        )
    return data


def with_links(data: dict, uuid) -> dict:
    """A `bare_state` with the download (done) or relaunch (failed) address."""
    if data["status"] == ExportJob.Status.DONE:
        data["download_url"] = reverse("reports:export_job_download", kwargs={"uuid": uuid})
    if data["status"] == ExportJob.Status.FAILED:
        data["relaunch_url"] = reverse("reports:export_job_relaunch", kwargs={"uuid": uuid})
    return data


def announce(job: ExportJob) -> None:
    """Send the job's state to its page (best effort: the page polls anyway)."""
    try:
        from channels.layers import get_channel_layer

        layer = get_channel_layer()
        if layer is None:
            return
        message = {"type": EVENT_TYPE, "state": bare_state(job)}
        async_to_sync(layer.group_send)(group_name(job), message)
    except Exception:  # noqa: BLE001 - live update is best effort, polling is the fallback
        logger.warning("Could not announce the progress of export job %s", job.pk, exc_info=True)


def send_to_worker(job: ExportJob) -> bool:
    """Hand the job to the broker; on a broker outage it stays queued with no
    `enqueued_at`, for the sweeper (core.queue never raises)."""
    ExportJob.objects.filter(pk=job.pk).update(enqueued_at=timezone.now())
    handed = enqueue(
        "reports.tasks.run_export_job",
        job.pk,
        task_name=f"report-export-{job.uuid.hex}-{job.attempts + 1}-{job.requeues}",
    )
    if not handed:
        ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.QUEUED).update(enqueued_at=None)
    return handed


@transaction.atomic
def start(*, export: Export, requester, row_count: int) -> ExportJob:
    """The job of this export for `requester`: the same export still queued or
    running, and alive, is reused (a second click does not write the file
    twice); a dead one is failed on the spot and a new job is recorded and
    queued once the transaction commits."""
    params = export.params()
    now = timezone.now()
    candidates = (
        ExportJob.objects.select_for_update()
        .filter(
            requester=requester,
            dataset=export.dataset,
            format=export.fmt,
            advertiser=export.advertiser,
            status__in=ACTIVE,
        )
        .order_by("-created_at")
    )
    for running in candidates:
        if running.params != params:
            continue
        if not is_stale(running, now):
            return running
        mark_stalled(running, now)
    job = ExportJob.objects.create(
        requester=requester,
        dataset=export.dataset,
        format=export.fmt,
        params=params,
        advertiser=export.advertiser,
        row_count=row_count,
        heartbeat_at=now,
    )
    transaction.on_commit(lambda: send_to_worker(job))
    return job


def relaunch(*, job: ExportJob, requester, advertiser) -> ExportJob:
    """The page's "Relancer" for a failed job: a new job with the same period,
    filters and format, for `requester` limited to `advertiser` (the caller's
    own scope, as for any export). The failed job stays as it was."""
    if job.status != ExportJob.Status.FAILED:
        raise DomainError(_("Only a failed export can be relaunched."))
    export = Export.from_params(job.params, fmt=job.format, advertiser=advertiser)
    return start(export=export, requester=requester, row_count=job.row_count)


class _Progress:
    """Records the percentage written when it changes, and the heartbeat at
    most every HEARTBEAT_EVERY. Raises JobAbandoned once the job is no longer
    this run's (failed by the sweeper, or claimed again by another worker)."""

    def __init__(self, job: ExportJob, total: int):
        self.job = job
        self.total = max(total, 1)
        self.beat = job.heartbeat_at or timezone.now()

    def __call__(self, count: int) -> None:
        percent = min(99, count * 100 // self.total)
        now = timezone.now()
        if percent <= self.job.progress and now - self.beat < HEARTBEAT_EVERY:
            return
        changes = {"heartbeat_at": now}
        if percent > self.job.progress:
            changes["progress"] = percent
        if not _mine(self.job).update(**changes):
            raise JobAbandoned
        self.beat = now
        if "progress" in changes:
            self.job.progress = percent
            announce(self.job)


def _mine(job: ExportJob):
    """The job, as long as it is still this run's."""
    return ExportJob.objects.filter(
        pk=job.pk, status=ExportJob.Status.RUNNING, attempts=job.attempts
    )


def _claim(job_id: int) -> ExportJob | None:
    """Mark the job running for this worker: a queued one, or a running one the
    broker hands over again (its first worker died). None when there is
    nothing to do (done, failed, gone)."""
    now = timezone.now()
    claimed = ExportJob.objects.filter(pk=job_id, status__in=ACTIVE).update(
        status=ExportJob.Status.RUNNING,
        attempts=F("attempts") + 1,
        progress=0,
        started_at=now,
        heartbeat_at=now,
        error="",
    )
    if not claimed:
        return None
    return ExportJob.objects.select_related("advertiser").get(pk=job_id)


def run(job_id: int) -> str:
    """Write the job's file (the django-q2 task). Returns the job's status."""
    job = _claim(job_id)
    if job is None:
        current = ExportJob.objects.filter(pk=job_id).values_list("status", flat=True).first()
        return current or "gone"
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
    except JobAbandoned:
        logger.warning("Export job %s was abandoned while being written", job.pk)
        return "abandoned"
    except Exception as exc:  # noqa: BLE001 - recorded on the job, tried again, logged
        return _failed(job, exc)
    finished = timezone.now()
    job.status = ExportJob.Status.DONE
    job.progress = 100
    job.row_count = count if export.is_listing else job.row_count
    job.file_path = path
    job.file_name = name
    job.finished_at = finished
    job.heartbeat_at = finished
    job.expires_at = finished + KEEP_FOR
    fields = ("status", "progress", "row_count", "file_path", "file_name", "finished_at")
    written = _mine(job).update(
        **{field: getattr(job, field) for field in (*fields, "heartbeat_at", "expires_at")}
    )
    if not written:  # failed by the sweeper meanwhile: its reason stands
        default_storage.delete(path)
        return "abandoned"
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
        job.heartbeat_at = timezone.now()
        if not _mine(job).update(
            status=job.status, progress=0, error=job.error, heartbeat_at=job.heartbeat_at
        ):
            return "abandoned"
        announce(job)
        send_to_worker(job)
        return "retrying"
    finished = timezone.now()
    job.status = ExportJob.Status.FAILED
    job.finished_at = finished
    job.expires_at = finished + KEEP_FOR
    if not _mine(job).update(
        status=job.status, error=job.error, finished_at=finished, expires_at=job.expires_at
    ):
        return "abandoned"
    announce(job)
    return job.status


# --- Jobs that stopped (failed here, found by reports/sweeper.py) -------------------------
def _in_french(message: str, **values) -> str:
    """A reason stored on the job, in the site's language (the page shows it as is)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(message) % values


def _give_up(job: ExportJob, now: dt.datetime, *, error: str, reason: str) -> bool:
    """Fail a queued or running job with `reason` (shown on its page); False
    when it moved on meanwhile (it is then left as it is)."""
    failed = ExportJob.objects.filter(pk=job.pk, status=job.status, attempts=job.attempts).update(
        status=ExportJob.Status.FAILED,
        error=error,
        failure_reason=reason[:300],
        finished_at=now,
        expires_at=now + KEEP_FOR,
    )
    if not failed:
        return False
    job.refresh_from_db()
    logger.warning("Export job %s failed: %s", job.pk, error)
    announce(job)
    return True


def mark_stalled(job: ExportJob, now: dt.datetime) -> bool:
    if job.status == ExportJob.Status.RUNNING:
        minutes = int(stall_after().total_seconds() // 60)
        reason = _in_french(
            "The processing of the export stopped (no sign of life for %(minutes)s minutes). "
            "Relaunch it: the file will be prepared again.",
            minutes=minutes,
        )
        return _give_up(job, now, error=f"No heartbeat for {minutes} minutes", reason=reason)
    if job.enqueued_at is None:
        reason = _in_french(
            "The processing of the export could not start: the background task service "
            "is unavailable. Relaunch it in a few minutes."
        )
        return _give_up(job, now, error="Could not be queued", reason=reason)
    minutes = int(queue_stall_after().total_seconds() // 60)
    reason = _in_french(
        "The processing of the export never started (waiting for %(minutes)s minutes). "
        "Relaunch it, or ask the BF1 team.",
        minutes=minutes,
    )
    return _give_up(job, now, error=f"Not picked up in {minutes} minutes", reason=reason)


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
