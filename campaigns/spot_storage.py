"""Turn a finished, checked upload into a stored spot.

`store_spot()` copies the file into the media storage as a wagtailmedia `Media`
item (a video, with its duration, size and a poster thumbnail) or a Wagtail
`Image`, then records the spot through `services.add_spot` (which checks the
campaign and notifies). Everything happens in one transaction; on any failure
every file written to the storage is deleted again, so a refused upload leaves
no file and no row behind. The caller removes the chunked upload itself."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import get_valid_filename

from . import services
from .media_checks import SpotReport, extract_poster
from .models import Spot, SpotKind

EXTENSIONS = {"mp4": "mp4", "mov": "mov", "jpeg": "jpg", "png": "png", "webp": "webp"}


def _names(original: str, container: str | None) -> tuple[str, str]:
    """(title, file name) from the client's file name, the extension from the
    content actually found."""
    base = os.path.splitext(os.path.basename(original or ""))[0] or "spot"
    title = base[:200]
    stem = get_valid_filename(base)[:80] or "spot"
    return title, f"{stem}.{EXTENSIONS.get(container or '', 'bin')}"


def _dimensions(source) -> tuple[int, int]:
    from PIL import Image as PillowImage

    with PillowImage.open(source) as picture:
        return picture.size


def _store_video(path: Path, report: SpotReport, *, title: str, name: str, user, written):
    from wagtail.images import get_image_model
    from wagtailmedia.models import get_media_model

    media = get_media_model()(
        title=title,
        type="video",
        duration=report.duration or 0,
        width=report.width,
        height=report.height,
        uploaded_by_user=user,
    )
    with open(path, "rb") as handle:
        media.file.save(name, File(handle), save=False)
    written.append(media.file.name)

    poster = None
    try:
        still = extract_poster(path)
    except ValueError:
        still = None
    if still:
        stem = os.path.splitext(name)[0]
        media.thumbnail.save(f"{stem}-poster.jpg", ContentFile(still), save=False)
        written.append(media.thumbnail.name)
        poster = get_image_model()(title=title, uploaded_by_user=user)
        poster.file.save(f"{stem}-poster.jpg", ContentFile(still), save=False)
        poster.width, poster.height = _dimensions(io.BytesIO(still))
        written.append(poster.file.name)
        poster.save()
    media.save()
    return media, poster


def _store_image(path: Path, *, title: str, name: str, user, written):
    from wagtail.images import get_image_model

    image = get_image_model()(title=title, uploaded_by_user=user)
    with open(path, "rb") as handle:
        image.file.save(name, File(handle), save=False)
    image.width, image.height = _dimensions(path)
    written.append(image.file.name)
    image.save()
    return image


def _delete(names: list[str]) -> None:
    for name in names:
        with contextlib.suppress(Exception):
            default_storage.delete(name)


def store_spot(
    *,
    campaign,
    user,
    path: str | os.PathLike,
    filename: str,
    report: SpotReport,
    replaces: Spot | None = None,
) -> Spot:
    """Store the checked file at `path` (its `report` must be ok) and record it as a
    spot of `campaign` awaiting review. Raises `CampaignError` (from the service)
    or any storage error; in every failure nothing is left behind."""
    if not report.ok:
        raise ValueError("a refused file cannot be stored")
    path = Path(path)
    title, name = _names(filename, report.container)
    written: list[str] = []
    try:
        with transaction.atomic():
            if report.kind == SpotKind.VIDEO:
                media, poster = _store_video(
                    path, report, title=title, name=name, user=user, written=written
                )
                image = None
            else:
                image = _store_image(path, title=title, name=name, user=user, written=written)
                media = poster = None
            spot = services.add_spot(
                campaign=campaign,
                user=user,
                kind=report.kind,
                media=media,
                image=image,
                declared_length=campaign.spot_length,
                technical_report=report.as_dict(),
                poster=poster,
                replaces=replaces,
            )
    except BaseException:
        _delete(written)
        raise
    return spot
