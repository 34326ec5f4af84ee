"""The reports' factory makes export jobs in the states the task leaves them
in: the task finishes a queued one, a done one is downloaded by its requester
only until it expires, a failed one says so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role, has_role
from reports import services
from reports.models import ExportJob
from reports.period import current_month

from .factories import ExportJobFactory, export_of

pytestmark = pytest.mark.django_db

SIGNATURES = {"xlsx": b"PK\x03\x04", "pdf": b"%PDF", "csv": b"\xef\xbb\xbf"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def test_a_queued_job_covers_this_month_and_the_task_finishes_it():
    job = ExportJobFactory()
    job.full_clean()
    first, last = current_month()
    assert job.params == {
        "start": first.isoformat(),
        "end": last.isoformat(),
        "dataset": "airings",
    }
    assert has_role(job.requester, Role.ADMINISTRATOR)
    assert not job.is_finished
    assert services.state(job)["download_url"] == ""

    assert services.run(job.pk) == ExportJob.Status.DONE

    job.refresh_from_db()
    assert job.file_name == export_of(job).file_name()
    assert default_storage.exists(job.file_path)


def test_a_running_job_shows_its_progress():
    job = ExportJobFactory(running=True)
    job.full_clean()
    state = services.state(job)
    assert (state["status"], state["progress"]) == ("running", 40)
    assert not job.is_finished


@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "csv"])
def test_a_done_job_offers_the_real_file_for_a_day(fmt):
    job = ExportJobFactory(done=True, format=fmt)
    job.full_clean()
    assert job.is_finished and job.progress == 100
    assert job.file_name == f"bf1-passages-{job.params['start']}-{job.params['end']}.{fmt}"
    assert job.file_path.startswith(f"{services.STORAGE_FOLDER}/{job.uuid.hex}_")
    assert job.expires_at == job.finished_at + services.KEEP_FOR
    with services.file_of(job) as handle:
        assert handle.read().startswith(SIGNATURES[fmt])
    assert services.state(job)["download_url"]


def test_a_done_overview_is_written_too():
    job = ExportJobFactory(done=True, dataset=ExportJob.Dataset.OVERVIEW, format="pdf")
    assert job.file_name.startswith("bf1-rapport-")
    assert default_storage.exists(job.file_path)


def test_only_the_requester_downloads_a_done_job(client):
    job = ExportJobFactory(done=True)
    url = reverse("reports:export_job_download", kwargs={"uuid": job.uuid})

    client.force_login(ExportJobFactory().requester)  # another administrator
    assert client.get(url).status_code == 404
    client.force_login(job.requester)
    response = client.get(url)

    assert response.status_code == 200
    assert job.file_name in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(SIGNATURES["xlsx"])


def test_an_expired_done_job_is_removed_with_its_file():
    job = ExportJobFactory(done=True)
    path = job.file_path
    assert services.remove_expired(now=timezone.now() + dt.timedelta(hours=23)) == 0
    assert services.remove_expired(now=timezone.now() + dt.timedelta(hours=25)) == 1
    assert not default_storage.exists(path)


def test_a_failed_job_says_so_and_offers_no_file():
    job = ExportJobFactory(failed=True)
    job.full_clean()
    assert job.is_finished
    assert job.attempts == services.MAX_ATTEMPTS
    assert services.file_of(job) is None
    state = services.state(job)
    assert state["status"] == "failed" and state["error"] and not state["download_url"]


def test_a_clients_job_is_limited_to_their_company(client):
    job = ExportJobFactory(for_advertiser=True, done=True)
    job.full_clean()
    assert has_role(job.requester, Role.ADVERTISER)
    assert job.advertiser == job.requester.advertiser
    assert export_of(job).filters.advertiser_id == job.advertiser.pk

    client.force_login(job.requester)
    response = client.get(reverse("reports:export_job", kwargs={"uuid": job.uuid}))
    assert response.status_code == 200
