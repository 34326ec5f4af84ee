"""Exports too long to answer at once (more than `REPORTS_SYNC_EXPORT_MAX_ROWS`
rows) run as a django-q2 job: one `ExportJob` per request, seen and downloaded
by its requester only, its file removed 24 hours after it is written."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    class Dataset(models.TextChoices):
        OVERVIEW = "overview", _("overview")
        AIRINGS = "airings", _("airings")
        CAMPAIGNS = "campaigns", _("campaigns")

    class Format(models.TextChoices):
        XLSX = "xlsx", "XLSX"
        PDF = "pdf", "PDF"
        CSV = "csv", "CSV"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    dataset = models.CharField(_("dataset"), max_length=20, choices=Dataset.choices)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    # The query string of the page (period and filters), read again by the task.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # The advertiser the export is limited to (an advertiser's own export).
    advertiser = models.ForeignKey(
        "accounts.Advertiser",
        verbose_name=_("advertiser"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    file_path = models.CharField(_("file"), max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    # What the job's page says when it failed (French, written by the service
    # that failed it); empty: the generic message.
    failure_reason = models.CharField(_("failure reason"), max_length=300, blank=True)
    # The last sign of life: set when the job is queued, when a worker starts it
    # and as it writes (at most every HEARTBEAT_EVERY); a job silent for too long is
    # failed by the sweeper (reports.services.sweep_stalled).
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    # When the job was last handed to the broker; None while it is not (its
    # enqueue failed): the sweeper queues it again, `requeues` times at most.
    enqueued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    requeues = models.PositiveSmallIntegerField(_("queued again"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["requester", "-created_at"], name="exportjob_requester"),
            models.Index(fields=["status", "heartbeat_at"], name="exportjob_heartbeat"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset}.{self.format} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
