"""Issue 12: an export job whose worker dies is not stuck. Jobs carry a
heartbeat; the sweeper (every 5 minutes) fails a silent one with a French
reason shown on its page, queues again a job whose enqueue failed, and the
page offers "Relancer" (its requester only). A new request never returns a
dead job. Django-q2 runs synchronously in the tests (Q_CLUSTER sync)."""

# ruff: noqa: F401, F811 - fixtures imported from exports_fixtures, used as arguments

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from reports import exports, sweeper
from reports import services as jobs
from reports.models import ExportJob

from .exports_fixtures import export_world, media

pytestmark = pytest.mark.django_db

STALLED = "Le traitement de l’export s’est interrompu"


class WorkerKilled(BaseException):
    """What a killed worker looks like from the job: the run stops there, nothing
    below `except Exception` records it."""


@pytest.fixture
def announced(monkeypatch):
    sent = []
    original = jobs.announce

    def spy(job):
        sent.append(jobs.state(job))
        original(job)

    monkeypatch.setattr(jobs, "announce", spy)
    return sent


@pytest.fixture
def broker_down(monkeypatch):
    """django-q2's broker refuses every task (Redis unreachable)."""
    import django_q.tasks

    def refuse(*args, **kwargs):
        raise ConnectionError("Redis injoignable")

    monkeypatch.setattr(django_q.tasks, "async_task", refuse)


def airings_export(world, fmt="csv", advertiser=None):
    return exports.Export.from_params(
        {**world.params, "dataset": "airings"}, fmt=fmt, advertiser=advertiser
    )


def running_job(requester, *, minutes_ago: int, **extra) -> ExportJob:
    """A job a worker took `minutes_ago` and has not heard of since."""
    beat = timezone.now() - dt.timedelta(minutes=minutes_ago)
    fields = {
        "dataset": "airings",
        "format": "csv",
        "status": ExportJob.Status.RUNNING,
        "attempts": 1,
        "progress": 40,
        "started_at": beat,
        "heartbeat_at": beat,
        "enqueued_at": beat,
    }
    return ExportJob.objects.create(requester=requester, **{**fields, **extra})


