"""Long exports as django-q2 jobs (run synchronously in the tests): progress,
the file for its requester only, retries, and removal after 24 hours."""

# ruff: noqa: F401, F811 - fixtures imported from exports_fixtures, used as arguments

from __future__ import annotations

import datetime as dt
import io

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule
from openpyxl import load_workbook

from reports import exports
from reports import services as jobs
from reports.models import ExportJob

from .exports_fixtures import (
    body,
    export_world,
    media,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_threshold(settings):
    settings.REPORTS_SYNC_EXPORT_MAX_ROWS = 5
    return 5


@pytest.fixture
def announced(monkeypatch):
    """The states sent to the job's page over the WebSocket."""
    sent = []
    original = jobs.announce

    def spy(job):
        sent.append(jobs.state(job))
        original(job)

    monkeypatch.setattr(jobs, "announce", spy)
    return sent


def export_big(client, params, fmt="xlsx", captured=None):
    name = {"xlsx": "reports:export_xlsx", "pdf": "reports:export_pdf", "csv": "reports:export_csv"}
    return client.get(reverse(name[fmt]), {**params, "dataset": "airings"})


def test_a_big_export_runs_as_a_job(
    client,
    administrator,
    export_world,
    small_threshold,
    announced,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = export_big(client, export_world.params)
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:export_job", kwargs={"uuid": job.uuid})
    assert job.requester == administrator
    assert job.status == ExportJob.Status.DONE
    assert job.progress == 100
    assert job.row_count == 10
    assert job.attempts == 1
    assert job.expires_at == job.finished_at + dt.timedelta(hours=24)
    assert job.params["start"] == export_world.params["start"]
    assert default_storage.exists(job.file_path)

    # The progress went up step by step, then the file was offered.
    progress = [state["progress"] for state in announced]
    assert progress == sorted(progress)
    assert [s["status"] for s in announced][0] == "running"
    assert 0 < progress[-2] < 100
    assert announced[-1]["status"] == "done" and announced[-1]["download_url"]

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("reports:export_job_download", kwargs={"uuid": job.uuid}) in html
    assert "js/report_job.js" in html

    status = client.get(reverse("reports:export_job_status", kwargs={"uuid": job.uuid})).json()
    assert status["status"] == "done" and status["progress"] == 100

    download = client.get(reverse("reports:export_job_download", kwargs={"uuid": job.uuid}))
    assert download.status_code == 200
    assert download.streaming
    assert job.file_name in download["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(body(download))).worksheets[0]
    assert sheet.max_row == 1 + 10 + 1  # heading, lines, total


def test_a_small_export_downloads_at_once(client, administrator, export_world, settings):
    settings.REPORTS_SYNC_EXPORT_MAX_ROWS = 10
    client.force_login(administrator)
    response = export_big(client, export_world.params, fmt="csv")
    assert response.status_code == 200
    assert not ExportJob.objects.exists()


def test_the_job_keeps_the_advertisers_scope(
    client, advertiser_a, export_world, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(advertiser_a)
    other = export_world.campaign_b.advertiser
    with django_capture_on_commit_callbacks(execute=True):
        response = export_big(client, {**export_world.params, "advertiser": other.pk}, fmt="csv")
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.advertiser == advertiser_a.advertiser
    assert "advertiser" not in job.params
    with default_storage.open(job.file_path) as handle:
        text = handle.read().decode("utf-8-sig")
    assert other.name not in text
    assert len(text.strip().splitlines()) == 1 + export_world.airings_a


def test_a_second_click_reuses_the_running_job(administrator, export_world):
    export = exports.Export.from_params({**export_world.params, "dataset": "airings"}, fmt="xlsx")
    first = jobs.start(export=export, requester=administrator, row_count=10)
    again = jobs.start(export=export, requester=administrator, row_count=10)
    assert again == first
    other = exports.Export.from_params({**export_world.params, "dataset": "airings"}, fmt="pdf")
    assert jobs.start(export=other, requester=administrator, row_count=10) != first


# --- Only the requester ---------------------------------------------------------------------
@pytest.fixture
def done_job(administrator, export_world, django_capture_on_commit_callbacks):
    export = exports.Export.from_params({**export_world.params, "dataset": "airings"}, fmt="csv")
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(export=export, requester=administrator, row_count=10)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    return job


@pytest.mark.parametrize("name", ["export_job", "export_job_status", "export_job_download"])
def test_only_the_requester_sees_the_job(client, request, done_job, name):
    url = reverse(f"reports:{name}", kwargs={"uuid": done_job.uuid})
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    colleague = UserFactory(roles=[Role.ADMINISTRATOR])  # another administrator
    for user in (request.getfixturevalue("advertiser_a"), colleague):
        client.force_login(user)
        assert client.get(url).status_code == 404
    for persona in ("broadcaster", "editorial"):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(url).status_code == 403
    client.force_login(done_job.requester)
    assert client.get(url).status_code == 200


def test_an_unknown_job_is_not_found(client, administrator):
    client.force_login(administrator)
    url = reverse("reports:export_job", kwargs={"uuid": "00000000-0000-0000-0000-000000000000"})
    assert client.get(url).status_code == 404


# --- Failures and retries -------------------------------------------------------------------
def test_a_failing_job_is_tried_again_then_marked_failed(
    client,
    administrator,
    export_world,
    small_threshold,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    def broken(self, target, *, progress=None):
        raise OSError("disque plein")

    monkeypatch.setattr(exports.Export, "write", broken)
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = export_big(client, export_world.params)
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.FAILED
    assert job.attempts == jobs.MAX_ATTEMPTS
    assert "disque plein" in job.error
    assert job.file_path == ""
    assert job.expires_at is not None

    page = client.get(response["Location"])
    assert page.status_code == 200
    state = jobs.state(job)
    assert state["error"] and "disque plein" not in state["error"]  # no internals shown
    download = client.get(reverse("reports:export_job_download", kwargs={"uuid": job.uuid}))
    assert download.status_code == 404


def test_a_job_that_fails_once_succeeds_on_the_next_attempt(
    administrator, export_world, monkeypatch, django_capture_on_commit_callbacks
):
    original = exports.Export.write
    calls = []

    def flaky(self, target, *, progress=None):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("base de données occupée")
        return original(self, target, progress=progress)

    monkeypatch.setattr(exports.Export, "write", flaky)
    export = exports.Export.from_params({**export_world.params, "dataset": "airings"}, fmt="csv")
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(export=export, requester=administrator, row_count=10)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    assert job.attempts == 2


# --- Removal after 24 hours -------------------------------------------------------------------
def test_expired_files_and_jobs_are_removed(done_job):
    path = done_job.file_path
    assert jobs.remove_expired(now=timezone.now() + dt.timedelta(hours=23)) == 0
    assert default_storage.exists(path)
    assert jobs.remove_expired(now=timezone.now() + dt.timedelta(hours=25)) == 1
    assert not default_storage.exists(path)
    assert not ExportJob.objects.exists()


def test_an_expired_file_is_no_longer_offered(client, done_job):
    ExportJob.objects.filter(pk=done_job.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    client.force_login(done_job.requester)
    url = reverse("reports:export_job_download", kwargs={"uuid": done_job.uuid})
    assert client.get(url).status_code == 404


def test_abandoned_jobs_are_removed(administrator):
    job = ExportJob.objects.create(requester=administrator, dataset="airings", format="xlsx")
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    assert jobs.remove_expired() == 1


def test_expired_exports_are_removed_every_hour():
    schedule = Schedule.objects.get(func="reports.tasks.remove_expired_exports")
    assert schedule.schedule_type == Schedule.HOURLY
    assert schedule.repeats < 0


# --- The live page ---------------------------------------------------------------------------
def _connect(user_client, path):
    from bf1portal.asgi import application

    headers = [(b"host", b"testserver"), (b"origin", b"http://testserver")]
    if "sessionid" in user_client.cookies:
        headers.append((b"cookie", f"sessionid={user_client.cookies['sessionid'].value}".encode()))

    async def attempt():
        communicator = WebsocketCommunicator(application, path, headers=headers)
        connected, code = await communicator.connect()
        message = await communicator.receive_json_from() if connected else None
        await communicator.disconnect()
        return connected, code, message

    return async_to_sync(attempt)()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_job_socket_is_the_requesters_only(client, administrator, advertiser_a):
    job = ExportJob.objects.create(
        requester=administrator, dataset="airings", format="xlsx", progress=40, status="running"
    )
    path = f"/ws/reports/jobs/{job.uuid}/"
    connected, _code, message = _connect(client, path)
    assert not connected and _code == 4401
    client.force_login(advertiser_a)
    connected, code, _message = _connect(client, path)
    assert not connected and code == 4404
    client.force_login(administrator)
    connected, _code, message = _connect(client, path)
    assert connected
    assert message["status"] == "running" and message["progress"] == 40
