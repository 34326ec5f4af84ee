"""Turn a finished, checked upload into a stored spot.

`store_spot()` copies the file into the media storage as a wagtailmedia `Media`
item (a video, with its duration, size and a poster thumbnail) or a Wagtail
`Image`, then records the spot through `services.add_spot` (which checks the
campaign and notifies). Everything happens in one transaction; on any failure
every file written to the storage is deleted again, so a refused upload leaves
no file and no row behind. The caller removes the chunked upload itself.

Every file gets a random name (never the uploader's file name, which stays only
in the title); images and posters go to the private `spots/` folder and their
renditions with them (`spot_files`), and every item goes to the spots collection
under the advertiser's name (docs/decisions/0011-private-spot-media.md)."""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from . import services
from .media_checks import SpotReport, extract_poster
from .models import Spot, SpotKind
from .spot_files import (
    SPOT_COLLECTION_NAME,
    SPOT_FOLDER,
    library_title,
    spot_collection,
    spot_image_name,
)

logger = logging.getLogger(__name__)

EXTENSIONS = {"mp4": "mp4", "mov": "mov", "jpeg": "jpg", "png": "png", "webp": "webp"}


def _title(original: str, advertiser_name: str) -> str:
    """The library title: the advertiser's name and the client's file name without
    its extension."""
    base = os.path.splitext(os.path.basename(original or ""))[0] or "spot"
    return library_title(advertiser_name, base[:200])


def _dimensions(source) -> tuple[int, int]:
    from PIL import Image as PillowImage

    with PillowImage.open(source) as picture:
        return picture.size


def new_spot_image(
    content, *, extension: str, title: str, user=None, collection=None, written=None
):
    """A Wagtail image (a spot's image or poster) whose original is stored under
    `spots/images/` with a random name, in the spots collection; the name written
    is appended to `written`."""
    from wagtail.images import get_image_model

    if collection is None:
        collection = spot_collection()
    name = default_storage.save(spot_image_name(extension), content)
    if written is not None:
        written.append(name)
    image = get_image_model()(title=title, uploaded_by_user=user, collection=collection)
    image.file = name
    image.file_size = default_storage.size(name)
    with default_storage.open(name, "rb") as handle:
        image.width, image.height = _dimensions(handle)
    image.save()
    return image


def _store_video(path: Path, report: SpotReport, *, title: str, user, collection, written):
    from wagtailmedia.models import get_media_model

    stem = uuid.uuid4().hex
    extension = EXTENSIONS.get(report.container or "", "bin")
    media = get_media_model()(
        title=title,
        type="video",
        duration=report.duration or 0,
        width=report.width,
        height=report.height,
        uploaded_by_user=user,
        collection=collection,
    )
    with open(path, "rb") as handle:
        media.file.save(f"{stem}.{extension}", File(handle), save=False)
    written.append(media.file.name)

    poster = None
    try:
        still = extract_poster(path)
    except ValueError:
        still = None
    if still:
        media.thumbnail.save(f"{stem}-poster.jpg", ContentFile(still), save=False)
        written.append(media.thumbnail.name)
        poster = new_spot_image(
            ContentFile(still),
            extension="jpg",
            title=title,
            user=user,
            collection=collection,
            written=written,
        )
    media.save()
    return media, poster


def _store_image(path: Path, report: SpotReport, *, title: str, user, collection, written):
    with open(path, "rb") as handle:
        return new_spot_image(
            File(handle),
            extension=EXTENSIONS.get(report.container or "", "bin"),
            title=title,
            user=user,
            collection=collection,
            written=written,
        )


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
    title = _title(filename, campaign.advertiser.name)
    written: list[str] = []
    try:
        with transaction.atomic():
            collection = spot_collection()
            store = _store_video if report.kind == SpotKind.VIDEO else _store_image
            stored = store(
                path, report, title=title, user=user, collection=collection, written=written
            )
            if report.kind == SpotKind.VIDEO:
                (media, poster), image = stored, None
            else:
                image, media, poster = stored, None, None
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


def keep_spot_image_private(sender, instance, raw=False, **kwargs):
    """`post_save` of Wagtail images: when the commercial team replaces the file of
    a spot's image or poster in the image library, Wagtail stores it under
    `original_images/` with the uploader's name, where its renditions would be
    public; move it to a random name under `spots/images/` at once."""
    name = getattr(instance.file, "name", "") or ""
    if raw or not name or name.startswith(SPOT_FOLDER):
        return
    from django.db.models import Q

    used = Spot.objects.filter(Q(image_id=instance.pk) | Q(poster_id=instance.pk)).exists()
    if not used and not (
        instance.collection_id and instance.collection.name == SPOT_COLLECTION_NAME
    ):
        return
    try:
        with default_storage.open(name, "rb") as handle:
            new = default_storage.save(spot_image_name(os.path.splitext(name)[1]), handle)
    except OSError:
        logger.warning("spot image file %s could not be moved", name)
        return
    type(instance).objects.filter(pk=instance.pk).update(file=new)
    instance.file.name = new
    instance.renditions.all().delete()
    transaction.on_commit(lambda: _delete([name]))
