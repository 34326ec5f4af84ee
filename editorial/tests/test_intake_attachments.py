"""Attachments of a coverage request: checked by their content, never their name;
10 MB each, 5 at most; every refusal names the file, creates nothing and leaves
no file on disk."""

from __future__ import annotations

import pytest
from django.utils import translation

from editorial.attachment_checks import MAX_ATTACHMENT_BYTES, Refused, check_attachments, identify
from editorial.exceptions import EditorialError
from editorial.models import CoverageAttachment, CoverageRequest
from editorial.services import intake

from .intake_support import (
    answers,
    exe_bytes,
    odf_bytes,
    office_bytes,
    ole_bytes,
    pdf,
    pdf_bytes,
    picture,
    picture_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    root = tmp_path / "media"
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def files_on_disk(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def refused_with(files, media) -> list[str]:
    with pytest.raises(EditorialError) as caught:
        intake.create_request(data=answers(), files=files)
    assert CoverageRequest.objects.count() == 0
    assert CoverageAttachment.objects.count() == 0
    assert files_on_disk(media) == []
    return caught.value.field_errors["attachments"]


# --- What is accepted -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "content", "extension", "content_type"),
    [
        ("invitation.pdf", pdf_bytes(), "pdf", "application/pdf"),
        ("affiche.png", picture_bytes("PNG"), "png", "image/png"),
        ("photo.jpg", picture_bytes("JPEG"), "jpg", "image/jpeg"),
        ("visuel.webp", picture_bytes("WEBP"), "webp", "image/webp"),
        (
            "programme.docx",
            office_bytes("docx"),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "budget.xlsx",
            office_bytes("xlsx"),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "presentation.pptx",
            office_bytes("pptx"),
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("ancien.doc", ole_bytes("WordDocument"), "doc", "application/msword"),
        ("ancien.xls", ole_bytes("Workbook"), "xls", "application/vnd.ms-excel"),
        ("ancien.ppt", ole_bytes("PowerPoint Document"), "ppt", "application/vnd.ms-powerpoint"),
        ("note.odt", odf_bytes(), "odt", "application/vnd.oasis.opendocument.text"),
    ],
)
def test_accepted_kinds_are_recognised_by_their_content(name, content, extension, content_type):
    kind = identify(upload(name, content))
    assert (kind.extension, kind.content_type) == (extension, content_type)


def test_the_name_does_not_matter_only_the_content():
    kind = identify(upload("programme.txt", pdf_bytes(), "text/plain"))
    assert kind.extension == "pdf"


def test_accepted_files_are_stored_under_their_real_kind(media):
    coverage = intake.create_request(
        data=answers(),
        files=[pdf("Invitation officielle.PDF"), upload("affiche.pdf", picture_bytes("PNG"))],
    )
    first, second = coverage.attachments.order_by("pk")
    assert first.original_name == "Invitation officielle.PDF"
    assert first.content_type == "application/pdf"
    assert first.size == len(pdf_bytes())
    assert first.file.name.startswith(f"editorial/requests/{coverage.uuid}/")
    assert first.file.name.endswith("invitation-officielle.pdf")
    # a PNG named .pdf is kept as what it is
    assert second.original_name == "affiche.pdf"
    assert second.content_type == "image/png"
    assert second.file.name.endswith("affiche.png")
    assert len(files_on_disk(media)) == 2


def test_five_files_are_accepted(media):
    coverage = intake.create_request(
        data=answers(), files=[pdf(f"piece-{n}.pdf") for n in range(5)]
    )
    assert coverage.attachments.count() == 5


# --- What is refused ---------------------------------------------------------------------
def test_a_text_file_named_pdf_is_refused(media):
    [message] = refused_with([upload("compte-rendu.pdf", b"Bonjour, voici le programme.")], media)
    assert message.startswith("“compte-rendu.pdf” is not a document we accept")


def test_an_executable_renamed_pdf_is_refused(media):
    [message] = refused_with([upload("invitation.pdf", exe_bytes())], media)
    assert message == (
        "“invitation.pdf” is a program, not a document: it is refused whatever its name."
    )


@pytest.mark.parametrize("head", [b"\x7fELF\x02\x01\x01", b"#!/bin/sh\n", b"\xcf\xfa\xed\xfe"])
def test_other_programs_are_refused(head):
    with pytest.raises(Refused) as caught:
        identify(upload("programme.docx", head + b"\x00" * 64))
    assert "is a program" in caught.value.reason


def test_an_oversize_file_is_refused(media):
    big = upload("dossier-de-presse.pdf", pdf_bytes() + b"0" * (11 * 1024 * 1024))
    [message] = refused_with([big], media)
    assert message.startswith("“dossier-de-presse.pdf” is too large (")
    assert "10 MB at most" in message


def test_exactly_10_mb_is_accepted():
    content = pdf_bytes() + b"0" * (MAX_ATTACHMENT_BYTES - len(pdf_bytes()))
    assert identify(upload("max.pdf", content)).extension == "pdf"


def test_a_sixth_file_is_refused(media):
    [message] = refused_with([pdf(f"piece-{n}.pdf") for n in range(6)], media)
    assert message == "You may attach 5 files at most (you sent 6)."


def test_an_empty_file_is_refused(media):
    [message] = refused_with([upload("vide.pdf", b"")], media)
    assert message == "“vide.pdf” is empty."


def test_a_zip_that_is_not_an_office_document_is_refused():
    with pytest.raises(Refused):
        identify(upload("archive.docx", office_bytes("docx", content_types=False)))


def test_an_ole_file_that_is_not_office_is_refused():
    with pytest.raises(Refused):
        identify(upload("installeur.doc", ole_bytes("SummaryInformation")))


def test_a_document_with_macros_is_refused():
    with pytest.raises(Refused) as caught:
        identify(upload("rapport.docx", office_bytes("docm")))
    assert caught.value.reason.startswith("“rapport.docx” contains macros")


def test_a_broken_picture_is_refused():
    with pytest.raises(Refused):
        identify(upload("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png"))


def test_each_bad_file_is_named_and_good_ones_are_not_kept(media):
    messages = refused_with(
        [pdf("bon.pdf"), upload("virus.pdf", exe_bytes()), upload("vide.docx", b"")], media
    )
    assert len(messages) == 2
    assert "“virus.pdf”" in messages[0]
    assert "“vide.docx”" in messages[1]


def test_a_bad_file_with_other_errors_reports_both(media):
    with pytest.raises(EditorialError) as caught:
        intake.create_request(
            data=answers(event_date="2001-01-01"), files=[upload("x.pdf", exe_bytes())]
        )
    assert {"event_date", "attachments"} <= set(caught.value.field_errors)
    assert files_on_disk(media) == []


def test_a_failure_while_saving_removes_the_files_already_written(media, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the desk is down")

    monkeypatch.setattr(intake, "_tell_the_desk", broken)
    with pytest.raises(RuntimeError):
        intake.create_request(data=answers(), files=[pdf("a.pdf"), picture("b.png")])
    assert CoverageRequest.objects.count() == 0
    assert files_on_disk(media) == []


def test_check_attachments_ignores_missing_entries():
    accepted, errors = check_attachments([None, pdf()])
    assert errors == []
    assert len(accepted) == 1
