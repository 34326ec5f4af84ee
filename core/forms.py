"""Form helpers every app shares: single-line text fields refuse line breaks.

A line break in a title or a name would later end up in an e-mail subject or a
document header (where it is forbidden), so it is refused where it is typed."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# CR, LF and every other character Python's str.splitlines() breaks a line on.
LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

LINE_BREAK_MESSAGE = _("This field must fit on one line: remove the line breaks.")


def refuse_line_breaks(value) -> None:
    """Validator for a single-line text field."""
    if isinstance(value, str) and LINE_BREAKS.search(value):
        raise ValidationError(LINE_BREAK_MESSAGE, code="line_break")


def one_line(value: str) -> str:
    """`value` with its line breaks replaced by spaces (for text already stored)."""
    return " ".join(LINE_BREAKS.sub(" ", value or "").split())


def is_single_line(field: forms.Field) -> bool:
    """A text field typed on one line: not a multi-line area, not a password."""
    if not isinstance(field, forms.CharField):
        return False
    widget = field.widget
    return not isinstance(widget, forms.Textarea | forms.PasswordInput)


def add_single_line_validators(form: forms.BaseForm) -> None:
    """Refuse line breaks in every single-line text field of `form`."""
    for field in form.fields.values():
        if is_single_line(field) and refuse_line_breaks not in field.validators:
            field.validators.append(refuse_line_breaks)


class SingleLineFieldsMixin:
    """Put before forms.Form / forms.ModelForm: every single-line text field of
    the form refuses line breaks with a French message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_single_line_validators(self)
