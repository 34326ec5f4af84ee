"""Factories of the conversations' tests: threads with their first message, and
uploaded files that are (or pretend to be) documents."""

from __future__ import annotations

import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from accounts.tests.factories import AdvertiserUserFactory

from ..models import Message, Team, Thread, ThreadKind, ThreadStatus


class ThreadFactory(DjangoModelFactory):
    """A thread of an advertiser's company, with no message (use `with_message`)."""

    class Meta:
        model = Thread

    title = factory.Sequence(lambda n: f"Question {n}")
    kind = ThreadKind.QUESTION
    team = Team.COMMERCIAL
    status = ThreadStatus.OPEN
    created_by = factory.SubFactory(AdvertiserUserFactory)
    advertiser = factory.LazyAttribute(lambda thread: thread.created_by.advertiser)
    last_message_at = factory.LazyFunction(timezone.now)


class MessageFactory(DjangoModelFactory):
    class Meta:
        model = Message

    thread = factory.SubFactory(ThreadFactory)
    author = factory.LazyAttribute(lambda message: message.thread.created_by)
    body = factory.Sequence(lambda n: f"Message {n}")


def with_message(thread: Thread, *, author=None, body: str = "Bonjour", from_staff=False):
    """Add a message to `thread` and keep its denormalised fields right."""
    message = MessageFactory(
        thread=thread, author=author or thread.created_by, body=body, from_staff=from_staff
    )
    thread.last_message_id = message.pk
    thread.last_message_at = message.created_at
    thread.message_count += 1
    thread.save(update_fields=["last_message_id", "last_message_at", "message_count"])
    return message


def pdf_file(name: str = "devis.pdf", size: int = 0) -> SimpleUploadedFile:
    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if size > len(content):
        content += b"0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_file(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (220, 38, 38)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def exe_as_pdf(name: str = "facture.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")


def text_as_png(name: str = "capture.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"just some text, not a picture\n", content_type="image/png")


def mp4_file(name: str = "spot.mp4") -> SimpleUploadedFile:
    content = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 400
    return SimpleUploadedFile(name, content, content_type="video/mp4")
