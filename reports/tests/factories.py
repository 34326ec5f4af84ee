"""factory-boy factories for the reports: the export job that a long export
becomes (`reports.services.start`), in each of its states.

A job holds what the task reads again (`params`: the resolved period, this
month by default, and the dataset) and, once done, the file the requester
downloads: `done=True` writes the real export of its dataset, format and period
into the media storage under `reports/exports/`, as `services.run` does, with
its expiry 24 hours later (`services.KEEP_FOR`)."""

from __future__ import annotations

import datetime as dt
import tempfile

import factory
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.roles import Role
from accounts.tests.factories import AdvertiserUserFactory, UserFactory
from reports import services
from reports.exports import Export
from reports.models import ExportJob
from reports.period import resolve_period


def export_of(job) -> Export:
    """The export a job runs (its saved parameters, format and advertiser)."""
    return Export.from_params(job.params, fmt=job.format, advertiser=job.advertiser)


class ExportJobFactory(DjangoModelFactory):
    """A commercial administrator's export of this month's airings as XLSX,
    queued. Traits: `running` (40 % written), `done` (the file written and
    offered for 24 hours), `failed` (every attempt failed), `for_advertiser`
    (a client's export, limited to their company)."""

    class Meta:
        model = ExportJob
        skip_postgeneration_save = True

    class Params:
        running = factory.Trait(
            status=ExportJob.Status.RUNNING,
            attempts=1,
            progress=40,
            started_at=factory.LazyFunction(timezone.now),
        )
        done = factory.Trait(
            status=ExportJob.Status.DONE,
            attempts=1,
            progress=100,
            started_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(minutes=2)),
            finished_at=factory.LazyFunction(timezone.now),
            expires_at=factory.LazyAttribute(lambda o: o.finished_at + services.KEEP_FOR),
            file_name=factory.LazyAttribute(lambda o: export_of(o).file_name()),
        )
        failed = factory.Trait(
            status=ExportJob.Status.FAILED,
            attempts=services.MAX_ATTEMPTS,
            started_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(minutes=5)),
            finished_at=factory.LazyFunction(timezone.now),
            expires_at=factory.LazyAttribute(lambda o: o.finished_at + services.KEEP_FOR),
            error="OSError: [Errno 28] No space left on device",
        )
        for_advertiser = factory.Trait(
            requester=factory.SubFactory(AdvertiserUserFactory),
            advertiser=factory.SelfAttribute("requester.advertiser"),
        )

    requester = factory.SubFactory(UserFactory, roles=[Role.ADMINISTRATOR])
    dataset = ExportJob.Dataset.AIRINGS
    format = ExportJob.Format.XLSX
    params = factory.LazyAttribute(
        lambda o: {**resolve_period({}).as_params(), "dataset": o.dataset}
    )
    advertiser = None
    status = ExportJob.Status.QUEUED
    row_count = 12_500  # above the threshold of a direct download: why it is a job

    @factory.post_generation
    def written(self, create, extracted, **kwargs):
        """A done job's file, written by the real export into the storage."""
        if not create or self.status != ExportJob.Status.DONE or self.file_path:
            return
        export = export_of(self)
        with tempfile.TemporaryFile() as scratch:
            count = export.write(scratch)
            scratch.seek(0)
            self.file_path = default_storage.save(
                f"{services.STORAGE_FOLDER}/{self.uuid.hex}_{self.file_name}",
                File(scratch, name=self.file_name),
            )
        if export.is_listing:
            self.row_count = count
        self.save(update_fields=["file_path", "row_count"])
