"""Where the files of spot images and video posters live, and under which names
(docs/decisions/0011-private-spot-media.md).

A spot's image (or a video's poster) is a Wagtail `Image` whose original is stored
under `spots/images/` with a random name, `spot~<32 hex>.<ext>`: never the uploader's
file name. Wagtail names each rendition after its original (`<stem>.<filter>.<ext>`)
and puts it under `images/`, the folder nginx serves to everyone; the rendition
storage below (`WAGTAILIMAGES_RENDITION_STORAGE`) sends the renditions of a `spot~`
original to `spots/renditions/` instead. Everything under `spots/` reaches the
browser only through `accounts.views.media.serve_private_media`, which asks
`campaigns.media_access` who may read it.

The `~` cannot appear in the name of an image uploaded to the Wagtail library
(Django's `get_valid_name` removes it), so no other image is mistaken for a spot.

This module imports no model: Wagtail builds the rendition storage while the
models load."""

from __future__ import annotations

import os
import posixpath
import uuid

from django.core.files.storage import Storage, default_storage
from django.utils.deconstruct import deconstructible

SPOT_FOLDER = "spots/"
SPOT_IMAGE_FOLDER = "spots/images/"
SPOT_RENDITION_FOLDER = "spots/renditions/"
PUBLIC_RENDITION_FOLDER = "images/"
MARKER = "spot~"


def new_stem() -> str:
    """A random file stem for a spot file: `spot~` and 32 hex digits."""
    return f"{MARKER}{uuid.uuid4().hex}"


def spot_image_name(extension: str) -> str:
    """Where a new spot image (or poster) original goes: `spots/images/spot~<hex>.<ext>`."""
    extension = (extension or "bin").lstrip(".").lower()
    return f"{SPOT_IMAGE_FOLDER}{new_stem()}.{extension}"


def is_spot_file_name(name: str) -> bool:
    """Whether the base name of `name` is one of a spot file (an original or one of
    its renditions)."""
    return posixpath.basename(name or "").startswith(MARKER)


def rendition_name(name: str) -> str:
    """The storage name of a rendition: renditions of spot originals move from the
    public `images/` folder to `spots/renditions/`, any other name is kept."""
    folder, base = posixpath.split(name)
    if base.startswith(MARKER) and folder + "/" == PUBLIC_RENDITION_FOLDER:
        return SPOT_RENDITION_FOLDER + base
    return name


@deconstructible(path="campaigns.spot_files.RenditionStorage")
class RenditionStorage(Storage):
    """The media storage (local disk or S3, whatever `default` is) for Wagtail
    renditions, except that the renditions of spot images are written under
    `spots/renditions/` and their URLs go through the permission-checked view."""

    @property
    def _backend(self):
        return default_storage

    def get_valid_name(self, name):
        if name.startswith(MARKER):
            return MARKER + self._backend.get_valid_name(name[len(MARKER) :])
        return self._backend.get_valid_name(name)

    def generate_filename(self, filename):
        return rendition_name(super().generate_filename(filename).replace(os.sep, "/"))

    def get_available_name(self, name, max_length=None):
        return self._backend.get_available_name(name, max_length=max_length)

    def _open(self, name, mode="rb"):
        return self._backend.open(name, mode)

    def _save(self, name, content):
        return self._backend.save(name, content)

    def delete(self, name):
        return self._backend.delete(name)

    def exists(self, name):
        return self._backend.exists(name)

    def listdir(self, path):
        return self._backend.listdir(path)

    def size(self, name):
        return self._backend.size(name)

    def path(self, name):
        return self._backend.path(name)

    def url(self, name):
        if name and name.startswith(SPOT_FOLDER):
            # Never a direct (or pre-signed S3) address: the permission check
            # serves it under MEDIA_URL.
            from django.conf import settings
            from django.utils.encoding import filepath_to_uri

            return f"{settings.MEDIA_URL}{filepath_to_uri(name)}"
        return self._backend.url(name)

    def get_accessed_time(self, name):
        return self._backend.get_accessed_time(name)

    def get_created_time(self, name):
        return self._backend.get_created_time(name)

    def get_modified_time(self, name):
        return self._backend.get_modified_time(name)


# --- The library collection of spots ----------------------------------------------

SPOT_COLLECTION_NAME = "Spots des annonceurs"
LIBRARY_TITLE_MAX = 255


def library_title(advertiser_name: str, title: str) -> str:
    """The title of a spot's file in the Wagtail libraries: the advertiser's name
    first, so that the commercial team sees whose creative it is."""
    prefix = f"{advertiser_name} · "
    if title.startswith(prefix):
        return title[:LIBRARY_TITLE_MAX]
    return f"{prefix}{title}"[:LIBRARY_TITLE_MAX]


def spot_collection():
    """The Wagtail collection that holds the spot images, posters and videos (made
    by migration campaigns 0005; made again here if someone removed it), viewable
    only by the commercial administrators."""
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    collection = root.get_children().filter(name=SPOT_COLLECTION_NAME).first()
    if collection is not None:
        return collection
    from django.contrib.auth.models import Group

    from accounts.roles import GROUP_NAMES, Role

    collection = root.add_child(name=SPOT_COLLECTION_NAME)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    group = Group.objects.filter(name=GROUP_NAMES[Role.ADMINISTRATOR]).first()
    if group is not None:
        restriction.groups.add(group)
    return collection
