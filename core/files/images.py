"""What a picture really is, as Pillow reads it (header and integrity)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImageFacts:
    format: str  # Pillow's name: "JPEG", "PNG", "WEBP", "GIF"...
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


def read_image(upload) -> ImageFacts | None:
    """The format and size of the picture in an open file (an upload), checked by
    Pillow's `verify()`; None when Pillow cannot read it. The file is left at its
    start."""
    from PIL import Image, UnidentifiedImageError

    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        upload.seek(0)
    return ImageFacts(format=image_format or "", width=width, height=height)
