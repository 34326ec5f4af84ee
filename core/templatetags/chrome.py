"""`{% page_generation as generation %}`: the public pages' cache generation
(core/page_cache.py), bumped when a page, the rate card or the site settings
change; the key of fragments cached with `{% cache %}` that show those."""

from django import template

from core.page_cache import current_generation

register = template.Library()


@register.simple_tag
def page_generation() -> str:
    return current_generation() or ""
