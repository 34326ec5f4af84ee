"""Helpers shared by the tests of the coverage request intake (no test here):
valid answers, files of each kind, requests made straight in the database."""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from editorial.attachment_checks import OLE_MAGIC
from editorial.models import CoverageEvent, CoverageRequest, CoverageStatus


def next_week() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=7)


def event_answers(**overrides) -> dict:
    data = {
        "event_title": "Lancement de la campagne de vaccination",
        "event_type": "press_conference",
        "event_type_other": "",
        "description": "Conférence de presse du ministère de la Santé.",
        "event_date": next_week().isoformat(),
        "start_time": "09:00",
        "end_time": "11:30",
        "address": "Salle de conférence du ministère, Ouaga 2000",
        "meeting_point": "Entrée principale",
    }
    data.update(overrides)
    return data


def contact_answers(**overrides) -> dict:
    data = {
        "contact_name": "Mariam Kaboré",
        "contact_phone": "70 12 34 56",
        "contact_email": "mariam.kabore@sante.gov.bf",
        "other_contacts": "",
    }
    data.update(overrides)
    return data


def coverage_answers(**overrides) -> dict:
    data = {
        "coverage_type": "video_report",
        "objective": "Annoncer la campagne au JT.",
        "urgency": "normal",
        "answer_wished_by": "",
    }
    data.update(overrides)
    return data


def answers(**overrides) -> dict:
    """The answers of a whole valid request, confirmed."""
    data = {**event_answers(), **contact_answers(), **coverage_answers(), "confirmed": True}
    data.update(overrides)
    return data


# --- Files ---------------------------------------------------------------------------


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def pdf(name: str = "invitation.pdf"):
    return upload(name, pdf_bytes())


def picture_bytes(image_format: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (220, 38, 38)).save(buffer, format=image_format)
    return buffer.getvalue()


def picture(name: str = "affiche.png", image_format: str = "PNG"):
    return upload(name, picture_bytes(image_format), "image/png")


MAIN_TYPES = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
    "docm": ("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
}


def office_bytes(kind: str = "docx", *, content_types: bool = True) -> bytes:
    part, main_type = MAIN_TYPES[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if content_types:
            archive.writestr(
                "[Content_Types].xml",
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                f'package/2006/content-types"><Override PartName="/{part}" '
                f'ContentType="{main_type}"/></Types>',
            )
        archive.writestr(part, "<document/>")
        if kind == "docm":
            archive.writestr("word/vbaProject.bin", b"\x00" * 64)
    return buffer.getvalue()


def odf_bytes(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def ole_bytes(stream: str = "WordDocument") -> bytes:
    """An OLE compound file's first bytes and a directory naming `stream`."""
    name = stream.encode("utf-16-le") + b"\x00\x00"
    return OLE_MAGIC + b"\x00" * 504 + name.ljust(64, b"\x00") + b"\x00" * 448


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


# --- Requests in the database ----------------------------------------------------------


def make_request(*, requester=None, advertiser=None, status=CoverageStatus.NEW, **fields):
    """A coverage request written straight to the database (no rule checked)."""
    values = {
        "event_title": "Inauguration du marché de Rood Woko",
        "event_type": "inauguration",
        "event_date": next_week(),
        "start_time": dt.time(10, 0),
        "end_time": dt.time(12, 0),
        "address": "Rood Woko, Ouagadougou",
        "contact_name": "Issa Traoré",
        "contact_phone": "+22670000000",
        "contact_email": "issa.traore@example.bf",
        "coverage_type": "video_report",
    }
    values.update(fields)
    if advertiser is None and requester is not None:
        advertiser = getattr(requester, "advertiser", None)
    coverage = CoverageRequest.objects.create(
        reference=f"T-{uuid.uuid4().hex[:16]}",
        requester=requester,
        advertiser=advertiser,
        status=status,
        **values,
    )
    CoverageEvent.objects.create(request=coverage, from_status="", to_status=CoverageStatus.NEW)
    return coverage