# --- 1. The heartbeat ------------------------------------------------------------------------
def test_a_job_beats_when_queued_started_and_while_writing(
    administrator, export_world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    beats = []
    original = jobs._Progress.__call__

    def watch(self, count):
        original(self, count)
        beats.append(ExportJob.objects.get(pk=self.job.pk).heartbeat_at)

    monkeypatch.setattr(jobs._Progress, "__call__", watch)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = jobs.start(export=airings_export(export_world), requester=administrator, row_count=10)
    assert job.heartbeat_at is not None  # queued: a sign of life
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    assert job.enqueued_at is not None
    assert job.started_at <= beats[0] and beats == sorted(beats)
    assert job.heartbeat_at >= beats[-1]


def test_the_heartbeat_is_written_at_most_every_few_seconds(administrator, time_machine):
    job = running_job(administrator, minutes_ago=0, progress=0)
    progress = jobs._Progress(job, total=1000)
    progress(100)  # 10 %: written (a new percent)
    first = ExportJob.objects.get(pk=job.pk).heartbeat_at
    progress(101)  # same percent, a moment later: nothing written
    assert ExportJob.objects.get(pk=job.pk).heartbeat_at == first
    time_machine.shift(jobs.HEARTBEAT_EVERY + dt.timedelta(seconds=1))
    progress(102)  # same percent, past the interval: a heartbeat alone
    later = ExportJob.objects.get(pk=job.pk)
    assert later.heartbeat_at > first and later.progress == 10


# --- 2. The sweeper ----------------------------------------------------------------------------
def test_a_silent_running_job_is_failed_with_a_french_reason(administrator, announced, settings):
    settings.REPORTS_EXPORT_STALL_MINUTES = 10
    dead = running_job(administrator, minutes_ago=11)
    alive = running_job(administrator, minutes_ago=4)
    assert sweeper.sweep_stalled() == {"failed": 1, "requeued": 0}
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert alive.status == ExportJob.Status.RUNNING
    assert dead.status == ExportJob.Status.FAILED
    assert dead.failure_reason.startswith(STALLED)
    assert "10 minutes" in dead.failure_reason
    assert dead.expires_at == dead.finished_at + jobs.KEEP_FOR
    # announced to its page, with the reason and the relaunch address
    assert announced[-1]["status"] == "failed"
    assert announced[-1]["error"] == dead.failure_reason
    assert announced[-1]["relaunch_url"].endswith(f"/reports/jobs/{dead.uuid}/relaunch/")


def test_the_stall_window_is_a_setting(administrator, settings):
    settings.REPORTS_EXPORT_STALL_MINUTES = 3
    job = running_job(administrator, minutes_ago=4)
    sweeper.sweep_stalled()
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert "3 minutes" in job.failure_reason


def test_a_queued_job_never_picked_up_is_failed(administrator, settings):
    settings.REPORTS_EXPORT_QUEUE_STALL_MINUTES = 30
    old = timezone.now() - dt.timedelta(minutes=31)
    lost = ExportJob.objects.create(
        requester=administrator, dataset="airings", format="csv", heartbeat_at=old, enqueued_at=old
    )
    recent = timezone.now() - dt.timedelta(minutes=20)
    waiting = ExportJob.objects.create(
        requester=administrator,
        dataset="airings",
        format="csv",
        heartbeat_at=recent,
        enqueued_at=recent,
    )
    sweeper.sweep_stalled()
    lost.refresh_from_db()
    waiting.refresh_from_db()
    assert lost.status == ExportJob.Status.FAILED
    assert "n’a jamais commencé" in lost.failure_reason
    assert waiting.status == ExportJob.Status.QUEUED


def test_a_broker_outage_does_not_fail_the_request(
    client, advertiser_a, export_world, settings, broker_down, django_capture_on_commit_callbacks
):
    settings.REPORTS_SYNC_EXPORT_MAX_ROWS = 2
    client.force_login(advertiser_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(
            reverse("reports:export_csv"), {**export_world.params, "dataset": "airings"}
        )
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.QUEUED
    assert job.enqueued_at is None  # left for the sweeper
    assert client.get(response["Location"]).status_code == 200


def test_the_sweeper_queues_again_a_job_whose_enqueue_failed(
    administrator, export_world, monkeypatch, time_machine, django_capture_on_commit_callbacks
):
    import django_q.tasks

    working = django_q.tasks.async_task

    def refuse(*args, **kwargs):
        raise ConnectionError("Redis injoignable")

    monkeypatch.setattr(django_q.tasks, "async_task", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(export=airings_export(export_world), requester=administrator, row_count=10)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.QUEUED and job.enqueued_at is None
    assert sweeper.sweep_stalled() == {"failed": 0, "requeued": 0}  # within the grace
    time_machine.shift(jobs.ENQUEUE_GRACE + dt.timedelta(seconds=5))
    assert sweeper.sweep_stalled() == {"failed": 0, "requeued": 1}  # still down
    job.refresh_from_db()
    assert job.requeues == 1 and job.status == ExportJob.Status.QUEUED

    monkeypatch.setattr(django_q.tasks, "async_task", working)  # the broker is back
    time_machine.shift(jobs.ENQUEUE_GRACE + dt.timedelta(seconds=5))
    assert sweeper.sweep_stalled() == {"failed": 0, "requeued": 1}
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    assert default_storage.exists(job.file_path)


def test_a_job_that_cannot_be_queued_is_failed_after_a_few_tries(
    administrator, export_world, broker_down, time_machine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(export=airings_export(export_world), requester=administrator, row_count=10)
    for _ in range(jobs.MAX_REQUEUES):
        time_machine.shift(jobs.ENQUEUE_GRACE + dt.timedelta(seconds=5))
        assert sweeper.sweep_stalled()["requeued"] == 1
    time_machine.shift(jobs.ENQUEUE_GRACE + dt.timedelta(seconds=5))
    assert sweeper.sweep_stalled() == {"failed": 1, "requeued": 0}
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.requeues == jobs.MAX_REQUEUES
    assert "n’a pas pu démarrer" in job.failure_reason


def test_the_sweeper_runs_every_five_minutes():
    schedule = Schedule.objects.get(func="reports.tasks.sweep_stalled_exports")
    assert schedule.schedule_type == Schedule.MINUTES
    assert schedule.minutes == 5
    assert schedule.repeats < 0
    from reports import tasks

    assert tasks.sweep_stalled_exports() == {"failed": 0, "requeued": 0}


@pytest.mark.parametrize("every", [2, 10_000], ids=["stops-at-a-step", "stops-at-the-end"])
def test_a_worker_failed_by_the_sweeper_does_not_bring_its_job_back(
    administrator, export_world, monkeypatch, every, django_capture_on_commit_callbacks
):
    """A worker too slow (not dead) whose job was failed meanwhile stops at its
    next progress step (or once written), and its file is not kept."""
    monkeypatch.setattr(exports, "PROGRESS_EVERY", every)
    original = exports.Export.write

    def slow(self, target, *, progress=None):
        job = ExportJob.objects.get()
        jobs.mark_stalled(job, timezone.now())
        return original(self, target, progress=progress)

    monkeypatch.setattr(exports.Export, "write", slow)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(export=airings_export(export_world), requester=administrator, row_count=10)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.failure_reason.startswith(STALLED)
    assert job.file_path == ""
    folder = jobs.STORAGE_FOLDER
    assert not default_storage.exists(folder) or not default_storage.listdir(folder)[1]


def test_a_task_handed_over_again_after_a_worker_died_finishes_the_job(administrator, export_world):
    """The broker gives the task of a dead worker to another one (django-q2's
    retry): the job, still running, is taken again and written."""
    export = airings_export(export_world)
    job = running_job(administrator, minutes_ago=1, params=export.params())
    assert jobs.run(job.pk) == ExportJob.Status.DONE
    job.refresh_from_db()
    assert job.attempts == 2 and default_storage.exists(job.file_path)


# --- 3. A new request never returns a dead job -----------------------------------------------
def test_a_new_request_replaces_a_dead_job(
    administrator, export_world, announced, django_capture_on_commit_callbacks
):
    export = airings_export(export_world)
    dead = running_job(administrator, minutes_ago=11, params=export.params())
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(export=export, requester=administrator, row_count=10)
    assert job != dead
    dead.refresh_from_db()
    assert dead.status == ExportJob.Status.FAILED and dead.failure_reason.startswith(STALLED)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE


def test_a_live_job_is_reused_even_after_an_hour(administrator, export_world):
    export = airings_export(export_world)
    job = running_job(administrator, minutes_ago=1, params=export.params())
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=90))
    assert jobs.start(export=export, requester=administrator, row_count=10) == job


def test_a_queued_job_not_picked_up_is_not_reused(administrator, export_world, settings):
    settings.REPORTS_EXPORT_QUEUE_STALL_MINUTES = 30
    export = airings_export(export_world)
    old = timezone.now() - dt.timedelta(minutes=40)
    lost = ExportJob.objects.create(
        requester=administrator,
        dataset="airings",
        format="csv",
        params=export.params(),
        heartbeat_at=old,
        enqueued_at=old,
    )
    assert jobs.start(export=export, requester=administrator, row_count=10) != lost
    lost.refresh_from_db()
    assert lost.status == ExportJob.Status.FAILED


# --- 4 and 5. The page of a failed job, and "Relancer" -----------------------------------------
def test_a_worker_killed_mid_job_then_relaunched(
    advertiser_a, export_world, monkeypatch, time_machine, django_capture_on_commit_callbacks
):
    """The whole story: the worker dies mid-job, the sweeper fails the job, the
    page shows why and offers "Relancer", which brings a finished export."""
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    original = exports.Export.write

    def killed(self, target, *, progress=None):
        progress(2)
        raise WorkerKilled

    monkeypatch.setattr(exports.Export, "write", killed)
    client = Client(enforce_csrf_checks=True)
    client.force_login(advertiser_a)
    export = airings_export(export_world, advertiser=advertiser_a.advertiser)
    with pytest.raises(WorkerKilled), django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(export=export, requester=advertiser_a, row_count=6)
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.RUNNING  # what a dead worker leaves
    page = reverse("reports:export_job", kwargs={"uuid": job.uuid})

    time_machine.shift(dt.timedelta(minutes=11))
    assert sweeper.sweep_stalled()["failed"] == 1
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED

    html = client.get(page).content.decode()
    relaunch = reverse("reports:export_job_relaunch", kwargs={"uuid": job.uuid})
    failed_block = re.search(r"<div[^>]*data-job-failed(?P<hidden>[^>]*)>", html)
    assert failed_block and "hidden" not in failed_block["hidden"]
    assert STALLED in html
    assert f'action="{relaunch}"' in html and "Relancer" in html
    status = client.get(reverse("reports:export_job_status", kwargs={"uuid": job.uuid})).json()
    assert status["status"] == "failed" and status["error"].startswith(STALLED)
    assert status["relaunch_url"] == relaunch

    # Without the page's CSRF token the POST is refused.
    assert client.post(relaunch).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    monkeypatch.setattr(exports.Export, "write", original)  # a healthy worker now
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(relaunch, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    new = ExportJob.objects.exclude(pk=job.pk).get()
    assert response["Location"] == reverse("reports:export_job", kwargs={"uuid": new.uuid})
    assert new.status == ExportJob.Status.DONE
    assert (new.params, new.format, new.advertiser) == (job.params, job.format, job.advertiser)
    assert new.requester == advertiser_a
    download = client.get(reverse("reports:export_job_download", kwargs={"uuid": new.uuid}))
    assert download.status_code == 200
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED  # the failed one stays, with its reason


def test_a_live_page_hides_the_relaunch_button(client, administrator):
    job = running_job(administrator, minutes_ago=0)
    client.force_login(administrator)
    html = client.get(reverse("reports:export_job", kwargs={"uuid": job.uuid})).content.decode()
    failed_block = re.search(r"<div[^>]*data-job-failed(?P<hidden>[^>]*)>", html)
    assert failed_block and "hidden" in failed_block["hidden"]
    status = client.get(reverse("reports:export_job_status", kwargs={"uuid": job.uuid})).json()
    assert "relaunch_url" not in status


def test_another_advertiser_cannot_relaunch_a_job(client, request, advertiser_a, advertiser_b):
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    job = running_job(advertiser_a, minutes_ago=30, advertiser=advertiser_a.advertiser)
    sweeper.sweep_stalled()
    url = reverse("reports:export_job_relaunch", kwargs={"uuid": job.uuid})
    colleague = UserFactory(roles=[Role.ADMINISTRATOR])
    for user in (advertiser_b, colleague):
        client.force_login(user)
        assert client.post(url).status_code == 404
    for persona in ("broadcaster", "editorial"):
        client.force_login(request.getfixturevalue(persona))
        assert client.post(url).status_code == 403
    client.logout()
    assert "/login/" in client.post(url)["Location"]
    assert ExportJob.objects.count() == 1  # nothing was started
    client.force_login(advertiser_a)
    assert client.get(url).status_code == 405


def test_an_advertiser_relaunch_stays_within_its_company(
    client, advertiser_a, export_world, django_capture_on_commit_callbacks
):
    job = running_job(advertiser_a, minutes_ago=30, advertiser=advertiser_a.advertiser)
    ExportJob.objects.filter(pk=job.pk).update(
        params=airings_export(export_world).params(), advertiser=None
    )  # even a job recorded without the scope
    sweeper.sweep_stalled()
    client.force_login(advertiser_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:export_job_relaunch", kwargs={"uuid": job.uuid}))
    new = ExportJob.objects.exclude(pk=job.pk).get()
    assert new.advertiser == advertiser_a.advertiser
    with default_storage.open(new.file_path) as handle:
        text = handle.read().decode("utf-8-sig")
    assert export_world.campaign_b.advertiser.name not in text


def test_only_a_failed_job_is_relaunched(client, administrator):
    job = running_job(administrator, minutes_ago=0)
    client.force_login(administrator)
    url = reverse("reports:export_job_relaunch", kwargs={"uuid": job.uuid})
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "reports:export_job", kwargs={"uuid": job.uuid}
    )
    assert "Seul un export en échec peut être relancé." in response.content.decode()
    assert ExportJob.objects.count() == 1
