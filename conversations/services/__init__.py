"""The writes of the conversations (keyword-only, atomic, ConversationError with a
French message on a broken rule; nothing written or stored on refusal)."""

from ..exceptions import ConversationError, ReadOnly, Throttled
from .messages import edit_message, hide_message, post_message
from .reads import mark_read
from .rules import EDIT_WINDOW, MAX_BODY_CHARS, READ_ONLY_AFTER, is_read_only
from .threads import assign, close, open_thread, share_with_advertiser

__all__ = [
    "EDIT_WINDOW",
    "MAX_BODY_CHARS",
    "READ_ONLY_AFTER",
    "ConversationError",
    "ReadOnly",
    "Throttled",
    "assign",
    "close",
    "edit_message",
    "hide_message",
    "is_read_only",
    "mark_read",
    "open_thread",
    "post_message",
    "share_with_advertiser",
]
