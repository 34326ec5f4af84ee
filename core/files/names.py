"""The name of an uploaded file as its user chose it, fit for a page."""

from __future__ import annotations

from django.utils.translation import gettext as _


def display_name(upload, *, max_length: int = 80) -> str:
    """The file's name without its folder, at most `max_length` characters."""
    name = str(getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = name.strip() or _("(no name)")
    return name if len(name) <= max_length else f"{name[: max_length - 3]}…"
