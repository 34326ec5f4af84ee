"""As-run import (issue 19): the sources that send as-run logs (with the CSV
mapping of each), each file imported (its hash, status, progress and counts)
and the discrepancies between the log and the running order, waiting for a
person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AsRunFormat(models.TextChoices):
    AUTO = "auto", _("detect")
    BXF = "bxf", _("BXF (SMPTE ST 2021)")
    AIRBOX = "airbox", _("PlayBox AirBox")
    ETERE = "etere", _("Etere")
    CSV = "csv", _("CSV")


class AsRunSource(models.Model):
    """A playout automation that sends as-run logs, with the CSV column mapping
    of its files (`broadcasting.asrun.readers.CsvMapping` fields) and the zone of
    its clock."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    format = models.CharField(
        _("format"), max_length=10, choices=AsRunFormat.choices, default=AsRunFormat.AUTO
    )
    csv_mapping = models.JSONField(_("CSV column mapping"), default=dict, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("as-run source")
        verbose_name_plural = _("as-run sources")

    def __str__(self) -> str:
        return self.name


class AsRunImport(models.Model):
    """One as-run file: stored privately, read and matched by a django-q2 job,
    day by day (`days_done`), with its counts per outcome."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    source = models.ForeignKey(
        AsRunSource,
        verbose_name=_("source"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="imports",
    )
    filename = models.CharField(_("file name"), max_length=255)
    file_path = models.CharField(_("stored file"), max_length=300, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    format = models.CharField(_("format"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    message_id = models.CharField(_("message id"), max_length=200, blank=True)
    first_day = models.DateField(_("first day"), null=True, blank=True)
    last_day = models.DateField(_("last day"), null=True, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_ignored = models.PositiveIntegerField(_("rows ignored"), default=0)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    days_done = models.JSONField(_("days imported"), default=list, blank=True)
    problems = models.JSONField(_("rows not read"), default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: dropped in the inbox folder."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("as-run import")
        verbose_name_plural = _("as-run imports")
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="asrun_import_history"),
            models.Index(fields=["status", "heartbeat_at"], name="asrun_import_status"),
        ]

    def __str__(self) -> str:
        return self.filename


class DiscrepancyKind(models.TextChoices):
    CUT_SHORT = "cut_short", _("cut short")
    OUT_OF_WINDOW = "out_of_window", _("out of window")
    WRONG_COPY = "wrong_copy", _("wrong copy")
    EXTRA = "extra", _("extra (not planned)")
    MISSING = "missing", _("missing")
    CONFLICT = "conflict", _("conflict with a confirmation")


class Resolution(models.TextChoices):
    OPEN = "open", _("to review")
    ACCEPTED_AIRED = "accepted_aired", _("accepted as aired")
    MARKED_MISSED = "marked_missed", _("marked missed")
    IGNORED = "ignored", _("ignored")


class AsRunDiscrepancy(models.Model):
    """A difference between the as-run log and the running order, left to a
    broadcaster or an administrator (the airing is never changed by itself)."""

    asrun_import = models.ForeignKey(
        AsRunImport,
        verbose_name=_("import"),
        on_delete=models.CASCADE,
        related_name="discrepancies",
    )
    kind = models.CharField(_("kind"), max_length=14, choices=DiscrepancyKind.choices)
    day = models.DateField(_("broadcast day"), null=True, blank=True)
    airing = models.ForeignKey(
        "broadcasting.Airing",
        verbose_name=_("airing"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    line = models.PositiveIntegerField(_("line"), null=True, blank=True)
    aired_at = models.DateTimeField(_("aired at"), null=True, blank=True)
    duration_seconds = models.FloatField(_("duration (s)"), default=0)
    house_code = models.CharField(_("house code"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    resolution = models.CharField(
        _("resolution"), max_length=14, choices=Resolution.choices, default=Resolution.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["asrun_import", "aired_at", "pk"]
        verbose_name = _("as-run discrepancy")
        verbose_name_plural = _("as-run discrepancies")
        indexes = [
            models.Index(
                fields=["asrun_import", "resolution", "kind"], name="asrun_discrepancy_list"
            ),
            models.Index(fields=["airing"], name="asrun_discrepancy_airing"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.house_code or self.title}"

    @property
    def is_open(self) -> bool:
        return self.resolution == Resolution.OPEN
