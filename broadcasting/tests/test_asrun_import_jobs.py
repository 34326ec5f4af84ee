"""As-run import jobs: the queued job, the sweeper of stranded imports, the
inbox folder, and a day's queries that do not grow with its rows."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from broadcasting.asrun.services.inbox import scan_inbox
from broadcasting.asrun.services.run import run_import
from broadcasting.asrun.services.sweeper import sweep_stranded
from broadcasting.asrun.services.upload import register_upload
from broadcasting.models import Airing, AsRunImport, Break
from campaigns.models import ReviewState, Spot, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory
from core import clock

from .asrun_import_helpers import AFTER, SAMPLE, SAMPLE_NAME, airbox_log, airbox_name

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_dir(settings, tmp_path):
    settings.ASRUN_PRIVATE_DIR = tmp_path / "asrun"


def upload(name=SAMPLE_NAME, data=None):
    data = SAMPLE.read_bytes() if data is None else data
    return register_upload(file=SimpleUploadedFile(name, data), filename=name)[0]


@pytest.mark.time_machine(AFTER)
def test_an_upload_runs_its_job_once_committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        asrun_import = upload()
    asrun_import.refresh_from_db()
    assert asrun_import.status == "done" and asrun_import.attempts == 1


def test_the_sweeper_takes_up_stranded_imports():
    stranded = upload()
    old = timezone.now() - dt.timedelta(minutes=30)
    AsRunImport.objects.filter(pk=stranded.pk).update(status="running", heartbeat_at=old)
    worn = upload("other.LOG", SAMPLE.read_bytes() + b"\r\n")
    AsRunImport.objects.filter(pk=worn.pk).update(status="running", heartbeat_at=old, attempts=3)
    fresh = upload("fresh.LOG", SAMPLE.read_bytes() + b"\r\n\r\n")
    AsRunImport.objects.filter(pk=fresh.pk).update(status="running", heartbeat_at=timezone.now())

    counts = sweep_stranded()

    assert counts == {"requeued": 1, "failed": 1}
    stranded.refresh_from_db()
    assert stranded.status == "done"  # queued again: the test cluster runs it at once
    worn.refresh_from_db()
    assert worn.status == "failed" and worn.error
    assert AsRunImport.objects.get(pk=fresh.pk).status == "running"


def test_a_pending_import_never_started_is_queued_again():
    pending = upload()
    AsRunImport.objects.filter(pk=pending.pk).update(
        heartbeat_at=timezone.now() - dt.timedelta(minutes=11)
    )
    assert sweep_stranded() == {"requeued": 1, "failed": 0}
    assert AsRunImport.objects.get(pk=pending.pk).status == "done"
    assert sweep_stranded() == {"requeued": 0, "failed": 0}


def _age(path, seconds=120):
    moment = time.time() - seconds
    os.utime(path, (moment, moment))


def test_the_inbox_registers_settled_files(settings, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings.ASRUN_INBOX_DIR = str(inbox)
    settings.ASRUN_MAX_BYTES = 100_000
    (inbox / SAMPLE_NAME).write_bytes(SAMPLE.read_bytes())
    _age(inbox / SAMPLE_NAME)
    (inbox / "huge.LOG").write_bytes(b"x" * 200_000)
    _age(inbox / "huge.LOG")
    (inbox / "writing.LOG").write_bytes(b"\tpartial")
    _age(inbox / "writing.LOG", 0)

    assert scan_inbox() == {"registered": 1, "duplicates": 0, "refused": 1, "waiting": 1}
    assert (inbox / "traites" / SAMPLE_NAME).exists()
    assert (inbox / "refuses" / "huge.LOG").exists()
    assert (inbox / "writing.LOG").exists()
    asrun_import = AsRunImport.objects.get()
    assert asrun_import.uploaded_by is None and asrun_import.filename == SAMPLE_NAME

    (inbox / SAMPLE_NAME).write_bytes(SAMPLE.read_bytes())  # the same file again
    _age(inbox / SAMPLE_NAME)
    assert scan_inbox()["duplicates"] == 1
    assert AsRunImport.objects.count() == 1
    assert len(list((inbox / "traites").iterdir())) == 2


def test_no_inbox_configured_does_nothing(settings):
    settings.ASRUN_INBOX_DIR = None
    assert scan_inbox()["registered"] == 0


def _day_with(day: dt.date, breaks: int, campaigns: list) -> bytes:
    """`breaks` breaks on `day`, each with one airing of every campaign; the log
    of all of them aired."""
    events = []
    for index in range(breaks):
        starts = clock.starts_at(day, dt.time(7 + index, 0))
        brk = Break.objects.create(day=day, starts_at=starts, band_code="prime-time", capacity=400)
        for position, (campaign, spot) in enumerate(campaigns):
            Airing.objects.create(
                break_slot=brk,
                position=position + 1,
                campaign=campaign,
                spot=spot,
                advertiser=campaign.advertiser,
                sector=campaign.sector,
                band_code="prime-time",
                length=30,
            )
            at = starts + dt.timedelta(seconds=30 * position)
            events.append((at, campaign.title, 30, spot.house_code))
    return airbox_log(events)


def test_a_days_queries_do_not_grow_with_its_rows():
    first, second, later = (dt.date(2026, 11, 10), dt.date(2026, 11, 11), dt.date(2026, 11, 25))
    campaigns = []
    for index in range(10):
        campaign = CampaignFactory(status=Status.AIRING, approved_at=timezone.now())
        spot = SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
        Spot.objects.filter(pk=spot.pk).update(house_code=f"BF1-{900 + index:06d}")
        spot.refresh_from_db()
        campaigns.append((campaign, spot))
    small = _day_with(first, 1, campaigns)
    large = _day_with(second, 10, campaigns)
    _day_with(later, 1, campaigns)  # still planned: the campaigns stay on air
    counts = []
    for day, data in ((first, small), (second, large)):
        asrun_import = upload(airbox_name(day), data)
        with CaptureQueriesContext(connection) as queries:
            done = run_import(import_id=asrun_import.pk)
        assert done.status == "done"
        counts.append((done.counts["matched"], len(queries.captured_queries)))
    assert [matched for matched, _queries in counts] == [10, 100]
    assert counts[0][1] == counts[1][1]


def test_the_sweeper_and_the_inbox_scan_are_scheduled():
    from django_q.models import Schedule

    sweeper = Schedule.objects.get(func="broadcasting.asrun.tasks.sweep_stranded_imports")
    assert (sweeper.schedule_type, sweeper.minutes, sweeper.repeats) == (Schedule.MINUTES, 5, -1)
    assert Schedule.objects.filter(func="broadcasting.asrun.tasks.scan_inbox").exists()
