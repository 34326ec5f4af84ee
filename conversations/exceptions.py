"""The errors of the conversations: DomainError subclasses with French messages."""

from __future__ import annotations

from core.errors import DomainError


class ConversationError(DomainError):
    """A rule of the conversations was broken; the message is shown as is."""


class Throttled(ConversationError):
    """Too many threads or messages in a short time: the views answer 429."""


class ReadOnly(ConversationError):
    """The thread was closed too long ago to be written in."""
