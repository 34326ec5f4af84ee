"""Spot images and video posters move to the private `spots/` folder under random
names, with their renditions, and into the "Spots des annonceurs" collection,
viewable by the commercial administrators only (docs/decisions/0011-private-spot-media.md).

Before, an image spot was a Wagtail image like any other: its original under
`original_images/<uploader's name>` (checked) but its renditions under `images/`,
served to everyone. Each file is copied to its new name, the rows point to it, and
the old file is deleted only once the migration has committed: a failure leaves
every file where the rows say it is. A file missing from the storage keeps its row
(with the new name, so that nothing rebuilds a public rendition of it)."""

import logging
import posixpath
import uuid

from django.core.files.storage import default_storage
from django.db import migrations, transaction

logger = logging.getLogger(__name__)

COLLECTION_NAME = "Spots des annonceurs"
ADMINISTRATOR_GROUP = "Administrateur commercial"
IMAGE_FOLDER = "spots/images/"
RENDITION_FOLDER = "spots/renditions/"
MARKER = "spot~"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's default, steplen 4
STEPLEN = 4


def _next_step(last: str | None) -> str:
    if not last:
        return "0001"
    number = 0
    for char in last:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    step = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        step = ALPHABET[digit] + step
    return step.rjust(STEPLEN, "0")


def spot_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return None
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    existing = children.filter(name=COLLECTION_NAME).first()
    if existing is not None:
        return existing
    last = children.order_by("-path").values_list("path", flat=True).first()
    collection = Collection.objects.create(
        name=COLLECTION_NAME,
        path=root.path + _next_step(last[-STEPLEN:] if last else None),
        depth=2,
        numchild=0,
    )
    Collection.objects.filter(pk=root.pk).update(numchild=children.count())
    restriction = Restriction.objects.create(collection=collection, restriction_type="groups")
    group = Group.objects.filter(name=ADMINISTRATOR_GROUP).first()
    if group is not None:
        restriction.groups.add(group)
    return collection


def _title(advertiser_name: str, title: str) -> str:
    prefix = f"{advertiser_name} · "
    return title[:255] if title.startswith(prefix) else f"{prefix}{title}"[:255]


def _copy(old: str, new: str, to_delete: list[str]) -> str:
    """Copy `old` to `new` in the storage; the name actually written (or `new` when
    `old` is missing)."""
    if not old or not default_storage.exists(old):
        logger.warning("spot file %s is missing from the storage", old)
        return new
    with default_storage.open(old, "rb") as handle:
        written = default_storage.save(new, handle)
    to_delete.append(old)
    return written


def _rendition_tail(rendition_base: str, old_stem: str) -> str:
    """What Wagtail appended to the (possibly cut) stem of the original in a
    rendition's name: ".max-165x165.png", ".2a3b.fill-80x80.jpg"..."""
    for length in range(len(old_stem), -1, -1):
        if rendition_base.startswith(old_stem[:length] + "."):
            return rendition_base[length:]
    return "." + rendition_base


def move_image(image, Rendition, to_delete: list[str]) -> None:
    old = image.file.name or ""
    extension = posixpath.splitext(old)[1].lower() or ".jpg"
    stem = f"{MARKER}{uuid.uuid4().hex}"
    if not old.startswith(IMAGE_FOLDER):
        image.file.name = _copy(old, f"{IMAGE_FOLDER}{stem}{extension}", to_delete)
    old_stem = posixpath.splitext(posixpath.basename(old))[0]
    stem = posixpath.splitext(posixpath.basename(image.file.name))[0]
    for rendition in Rendition.objects.filter(image_id=image.pk):
        name = rendition.file.name or ""
        if name.startswith(RENDITION_FOLDER):
            continue
        tail = _rendition_tail(posixpath.basename(name), old_stem)
        new_base = stem[: max(len(MARKER), 60 - len(tail))] + tail
        rendition.file.name = _copy(name, RENDITION_FOLDER + new_base, to_delete)
        Rendition.objects.filter(pk=rendition.pk).update(file=rendition.file.name)


def make_spot_media_private(apps, schema_editor):
    Spot = apps.get_model("campaigns", "Spot")
    Image = apps.get_model("wagtailimages", "Image")
    Rendition = apps.get_model("wagtailimages", "Rendition")
    Media = apps.get_model("wagtailmedia", "Media")
    collection = spot_collection(apps)

    owners: dict[tuple[str, int], str] = {}
    for spot in Spot.objects.select_related("advertiser").order_by("pk"):
        for kind, item_id in (
            ("image", spot.image_id),
            ("image", spot.poster_id),
            ("media", spot.media_id),
        ):
            if item_id is not None:
                owners.setdefault((kind, item_id), spot.advertiser.name)

    to_delete: list[str] = []
    image_ids = [pk for kind, pk in owners if kind == "image"]
    for image in Image.objects.filter(pk__in=image_ids).order_by("pk"):
        move_image(image, Rendition, to_delete)
        image.title = _title(owners[("image", image.pk)], image.title)
        if collection is not None:
            image.collection_id = collection.pk
        Image.objects.filter(pk=image.pk).update(
            file=image.file.name, title=image.title, collection_id=image.collection_id
        )
    media_ids = [pk for kind, pk in owners if kind == "media"]
    for media in Media.objects.filter(pk__in=media_ids).order_by("pk"):
        changes = {"title": _title(owners[("media", media.pk)], media.title)}
        if collection is not None:
            changes["collection_id"] = collection.pk
        Media.objects.filter(pk=media.pk).update(**changes)

    def delete_old_files():
        for name in to_delete:
            try:
                default_storage.delete(name)
            except Exception:  # noqa: BLE001 - a leftover file is not worth a failure
                logger.warning("could not delete the old spot file %s", name)

    transaction.on_commit(delete_old_files, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0004_made_spot_client_review"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailmedia", "0005_alter_media_options"),
    ]

    operations = [
        migrations.RunPython(make_spot_media_private, migrations.RunPython.noop),
    ]
