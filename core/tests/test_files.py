"""The one sniffer: a file is what its bytes say, whatever its name."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from core.files import detect_document, is_executable, sniff_bytes, zip_document


def _png(size=(4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


def _docx(macros: bool = False) -> bytes:
    buffer = io.BytesIO()
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/word/document.xml" ContentType="{main}"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", b"\0")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\x00\x00\x00\x18ftypisom" + b"\0" * 20, "mp4"),
        (b"\x00\x00\x00\x14ftypqt  " + b"\0" * 20, "mov"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, "jpeg"),
        (b"%PDF-1.7\n", "pdf"),
        (b"RIFF\0\0\0\0WEBPVP8 ", "webp"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 20, "ole"),
        (b"just some text, named video.mp4", None),
        (b"", None),
    ],
)
def test_sniff_bytes(head, expected):
    assert sniff_bytes(head) == expected


def test_programs_are_recognised_whatever_their_name():
    assert is_executable(b"MZ\x90\x00")
    assert is_executable(b"\x7fELF\x02")
    assert is_executable(b"#!/bin/sh\n")
    assert not is_executable(b"%PDF-1.4")


def test_documents_are_judged_by_content():
    pdf = detect_document(io.BytesIO(b"%PDF-1.4\n%%EOF"), max_image_pixels=10**6)
    assert pdf.kind.extension == "pdf"
    assert detect_document(io.BytesIO(_png()), max_image_pixels=10**6).kind.extension == "png"
    # A picture over the pixel limit, a program renamed .pdf, plain text: refused.
    assert detect_document(io.BytesIO(_png((50, 50))), max_image_pixels=100).kind is None
    refused = detect_document(io.BytesIO(b"MZ\x90\x00" + b"\0" * 200), max_image_pixels=10**6)
    assert refused.kind is None and refused.executable
    assert detect_document(io.BytesIO(b"hello"), max_image_pixels=10**6).kind is None


def test_office_files_and_their_macros():
    found = detect_document(io.BytesIO(_docx()), max_image_pixels=10**6)
    assert found.kind.extension == "docx" and not found.macros
    assert zip_document(io.BytesIO(_docx(macros=True))).macros
    # A ZIP that holds no Office document is nothing the project accepts.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "x")
    assert detect_document(io.BytesIO(buffer.getvalue()), max_image_pixels=10**6).kind is None
