"""Template filters of the broadcasting screens."""

from django import template

from ..selectors.bands import band_name as _band_name

register = template.Library()


@register.filter
def band_name(code: str, names: dict | None = None) -> str:
    """`{{ brk.band_code|band_name }}`: "Matinée", not "matinee" (with the
    page's `band_names` as argument, no lookup per row)."""
    return _band_name(code, names if isinstance(names, dict) else None)
