"""Template filters of the editorial pages."""

from django import template

from ..labels import urgency_label as _urgency_label

register = template.Library()


@register.filter
def urgency_label(value) -> str:
    """`{{ coverage.urgency|urgency_label }}`: "normale", as it reads after "Urgence :"."""
    return _urgency_label(value)
