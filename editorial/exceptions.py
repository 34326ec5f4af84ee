"""The one exception type of the editorial domain."""

from __future__ import annotations


class EditorialError(Exception):
    """A business rule of the editorial desk was broken. `message` is shown to
    the user as is (already translated); `field_errors` maps form fields
    ("event_date", "attachments"...) to their messages, so that a form can show
    each one beside its field."""

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
