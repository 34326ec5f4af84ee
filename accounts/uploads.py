"""Checks an uploaded picture by its bytes, not by its name or declared type
(`core.files.read_image` reads it; the photo's types, limits and messages are here)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.files import IMAGE_KINDS, read_image, sniff_upload

ALLOWED_FORMATS = {name: kind.extension for name, kind in IMAGE_KINDS.items()}
MAX_PIXELS = 40_000_000


def check_photo(upload) -> str:
    """Validate a profile photo; return the extension matching its real format."""
    max_bytes = settings.PROFILE_PHOTO_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("The photo is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)}
        )
    facts = read_image(upload)
    if facts is None:
        raise ValidationError(
            _("This file is not a picture we can read. Send a JPEG, PNG or WebP photo.")
        )
    if facts.format not in ALLOWED_FORMATS:
        raise ValidationError(_("Send a JPEG, PNG or WebP photo."))
    if facts.pixels > MAX_PIXELS:
        raise ValidationError(_("The photo has too many pixels; send a smaller picture."))
    return ALLOWED_FORMATS[facts.format]


CATEGORY_DOCUMENT_FORMATS = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}
MAX_CATEGORY_DOCUMENT_BYTES = 10 * 1024 * 1024


def check_category_document(upload) -> str:
    """Validate the document supporting a category request (statutes, receipt of
    declaration, ministry approval…) by its bytes; return its real extension."""
    size = getattr(upload, "size", None)
    if not size:
        raise ValidationError(_("The file is empty."))
    if size > MAX_CATEGORY_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is too large; the limit is %(limit)s MB.")
            % {"limit": MAX_CATEGORY_DOCUMENT_BYTES // (1024 * 1024)}
        )
    kind = sniff_upload(upload)
    if kind not in CATEGORY_DOCUMENT_FORMATS:
        raise ValidationError(_("Send the document as a PDF, JPEG or PNG file."))
    return CATEGORY_DOCUMENT_FORMATS[kind]
