"""French typography in templates: `{% load fr %}`, then

    {{ seconds|fr_seconds }}         187 740 s          {{ duration|fr_seconds:1 }}  30,0 s
    {{ value|fr_number }}            187 740            {{ value|fr_number:1 }}      1 234,5
    {{ report.loudness_lufs|fr_lufs }}  −23,0 LUFS
    {{ report.frame_rate|fr_fps }}   25 i/s  (also "25/1", "30000/1001")
    {{ size_bytes|fr_filesize }}     1 Go, 20 Mo, 1,5 Mo
    {{ day|fr_date }}                1er décembre 2026  {{ day|fr_date:"l j F" }}
    {{ text|fr_punct }}              no-break spaces before : ; ! ? and inside « »

The rules are in core/typography.py; in English the same filters write English."""

from django import template

from core import typography

register = template.Library()


def _places(arg) -> int | None:
    try:
        return int(arg)
    except (TypeError, ValueError):
        return None


@register.filter(is_safe=True)
def fr_number(value, places=None):
    return typography.number(value, _places(places))


@register.filter(is_safe=True)
def fr_seconds(value, places=0):
    return typography.seconds(value, _places(places))


@register.filter(is_safe=True)
def fr_lufs(value):
    return typography.lufs(value)


@register.filter(is_safe=True)
def fr_fps(value):
    return typography.frame_rate(value)


@register.filter(is_safe=True)
def fr_filesize(value):
    return typography.file_size(value)


@register.filter(is_safe=True, expects_localtime=True)
def fr_date(value, fmt="j F Y"):
    return typography.date(value, fmt or "j F Y")


@register.filter(is_safe=True)
def fr_punct(value):
    return typography.punctuation(value)
