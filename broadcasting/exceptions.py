"""The one exception type of the broadcasting domain."""

from __future__ import annotations


class BroadcastError(Exception):
    """A rule of the running order was broken; `message` is shown to the user as
    is (already translated)."""

    def __init__(self, message, field_errors: dict[str, list[str]] | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field_errors = {k: [str(m) for m in v] for k, v in (field_errors or {}).items()}
