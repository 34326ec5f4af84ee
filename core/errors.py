"""The one exception type a business rule raises, and the one way a form shows it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS


class DomainError(Exception):
    """A business rule was broken. `message` is shown to the user as is (already
    translated); `field_errors` maps form fields ("title", "start_date",
    "bands.0"...) to their messages, so that a form can show each one beside its
    field. Apps subclass it only where a caller must tell their errors apart."""

    def __init__(self, message, field_errors: dict[str, list[str]] | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field_errors: dict[str, list[str]] = {
            key: [str(m) for m in messages] for key, messages in (field_errors or {}).items()
        }

    @property
    def messages(self) -> list[str]:
        """Every message, the general one first (for a flash message)."""
        found = [self.message]
        for messages in self.field_errors.values():
            found.extend(m for m in messages if m not in found)
        return found


def add_domain_errors(form: forms.Form, error: DomainError, *, summary: bool = False) -> None:
    """Show `error` on `form`: each field error beside its field when the form has
    that field (a dotted key such as "bands.0" goes to its first part), others at
    the top of the form, never twice. The general message goes at the top too when
    `summary` is set (admin screens), otherwise only when no field error was shown."""
    placed = False
    general = getattr(error, "message", str(error))
    for key, messages in getattr(error, "field_errors", {}).items():
        name = key.split(".", 1)[0]
        target = name if name in form.fields else None
        for message in messages:
            if target is None and summary and message == general:
                continue
            if message in form.errors.get(target or NON_FIELD_ERRORS, []):
                continue
            form.add_error(target, message)
            placed = True
    if (summary or not placed) and general not in form.errors.get(NON_FIELD_ERRORS, []):
        form.add_error(None, general)
