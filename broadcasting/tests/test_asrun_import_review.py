"""As-run import: a person reviews the discrepancies (accept as aired, mark
missed with a make-good, ignore); refusals change nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from broadcasting.asrun.services import review
from broadcasting.asrun.services.run import run_import
from broadcasting.asrun.services.upload import register_upload
from broadcasting.exceptions import BroadcastError
from broadcasting.models import Airing, AiringEvent, AsRunDiscrepancy, Break, UnplacedItem

from .asrun_import_helpers import AFTER, DAY, MISSING_CODE, SAMPLE, SAMPLE_NAME, build_sample_day

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(AFTER)]


@pytest.fixture(autouse=True)
def private_dir(settings, tmp_path):
    settings.ASRUN_PRIVATE_DIR = tmp_path / "asrun"


@pytest.fixture
def imported():
    day = build_sample_day()
    asrun_import, _created = register_upload(
        file=SimpleUploadedFile(SAMPLE_NAME, SAMPLE.read_bytes()), filename=SAMPLE_NAME
    )
    run_import(import_id=asrun_import.pk)
    return day, asrun_import


def _discrepancy(kind: str) -> AsRunDiscrepancy:
    return AsRunDiscrepancy.objects.get(kind=kind)


def _state():
    return (
        list(Airing.objects.order_by("pk").values_list("pk", "status", "confirmed_by_id")),
        list(AsRunDiscrepancy.objects.order_by("pk").values_list("pk", "resolution")),
        AiringEvent.objects.count(),
    )


def test_accept_as_aired_confirms_at_the_rows_time(imported, broadcaster):
    day, asrun_import = imported
    cut = _discrepancy("cut_short")
    review.accept_as_aired(discrepancy=cut, actor=broadcaster)
    airing = Airing.objects.get(pk=day.airings["BF1-000127"].pk)
    assert airing.status == "aired" and airing.confirmed_by == broadcaster
    assert airing.confirmed_at == cut.aired_at and airing.confirmed_by_import == asrun_import
    event = AiringEvent.objects.get(airing=airing)
    assert event.actor == broadcaster and SAMPLE_NAME in event.note
    cut.refresh_from_db()
    assert cut.resolution == "accepted_aired" and cut.resolved_by == broadcaster


def test_mark_missed_offers_a_make_good(card, imported, administrator):
    day, _asrun_import = imported
    # Room for the make-good in the days after the sample day (BF1's card ranks the bands).
    for offset in (1, 2):
        Break.objects.create(
            day=DAY.replace(day=DAY.day + offset),
            starts_at=AFTER.replace(day=AFTER.day + offset - 1, hour=19, minute=30),
            band_code="prime-time",
            capacity=180,
        )
    missing = _discrepancy("missing")
    review.mark_missed(discrepancy=missing, actor=administrator, reason="Panne du serveur")
    airing = Airing.objects.get(pk=day.airings[MISSING_CODE].pk)
    assert airing.status == "missed" and airing.missed_reason == "Panne du serveur"
    offered = Airing.objects.filter(make_good_of=airing).exists()
    waiting = UnplacedItem.objects.filter(source_airing=airing).exists()
    assert offered and not waiting
    missing.refresh_from_db()
    assert missing.resolution == "marked_missed" and missing.note == "Panne du serveur"


def test_ignore_an_extra(imported, broadcaster):
    missing = _discrepancy("missing")
    review.ignore(discrepancy=missing, actor=broadcaster, note="Connu")
    missing.refresh_from_db()
    assert missing.resolution == "ignored" and missing.note == "Connu"
    assert Airing.objects.get(pk=missing.airing_id).status == "planned"


def test_refusals_change_nothing(imported, advertiser_a, editorial, broadcaster):
    missing = _discrepancy("missing")
    Airing.objects.filter(pk=missing.airing_id).update(status="aired", confirmed_by=broadcaster)
    before = _state()
    cut = _discrepancy("cut_short")
    for actor in (advertiser_a, editorial):
        for action in (
            lambda a: review.accept_as_aired(discrepancy=cut, actor=a),
            lambda a: review.mark_missed(discrepancy=cut, actor=a, reason="x"),
            lambda a: review.ignore(discrepancy=cut, actor=a),
        ):
            with pytest.raises(BroadcastError):
                action(actor)
    with pytest.raises(BroadcastError):  # a reason is required
        review.mark_missed(discrepancy=cut, actor=broadcaster, reason=" ")
    with pytest.raises(BroadcastError):  # confirmed aired by hand meanwhile
        review.mark_missed(discrepancy=missing, actor=broadcaster, reason="Panne")
    assert _state() == before
    review.ignore(discrepancy=cut, actor=broadcaster)
    resolved = _state()
    with pytest.raises(BroadcastError, match="already|déjà"):
        review.accept_as_aired(discrepancy=cut, actor=broadcaster)
    assert _state() == resolved


def test_an_extra_can_only_be_ignored(broadcaster):
    build_sample_day()
    data = SAMPLE.read_bytes().replace(b"BF1-000152", b"BF1-000999")
    asrun_import, _created = register_upload(
        file=SimpleUploadedFile(SAMPLE_NAME, data), filename=SAMPLE_NAME
    )
    run_import(import_id=asrun_import.pk)
    extra = _discrepancy("extra")
    assert extra.house_code == "BF1-000999" and extra.airing_id is None
    before = _state()
    with pytest.raises(BroadcastError):
        review.accept_as_aired(discrepancy=extra, actor=broadcaster)
    with pytest.raises(BroadcastError):
        review.mark_missed(discrepancy=extra, actor=broadcaster, reason="Panne")
    assert _state() == before
    review.ignore(discrepancy=extra, actor=broadcaster, note="Spot de la station")
    assert AsRunDiscrepancy.objects.get(pk=extra.pk).resolution == "ignored"


def test_undoing_an_import_confirmation_forgets_the_import(imported, administrator):
    from broadcasting.services.airings import undo_confirmation

    day, asrun_import = imported
    airing = Airing.objects.get(pk=day.airings["BF1-000101"].pk)
    assert airing.confirmed_by_import == asrun_import
    undo_confirmation(airing=airing, actor=administrator, reason="Mauvais fichier")
    airing.refresh_from_db()
    assert airing.status == "planned" and airing.confirmed_by_import is None
