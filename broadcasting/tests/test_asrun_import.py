"""As-run import, database side: registering a file (size, hash, private copy),
the job that reads it and confirms the matched airings day by day, its
failures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from broadcasting.asrun.rows import AsRunFileError
from broadcasting.asrun.services import run as run_service
from broadcasting.asrun.services.run import run_import
from broadcasting.asrun.services.upload import raw_path, register_upload
from broadcasting.models import Airing, AiringEvent, AsRunDiscrepancy, AsRunImport
from campaigns.models import Status

from .asrun_import_helpers import (
    AFTER,
    MISSING_CODE,
    SAMPLE,
    SAMPLE_NAME,
    SAMPLES,
    build_sample_day,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_dir(settings, tmp_path):
    settings.ASRUN_PRIVATE_DIR = tmp_path / "asrun"
    return settings.ASRUN_PRIVATE_DIR


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def upload(name: str, data: bytes | None = None, **kw):
    data = data if data is not None else (SAMPLES / name).read_bytes()
    return register_upload(file=SimpleUploadedFile(name, data), filename=name, **kw)


def test_a_new_file_is_stored_privately_and_pending(private_dir, administrator):
    asrun_import, created = upload(SAMPLE_NAME, user=administrator)
    assert created
    assert asrun_import.status == AsRunImport.Status.PENDING
    assert asrun_import.uploaded_by == administrator
    assert asrun_import.size == SAMPLE.stat().st_size and len(asrun_import.sha256) == 64
    stored = raw_path(asrun_import)
    assert stored.read_bytes() == SAMPLE.read_bytes()
    assert private_dir in stored.parents
    assert _files(private_dir) == [stored]


def test_the_same_file_twice_changes_nothing(private_dir, django_capture_on_commit_callbacks):
    first, _created = upload(SAMPLE_NAME)
    with django_capture_on_commit_callbacks() as callbacks:
        again, created = upload("renamed.LOG", SAMPLE.read_bytes())
    assert not created and again.pk == first.pk and again.filename == SAMPLE_NAME
    assert callbacks == []
    assert AsRunImport.objects.count() == 1 and len(_files(private_dir)) == 1


def test_a_file_too_large_is_refused_before_reading(settings, private_dir):
    settings.ASRUN_MAX_BYTES = 1000
    declared = SimpleUploadedFile("big.LOG", b"x")
    declared.size = 200 * 1000 * 1000  # what the upload says: 200 MB
    with pytest.raises(AsRunFileError, match="trop volumineux|too large"):
        register_upload(file=declared, filename="big.LOG")
    with pytest.raises(AsRunFileError):  # no declared size: refused once past the limit
        register_upload(file=io.BytesIO(b"y" * 5000), filename="big.LOG")
    assert AsRunImport.objects.count() == 0 and _files(private_dir) == []


def test_an_empty_file_is_refused(private_dir):
    with pytest.raises(AsRunFileError):
        upload("empty.LOG", b"")
    assert AsRunImport.objects.count() == 0 and _files(private_dir) == []


def test_a_failed_save_leaves_no_file(private_dir, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(AsRunImport.objects, "create", broken)
    with pytest.raises(RuntimeError):
        upload(SAMPLE_NAME)
    assert _files(private_dir) == []


@pytest.mark.parametrize(
    "name", ["not_an_asrun.txt", "xml_bomb.xml", "bxf_truncated.xml", "unknown_root.xml"]
)
def test_a_refused_file_fails_the_import_with_a_french_message(name):
    asrun_import, _created = upload(name)
    result = run_import(import_id=asrun_import.pk)
    assert result.status == AsRunImport.Status.FAILED
    assert result.error and result.finished_at is not None
    assert AsRunDiscrepancy.objects.count() == 0


def test_the_message_is_french(settings):
    from django.utils import translation

    asrun_import, _created = upload("not_an_asrun.txt")
    with translation.override("fr"):
        result = run_import(import_id=asrun_import.pk)
    assert "format" in result.error.lower() and "non reconnu" in result.error.lower()


@pytest.mark.time_machine(AFTER)
def test_the_sample_day_confirms_its_airings(broadcaster):
    day = build_sample_day()
    by_hand = day.airings["BF1-000110"]
    Airing.objects.filter(pk=by_hand.pk).update(
        status="aired", confirmed_by=broadcaster, confirmed_at=AFTER
    )
    missed = day.airings["BF1-000115"]
    Airing.objects.filter(pk=missed.pk).update(
        status="missed", confirmed_by=broadcaster, confirmed_at=AFTER, missed_reason="Coupure"
    )
    asrun_import, _created = upload(SAMPLE_NAME)
    result = run_import(import_id=asrun_import.pk)

    assert result.status == AsRunImport.Status.DONE and result.progress == 100
    assert result.format == "airbox" and result.rows_total == 92
    assert result.first_day == result.last_day == day.breaks[0].day
    counts = result.counts
    assert counts["matched"] == 49
    assert counts["cut_short"] == 1 and counts["missing"] == 1
    assert counts["conflicts"] == 1 and counts["agreed"] == 1
    assert result.rows_ignored == counts["ignored"] == 92 - 52
    aired = Airing.objects.filter(confirmed_by_import=asrun_import)
    assert aired.count() == 49
    assert set(aired.values_list("status", flat=True)) == {"aired"}
    assert not aired.filter(confirmed_by__isnull=False).exists()
    first = Airing.objects.get(pk=day.airings["BF1-000101"].pk)
    assert first.confirmed_at.isoformat() == "2026-12-05T06:55:05+00:00"
    event = AiringEvent.objects.get(airing=first)
    assert event.actor is None and SAMPLE_NAME in event.note
    # Hand confirmations untouched, the contradicting one listed.
    assert Airing.objects.get(pk=by_hand.pk).confirmed_by == broadcaster
    assert Airing.objects.get(pk=missed.pk).status == "missed"
    kinds = dict(
        AsRunDiscrepancy.objects.filter(asrun_import=asrun_import).values_list("house_code", "kind")
    )
    assert kinds == {"BF1-000127": "cut_short", MISSING_CODE: "missing", "BF1-000115": "conflict"}
    # Cut short and missing airings wait for a person.
    assert Airing.objects.get(pk=day.airings["BF1-000127"].pk).status == "planned"
    assert Airing.objects.get(pk=day.airings[MISSING_CODE].pk).status == "planned"
    cut = AsRunDiscrepancy.objects.get(kind="cut_short")
    assert cut.line == 50 and cut.duration_seconds == pytest.approx(9.48)


@pytest.mark.time_machine(AFTER)
def test_running_again_changes_nothing():
    build_sample_day()
    asrun_import, _created = upload(SAMPLE_NAME)
    first = run_import(import_id=asrun_import.pk)
    events = AiringEvent.objects.count()
    again = run_import(import_id=asrun_import.pk)
    assert again.counts == first.counts and AiringEvent.objects.count() == events
    assert AsRunDiscrepancy.objects.count() == 2
    # A retry after a failure skips the days already applied.
    AsRunImport.objects.filter(pk=asrun_import.pk).update(status="failed")
    retried = run_import(import_id=asrun_import.pk)
    assert retried.status == "done" and retried.counts == first.counts
    assert AsRunDiscrepancy.objects.count() == 2 and AiringEvent.objects.count() == events


@pytest.mark.time_machine(AFTER)
def test_a_campaign_whose_last_airing_aired_is_finished():
    day = build_sample_day(with_missing=False)
    asrun_import, _created = upload(SAMPLE_NAME)
    run_import(import_id=asrun_import.pk)
    # Every airing of Brakina aired: its campaign is over; Faso Coton's cut one waits.
    assert (
        day.campaigns["Brakina"].__class__.objects.get(pk=day.campaigns["Brakina"].pk).status
        == Status.FINISHED
    )
    faso = day.campaigns["Faso Coton"]
    assert faso.__class__.objects.get(pk=faso.pk).status == Status.AIRING


@pytest.mark.time_machine(AFTER)
def test_an_error_is_recorded_and_raised_for_a_retry(monkeypatch):
    build_sample_day()
    asrun_import, _created = upload(SAMPLE_NAME)

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(run_service, "apply_day", broken)
    with pytest.raises(RuntimeError):
        run_import(import_id=asrun_import.pk)
    failed = AsRunImport.objects.get(pk=asrun_import.pk)
    assert failed.status == "failed" and "disk full" in failed.error and failed.attempts == 1
    assert not Airing.objects.filter(status="aired").exists()
    monkeypatch.undo()
    done = run_import(import_id=asrun_import.pk)
    assert done.status == "done" and done.attempts == 2 and done.error == ""


def test_a_stored_file_gone_fails_the_import():
    asrun_import, _created = upload(SAMPLE_NAME)
    raw_path(asrun_import).unlink()
    assert run_import(import_id=asrun_import.pk).status == "failed"


def test_rows_on_a_day_without_breaks_are_reported():
    asrun_import, _created = upload(SAMPLE_NAME)
    result = run_import(import_id=asrun_import.pk)
    assert result.status == "done" and result.counts["extra"] == 52
    detail = AsRunDiscrepancy.objects.filter(kind="extra").first().detail
    assert "05/12/2026" in detail


def test_a_file_of_another_format_than_its_source_is_refused():
    from broadcasting.models import AsRunSource

    source = AsRunSource.objects.create(name="Etere régie", format="etere")
    asrun_import, _created = upload(SAMPLE_NAME, source=source)
    result = run_import(import_id=asrun_import.pk)
    assert result.status == "failed" and "Etere" in result.error


def test_a_sources_mapping_and_zone():
    from broadcasting.models import AsRunSource

    source = AsRunSource(
        name="Régie CSV",
        csv_mapping={"date": "Jour", "time": "Heure", "code": "Code", "unknown": "x"},
        time_zone="Europe/Paris",
    )
    mapping = run_service.csv_mapping_of(source)
    assert (mapping.date, mapping.time, mapping.code) == ("Jour", "Heure", "Code")
    assert str(run_service.zone_of(source)) == "Europe/Paris"
    assert run_service.zone_of(AsRunSource(name="x", time_zone="Mars/Olympus")) is None
    assert run_service.csv_mapping_of(None) is None
