"""“Imports as-run” in the admin: the history, the upload (refusals in French,
nothing stored), an import's page with its summary and its discrepancies
reviewed one by one, its progress as JSON; and the "par import" mark on the
broadcaster's running order."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from broadcasting.asrun.services.run import run_import
from broadcasting.asrun.services.upload import register_upload
from broadcasting.models import Airing, AsRunDiscrepancy, AsRunImport, Break

from .asrun_import_helpers import (
    AFTER,
    DAY,
    MISSING_CODE,
    SAMPLE,
    SAMPLE_NAME,
    SAMPLES,
    build_sample_day,
)

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(AFTER)]

INDEX = reverse("broadcast_asrun:index")
UPLOAD = reverse("broadcast_asrun:upload")


@pytest.fixture(autouse=True)
def private_dir(settings, tmp_path):
    settings.ASRUN_PRIVATE_DIR = tmp_path / "asrun"
    return settings.ASRUN_PRIVATE_DIR


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def stored_files(folder) -> list:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def upload(client, name: str, data: bytes | None = None, **extra):
    data = data if data is not None else (SAMPLES / name).read_bytes()
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), **extra})


def imported(user=None) -> AsRunImport:
    asrun_import, _created = register_upload(
        file=SimpleUploadedFile(SAMPLE_NAME, SAMPLE.read_bytes()), filename=SAMPLE_NAME, user=user
    )
    return run_import(import_id=asrun_import.pk)


def detail(asrun_import) -> str:
    return reverse("broadcast_asrun:detail", args=[asrun_import.pk])


# --- History -------------------------------------------------------------------------


def test_the_empty_history_says_so_in_french(admin_client):
    html = admin_client.get(INDEX).content.decode()
    assert "Aucun fichier as-run importé" in html
    assert UPLOAD in html


def test_the_history_lists_the_imports_newest_first_in_constant_queries(admin_client):
    build_sample_day()
    first = imported()
    admin_client.get(INDEX)  # the session and the user cached
    with CaptureQueriesContext(connection) as few:
        admin_client.get(INDEX)
    for number in range(5):
        register_upload(
            file=SimpleUploadedFile(f"{number}.LOG", SAMPLE.read_bytes() + b"\r\n" * (number + 1)),
            filename=f"other-{number}.LOG",
        )
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(INDEX)
    assert len(many) == len(few)
    listed = list(response.context["object_list"])
    assert listed[-1] == first and listed[0].filename == "other-4.LOG"
    html = response.content.decode()
    assert "dossier surveillé" in html and detail(first) in html
    assert listed[-1].open_count == 2  # the cut-short and the missing airing


# --- Upload ----------------------------------------------------------------------------


def test_an_upload_runs_and_lands_on_its_page(
    admin_client, administrator, django_capture_on_commit_callbacks
):
    build_sample_day()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, SAMPLE_NAME)
    asrun_import = AsRunImport.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(asrun_import)
    assert asrun_import.uploaded_by == administrator
    assert asrun_import.status == AsRunImport.Status.DONE
    html = admin_client.get(detail(asrun_import)).content.decode()
    assert "Résumé" in html and 'data-count="matched">51<' in html
    assert 'data-count="cut_short">1<' in html and 'data-count="missing">1<' in html
    assert "Accepter comme diffusé" in html and "Marquer comme manquée" in html


def test_the_same_file_twice_points_at_the_first_import(admin_client):
    first = imported()
    response = upload(admin_client, "again.LOG", SAMPLE.read_bytes())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce fichier a déjà été importé le" in html and detail(first) in html
    assert AsRunImport.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("not_an_asrun.txt", "non reconnu"),
        ("xml_bomb.xml", "DTD"),
        ("xml_external_entity.xml", "DTD"),
        ("unknown_root.xml", "non reconnu"),
        ("bxf_truncated.xml", "illisible"),
        ("garbage.xml", ""),
    ],
)
def test_a_refused_file_is_named_and_nothing_is_stored(admin_client, private_dir, name, words):
    response = upload(admin_client, name)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert words.lower() in errors.lower()
    assert AsRunImport.objects.count() == 0 and stored_files(private_dir) == []


def test_a_file_too_large_is_refused(admin_client, settings, private_dir):
    settings.ASRUN_MAX_BYTES = 1000
    response = upload(admin_client, SAMPLE_NAME)
    assert "trop volumineux" in " ".join(response.context["form"].errors["file"])
    assert AsRunImport.objects.count() == 0 and stored_files(private_dir) == []


def test_a_large_file_is_checked_by_its_start(admin_client, monkeypatch, private_dir):
    from broadcasting.admin import asrun_forms

    monkeypatch.setattr(asrun_forms, "FULL_CHECK_BYTES", 100)
    bomb = upload(admin_client, "xml_bomb.xml")
    assert "DTD" in " ".join(bomb.context["form"].errors["file"])
    prose = upload(admin_client, "not_an_asrun.txt")
    assert "non reconnu" in " ".join(prose.context["form"].errors["file"])
    assert AsRunImport.objects.count() == 0 and stored_files(private_dir) == []
    truncated = upload(admin_client, "bxf_truncated.xml")  # the job reports it
    assert truncated.status_code == 302 and AsRunImport.objects.count() == 1


def test_no_file_is_a_french_error(admin_client):
    response = admin_client.post(UPLOAD, {})
    assert "Choisissez le fichier as-run" in response.content.decode()


# --- One import ------------------------------------------------------------------------


def test_a_running_import_shows_its_progress_and_a_refresh_link(admin_client):
    asrun_import, _created = register_upload(
        file=SimpleUploadedFile(SAMPLE_NAME, SAMPLE.read_bytes()), filename=SAMPLE_NAME
    )
    AsRunImport.objects.filter(pk=asrun_import.pk).update(status="running", progress=40)
    html = admin_client.get(detail(asrun_import)).content.decode()
    assert "40\u202f%" in html and "data-import-refresh" in html and "asrun_import.js" in html
    status = admin_client.get(reverse("broadcast_asrun:status", args=[asrun_import.pk])).json()
    assert status == {
        "status": "running",
        "status_label": "En cours · 40\u202f%",
        "progress": 40,
        "finished": False,
    }


def test_a_failed_import_shows_its_french_message(admin_client):
    asrun_import, _created = register_upload(
        file=SimpleUploadedFile("t.xml", (SAMPLES / "bxf_truncated.xml").read_bytes()),
        filename="t.xml",
    )
    run_import(import_id=asrun_import.pk)
    html = admin_client.get(detail(asrun_import)).content.decode()
    assert "data-import-error" in html and "illisible" in html.lower()


def test_the_discrepancies_load_in_constant_queries(admin_client):
    build_sample_day()
    asrun_import = imported()
    admin_client.get(detail(asrun_import))  # the session and the user cached
    with CaptureQueriesContext(connection) as few:
        admin_client.get(detail(asrun_import))
    extra = AsRunDiscrepancy.objects.filter(asrun_import=asrun_import).first()
    for _n in range(10):
        extra.pk = None
        extra.save()
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(detail(asrun_import))
    assert len(many) == len(few)
    assert len(response.context["discrepancies"]) == 12


def _review(client, discrepancy, action, **data):
    url = reverse(f"broadcast_asrun:{action}", args=[discrepancy.pk])
    return client.post(url, data, follow=True)


def test_review_accept_and_mark_missed(admin_client, card, administrator):
    day = build_sample_day()
    for offset in (1, 2):  # room for the make-good after the sample day
        Break.objects.create(
            day=DAY.replace(day=DAY.day + offset),
            starts_at=AFTER.replace(day=AFTER.day + offset - 1, hour=19, minute=30),
            band_code="prime-time",
            capacity=180,
        )
    asrun_import = imported()
    cut = AsRunDiscrepancy.objects.get(kind="cut_short")
    response = _review(admin_client, cut, "accept")
    assert "accepté comme diffusé" in response.content.decode()
    airing = Airing.objects.get(pk=cut.airing_id)
    assert airing.status == "aired" and airing.confirmed_by == administrator

    missing = AsRunDiscrepancy.objects.get(kind="missing")
    refused = _review(admin_client, missing, "missed", reason="  ")
    assert "Indiquez" in refused.content.decode() or "raison" in refused.content.decode()
    assert Airing.objects.get(pk=missing.airing_id).status == "planned"
    response = _review(admin_client, missing, "missed", reason="Panne du serveur")
    assert "rattrapage" in response.content.decode()
    missed = Airing.objects.get(pk=day.airings[MISSING_CODE].pk)
    assert missed.status == "missed" and Airing.objects.filter(make_good_of=missed).exists()
    html = admin_client.get(detail(asrun_import)).content.decode()
    assert 'data-resolution="marked_missed"' in html and "Panne du serveur" in html
    assert str(administrator) in html


def test_a_refused_review_is_a_message_and_changes_nothing(admin_client, broadcaster):
    build_sample_day()
    imported()
    cut = AsRunDiscrepancy.objects.get(kind="cut_short")
    Airing.objects.filter(pk=cut.airing_id).update(status="missed", confirmed_by=broadcaster)
    response = _review(admin_client, cut, "accept")
    assert "annulez" in response.content.decode().lower()
    assert AsRunDiscrepancy.objects.get(pk=cut.pk).resolution == "open"
    assert admin_client.get(reverse("broadcast_asrun:accept", args=[cut.pk])).status_code == 405


def test_ignore(admin_client):
    build_sample_day()
    imported()
    missing = AsRunDiscrepancy.objects.get(kind="missing")
    _review(admin_client, missing, "ignore", note="Connu")
    missing.refresh_from_db()
    assert missing.resolution == "ignored" and missing.note == "Connu"


@pytest.mark.parametrize("who", ["broadcaster", "editorial", "advertiser_a"])
def test_only_administrators_reach_the_screens(client, request, who):
    build_sample_day()
    asrun_import = imported()
    client.force_login(request.getfixturevalue(who))
    for url in (INDEX, UPLOAD, detail(asrun_import)):
        assert client.get(url).status_code in (302, 403)
    cut = AsRunDiscrepancy.objects.get(kind="cut_short")
    _review(client, cut, "accept")
    assert AsRunDiscrepancy.objects.get(pk=cut.pk).resolution == "open"


# --- The running order -------------------------------------------------------------------


def test_the_running_order_marks_airings_confirmed_by_import(client, broadcaster):
    day = build_sample_day()
    imported()
    client.force_login(broadcaster)
    html = client.get(reverse("broadcasting:dashboard"), {"date": DAY.isoformat()}).content
    html = html.decode()
    assert "Diffusé · par import à 06:55" in html
    assert "data-by-import" in html
    # The cut-short airing, not confirmed, carries no mark.
    cut = day.airings["BF1-000127"].pk
    row = html[html.index(f'data-airing="{cut}"') :]
    assert "data-by-import" not in row[: row.index("</li>")]


def test_a_hand_confirmation_keeps_its_own_words(client, broadcaster):
    day = build_sample_day()
    by_hand = day.airings["BF1-000101"]
    Airing.objects.filter(pk=by_hand.pk).update(
        status="aired", confirmed_by=broadcaster, confirmed_at=AFTER
    )
    imported()
    client.force_login(broadcaster)
    html = client.get(reverse("broadcasting:dashboard"), {"date": DAY.isoformat()}).content
    html = html.decode()
    row = html[html.index(f'data-airing="{by_hand.pk}"') :]
    row = row[: row.index("</li>")]
    assert "Confirmée par" in row and "data-by-import" not in row


def test_user_text_is_shown_as_text(admin_client):
    hostile = "<b onmouseover=alert(1)>journal.LOG"
    asrun_import, _created = register_upload(
        file=SimpleUploadedFile("x", SAMPLE.read_bytes()), filename=hostile
    )
    for url in (INDEX, detail(asrun_import)):
        html = admin_client.get(url).content.decode()
        assert "<b onmouseover" not in html and "&lt;b onmouseover=alert(1)&gt;" in html
